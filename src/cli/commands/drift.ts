/** `waba drift --env NAME`: classifies how the live WABA differs from the config. Exit 0 clean, 2 drift, 1 error. */
import type { Command } from "commander";
import { emit, loadEnvironmentOrReport, parseReportFormat, reportAwsError } from "../../gitops/cli-support.ts";
import { buildDrift } from "../../gitops/drift.ts";
import { clientFor } from "../../gitops/live.ts";
import { REPORT_FORMATS, renderDrift } from "../../gitops/render.ts";

/** Registers `waba drift`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("drift")
    .description(
      "Report drift between an environment's config and live EUM: edited outside the config, changed by Meta " +
        "(status, category, quality), deleted outside the config, display name mismatch, unmanaged. " +
        "Exit 0 when clean (unmanaged templates allowed), 2 on drift, 1 on errors.",
    )
    .requiredOption("--env <name>", "environment (config/envs/<name>.yaml)")
    .option("--config <dir>", "config directory", "config")
    .option("--format <format>", `output format: ${REPORT_FORMATS.join(", ")}`, "text")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option("--endpoint <url>", "EUM endpoint (default: AWS_ENDPOINT_URL_SOCIALMESSAGING, then AWS)")
    .option("--fail-on-unmanaged", "count unmanaged live templates as drift")
    .action(
      async (o: {
        env: string;
        config: string;
        format: string;
        out?: string;
        endpoint?: string;
        failOnUnmanaged?: boolean;
      }) => {
        const format = parseReportFormat(o.format);
        const env = await loadEnvironmentOrReport(o.config, o.env);
        if (!env) return setExit(1);
        try {
          const report = await buildDrift(env, clientFor(env.region, o.endpoint));
          if (o.failOnUnmanaged && report.findings.length > 0) report.drifted = true;
          emit(renderDrift(env.name, env.wabaId, report, format), o.out);
          setExit(report.drifted ? 2 : 0);
        } catch (err) {
          if (!reportAwsError(err)) throw err;
          setExit(1);
        }
      },
    );
}
