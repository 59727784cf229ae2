/** `waba plan --env NAME`: declared state against live EUM for one environment, read-only. */
import type { Command } from "commander";
import { emit, loadEnvironmentOrReport, parseReportFormat, reportAwsError } from "../../gitops/cli-support.ts";
import { clientFor } from "../../gitops/live.ts";
import { buildPlan } from "../../gitops/plan.ts";
import { REPORT_FORMATS, renderPlan } from "../../gitops/render.ts";

/** Registers `waba plan`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("plan")
    .description(
      "Show what applying an environment would change at Meta (creates, field-level updates, replacements, deletions) " +
        "and warnings, without changing anything. Exit 0 on success (changes or not), 1 on errors, 2 on usage errors.",
    )
    .requiredOption("--env <name>", "environment (config/envs/<name>.yaml)")
    .option("--config <dir>", "config directory", "config")
    .option("--format <format>", `output format: ${REPORT_FORMATS.join(", ")}`, "text")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--endpoint <url>", "EUM endpoint (default: AWS_ENDPOINT_URL_SOCIALMESSAGING, then AWS)")
    .option(
      "--baseline <dir>",
      "config directory the change replaces (e.g. the PR base branch): templates it declared and this one does not are deletions",
    )
    .action(
      async (o: {
        env: string;
        config: string;
        format: string;
        out?: string;
        endpoint?: string;
        baseline?: string;
      }) => {
        const format = parseReportFormat(o.format);
        const env = await loadEnvironmentOrReport(o.config, o.env);
        if (!env) return setExit(1);
        try {
          const report = await buildPlan(env, clientFor(env.region, o.endpoint), { baselineRoot: o.baseline });
          emit(renderPlan(report, format), o.out);
          setExit(0);
        } catch (err) {
          if (!reportAwsError(err)) throw err;
          setExit(1);
        }
      },
    );
}
