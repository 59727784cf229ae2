/** `waba validate [PATH] [--env NAME] [--format text|json|github]`: review-time validation of declared config. */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { FORMATS, type Format, formatProblems, summarize } from "../../config/format.ts";
import { listEnvironments } from "../../config/load.ts";
import { isValid, validateConfig } from "../../config/validate.ts";
import { UsageError } from "../errors.ts";

/** Registers `waba validate`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description(
      "Check declared config (schemas, Meta rules, references) and print every problem. " +
        "Exit 0 when valid (warnings allowed), 1 on errors, 2 on usage errors.",
    )
    .argument("[path]", "config directory or a single file", "config")
    .option("--env <name>", "apply the environment overlay envs/<name>.yaml (default: base declarations only)")
    .option("--format <format>", `output format: ${FORMATS.join(", ")}`, "text")
    .action(async (path: string, o: { env?: string; format: string }) => {
      if (!(FORMATS as readonly string[]).includes(o.format))
        throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${o.format}"`);
      const format = o.format as Format;
      if (!existsSync(path)) throw new UsageError(`path "${path}" does not exist`);
      if (o.env !== undefined) {
        if (!statSync(path).isDirectory())
          throw new UsageError(`--env needs a config directory, and "${path}" is a file`);
        const envs = await listEnvironments(path);
        if (!envs.includes(o.env))
          throw new UsageError(`unknown environment "${o.env}" (in ${path}/envs: ${envs.join(", ") || "none"})`);
      }
      const { model, problems } = await validateConfig(path, { env: o.env });
      process.stdout.write(formatProblems(problems, format));
      if (format === "text") process.stderr.write(`${summarize(problems, model.files.length)}\n`);
      setExit(isValid(problems) ? 0 : 1);
    });
}
