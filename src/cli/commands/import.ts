/** `waba import --env NAME --out DIR`: writes the live WABA's templates as config files, to adopt an existing estate. */
import type { Command } from "commander";
import { loadEnvironmentOrReport, reportAwsError } from "../../gitops/cli-support.ts";
import { ImportConflictError, importEstate } from "../../gitops/import.ts";
import { clientFor } from "../../gitops/live.ts";
import { UsageError } from "../errors.ts";

/** Registers `waba import`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("import")
    .description(
      "Read every template of an environment's live WABA and write it as YAML under DIR/base/templates " +
        "(plus DIR/envs/<env>.yaml when missing). Exit 0 on success, 1 on errors, 2 on usage errors.",
    )
    .requiredOption("--env <name>", "environment whose WABA to read (config/envs/<name>.yaml)")
    .requiredOption("--out <dir>", "config root to write into")
    .option("--config <dir>", "config directory holding the environment", "config")
    .option("--endpoint <url>", "EUM endpoint (default: AWS_ENDPOINT_URL_SOCIALMESSAGING, then AWS)")
    .option("--force", "overwrite template files that already exist")
    .action(async (o: { env: string; out: string; config: string; endpoint?: string; force?: boolean }) => {
      const env = await loadEnvironmentOrReport(o.config, o.env);
      if (!env) return setExit(1);
      const target = env.model.environment?.value;
      if (!target) return setExit(1);
      try {
        const r = await importEstate(clientFor(env.region, o.endpoint), target, o.out, { force: o.force });
        for (const f of r.written) process.stdout.write(`wrote ${f}\n`);
        for (const f of r.skipped) process.stdout.write(`kept ${f} (exists)\n`);
        process.stderr.write(`imported ${r.templates} template-language(s) from ${env.wabaId} into ${o.out}\n`);
        setExit(0);
      } catch (err) {
        if (err instanceof ImportConflictError) throw new UsageError(err.message);
        if (!reportAwsError(err)) throw err;
        setExit(1);
      }
    });
}
