/** Shared pieces of the GitOps subcommands: option checks, loading with clear errors, writing output. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../cli/errors.ts";
import { formatProblems } from "../config/format.ts";
import { ConfigError } from "../config/problem.ts";
import { AwsCallError } from "../eum/errors.ts";
import { type LoadedEnvironment, loadEnvironment, UnknownEnvironmentError } from "./environment.ts";
import { REPORT_FORMATS, type ReportFormat } from "./render.ts";

/** Checks `--format`. */
export function parseReportFormat(f: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}, got "${f}"`);
  return f as ReportFormat;
}

/** Loads an environment; an unknown one is a usage error, an invalid config prints its problems and returns undefined. */
export async function loadEnvironmentOrReport(root: string, env: string): Promise<LoadedEnvironment | undefined> {
  try {
    return await loadEnvironment(root, env);
  } catch (err) {
    if (err instanceof UnknownEnvironmentError) throw new UsageError(err.message);
    if (err instanceof ConfigError) {
      process.stderr.write(
        formatProblems(
          err.problems.filter((p) => p.severity === "error"),
          "text",
        ),
      );
      process.stderr.write(`waba: the config of environment "${env}" is invalid; run \`waba validate --env ${env}\`\n`);
      return undefined;
    }
    throw err;
  }
}

/** Reports an EUM failure (operation, resource, error name, request id) and returns true; false for anything else. */
export function reportAwsError(err: unknown): boolean {
  if (!(err instanceof AwsCallError)) return false;
  process.stderr.write(`waba: ${err.message}\n`);
  return true;
}

/** Writes to `--out FILE` (creating its directory) or stdout. */
export function emit(text: string, out: string | undefined): void {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}
