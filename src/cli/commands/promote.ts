/** `waba promote --from A --to B [--write]`: what B would receive from A, gated on A's live approval status. */
import type { Command } from "commander";
import { emit, loadEnvironmentOrReport, parseReportFormat, reportAwsError } from "../../gitops/cli-support.ts";
import { clientFor } from "../../gitops/live.ts";
import { buildPromotion, writePromotion } from "../../gitops/promote.ts";
import { REPORT_FORMATS, renderPromotion } from "../../gitops/render.ts";
import { UsageError } from "../errors.ts";

/** Registers `waba promote`. */
export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command("promote")
    .description(
      "Show which templates environment B would receive from A (only those APPROVED in A's live WABA unless " +
        "--include-unapproved); --write edits config/envs/<B>.yaml (comments kept) for a pull request. " +
        "Exit 0 on success, 1 on errors, 2 on usage errors.",
    )
    .requiredOption("--from <env>", "source environment (its live WABA gates the promotion)")
    .requiredOption("--to <env>", "target environment whose overlay changes")
    .option("--config <dir>", "config directory", "config")
    .option("--write", "write the target overlay file")
    .option("--include-unapproved", "also promote templates that are not APPROVED in the source environment")
    .option("--format <format>", `output format: ${REPORT_FORMATS.join(", ")}`, "text")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option(
      "--endpoint <url>",
      "EUM endpoint of the source environment (default: AWS_ENDPOINT_URL_SOCIALMESSAGING, then AWS)",
    )
    .action(
      async (o: {
        from: string;
        to: string;
        config: string;
        write?: boolean;
        includeUnapproved?: boolean;
        format: string;
        out?: string;
        endpoint?: string;
      }) => {
        const format = parseReportFormat(o.format);
        if (o.from === o.to) throw new UsageError("--from and --to must name different environments");
        const from = await loadEnvironmentOrReport(o.config, o.from);
        const to = from && (await loadEnvironmentOrReport(o.config, o.to));
        if (!from || !to) return setExit(1);
        try {
          const r = await buildPromotion(o.config, from, to, clientFor(from.region, o.endpoint), {
            includeUnapproved: o.includeUnapproved,
          });
          emit(renderPromotion(r, format), o.out);
          if (o.write) {
            const wrote = await writePromotion(o.config, r);
            process.stderr.write(
              wrote ? `wrote ${o.config}/${r.file}\n` : `nothing to write; ${o.config}/${r.file} unchanged\n`,
            );
          }
          setExit(0);
        } catch (err) {
          if (!reportAwsError(err)) throw err;
          setExit(1);
        }
      },
    );
}
