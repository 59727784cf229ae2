/**
 * Renders plan, drift and promotion reports as text (terminals), Markdown (PR comments), JSON (machines) and HTML
 * (phone previews). Output is deterministic: sorted rows, no timestamps.
 */
import type { DriftReport } from "../reconcile/drift.ts";
import type { FieldChange, PlanItem } from "../reconcile/plan.ts";
import { renderPreviewPage } from "./phone-preview.ts";
import type { PlanReport } from "./plan.ts";
import type { PromotionReport } from "./promote.ts";

/** Output formats of plan, drift and promote. */
export const REPORT_FORMATS = ["text", "markdown", "json", "html"] as const;
/** One of REPORT_FORMATS. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const SIGN: Record<PlanItem["action"], string> = {
  create: "+",
  update: "~",
  replace: "±",
  delete: "-",
  unmanaged: "?",
  none: "=",
};

/** A JSON value shortened for one line. */
export function brief(v: unknown, max = 80): string {
  const s = v === undefined ? "(absent)" : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `path: before → after` for one field change. */
export function formatChange(c: FieldChange): string {
  return `${c.path}: ${brief(c.before)} → ${brief(c.after)}`;
}

function label(i: PlanItem): string {
  return `${i.name} (${i.language})`;
}

function shown(i: PlanItem): boolean {
  return i.action !== "none" || i.warnings.length > 0 || i.refusal !== undefined;
}

function summaryLine(r: PlanReport): string {
  const c = r.counts;
  return (
    `Plan: ${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete; ` +
    `${c.unmanaged} unmanaged (not deleted), ${c.none} unchanged${c.refused > 0 ? `; ${c.refused} refused by Meta's rules` : ""}.`
  );
}

function actionText(i: PlanItem): string {
  if (i.action === "unmanaged") return "unmanaged, would not be deleted";
  if (i.action === "none") return "unchanged";
  return i.action;
}

/** The plan as terminal text. */
export function planText(r: PlanReport): string {
  const out = [`Plan for environment ${r.env} (WABA ${r.wabaId})`];
  if (!r.baseline)
    out.push(
      "No baseline config given: live templates that are not declared are reported as unmanaged, never deleted.",
    );
  for (const i of r.items.filter(shown)) {
    const extra = i.replaces === undefined ? "" : ` (replaces ${i.replaces})`;
    const status = i.status === undefined ? "" : ` [${i.status}${i.category ? `, ${i.category}` : ""}]`;
    const note = i.action === "unmanaged" ? " (not declared; would not be deleted)" : "";
    out.push(
      `  ${SIGN[i.action]} ${(i.action === "none" ? "unchanged" : i.action).padEnd(9)} ${label(i)}${extra}${status}${note}`,
    );
    for (const c of i.changes) out.push(`      ${formatChange(c)}`);
    if (i.refusal !== undefined) out.push(`      ✗ refused: ${i.refusal}`);
    for (const w of i.warnings) out.push(`      ! ${w}`);
  }
  if (r.warnings.length > 0) {
    out.push("Warnings:");
    for (const w of r.warnings) out.push(`  ! ${w}`);
  }
  out.push(summaryLine(r));
  return `${out.join("\n")}\n`;
}

const mdEscape = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** GitHub rejects comments over 65,536 characters; stay below with room for the CI footer. */
export const COMMENT_LIMIT = 60_000;

/**
 * The plan as a GitHub PR comment; the first line is a marker CI uses to update the comment in place. When too long
 * for a comment, the field-level details and then rows are dropped with a note (the text/JSON/HTML reports keep all).
 */
export function planMarkdown(r: PlanReport, limit = COMMENT_LIMIT): string {
  const full = planMarkdownParts(r, true);
  if (full.length <= limit) return full;
  const compact = planMarkdownParts(r, false);
  const note =
    "\n_Field-level changes omitted: too long for a PR comment. See the job summary or run `waba plan` locally._\n";
  if (compact.length + note.length <= limit) return `${compact}${note}`;
  const cut = compact.lastIndexOf("\n", limit - note.length - 80);
  return `${compact.slice(0, cut)}\n\n_…plan truncated: too long for a PR comment. See the job summary or run \`waba plan\` locally._\n`;
}

function planMarkdownParts(r: PlanReport, details: boolean): string {
  const out = [
    `<!-- waba-plan:${r.env} -->`,
    `### waba plan: \`${r.env}\``,
    "",
    `WABA \`${r.wabaId}\` · ${summaryLine(r)}`,
    "",
  ];
  const rows = r.items.filter(shown);
  if (rows.length === 0) out.push("No changes. The live templates match the config.", "");
  else {
    out.push("| | Template | Language | Action | Live status | Notes |", "|---|---|---|---|---|---|");
    for (const i of rows) {
      const notes = [
        ...(i.replaces === undefined ? [] : [`replaces \`${i.replaces}\``]),
        ...(i.refusal === undefined ? [] : [`**refused**: ${i.refusal}`]),
        ...i.warnings,
      ];
      out.push(
        `| ${SIGN[i.action]} | \`${i.name}\` | ${i.language} | ${actionText(i)} | ${i.status ?? "—"} | ${mdEscape(notes.join("<br>")) || ""} |`,
      );
    }
    out.push("");
    for (const i of rows.filter((x) => details && x.changes.length > 0)) {
      out.push(
        `<details><summary>${SIGN[i.action]} ${label(i)}: ${i.changes.length} field change(s)</summary>`,
        "",
        "```diff",
      );
      for (const c of i.changes) {
        if (c.before !== undefined) out.push(`- ${c.path}: ${brief(c.before, 200)}`);
        if (c.after !== undefined) out.push(`+ ${c.path}: ${brief(c.after, 200)}`);
      }
      out.push("```", "", "</details>", "");
    }
  }
  if (r.warnings.length > 0) {
    out.push("**Warnings and manual steps**", "");
    for (const w of r.warnings) out.push(`- ${w}`);
    out.push("");
  }
  if (!r.baseline)
    out.push(
      "_No baseline config given: live templates that are not declared are listed as unmanaged and never deleted._",
      "",
    );
  return `${out.join("\n")}`;
}

/** The plan as a phone preview page of every new or changed template. */
export function planHtml(r: PlanReport): string {
  const items = r.items
    .filter((i) => (i.action === "create" || i.action === "update" || i.action === "replace") && i.definition)
    .map((i) => ({
      name: i.name,
      language: i.language,
      category: i.definition?.category ?? "",
      action: i.action,
      components: i.definition?.components ?? [],
      changes: [
        ...i.changes.map(formatChange),
        ...(i.refusal === undefined ? [] : [`refused: ${i.refusal}`]),
        ...i.warnings,
      ],
    }));
  return renderPreviewPage(`waba plan: ${r.env}`, items, summaryLine(r));
}

/** Renders a plan in a format. */
export function renderPlan(r: PlanReport, format: ReportFormat): string {
  switch (format) {
    case "markdown":
      return planMarkdown(r);
    case "json":
      return `${JSON.stringify(r, null, 2)}\n`;
    case "html":
      return planHtml(r);
    default:
      return planText(r);
  }
}

const DRIFT_TITLES: Record<string, string> = {
  edited_outside_config: "Edited outside the config",
  changed_by_meta: "Changed by Meta",
  deleted_outside_config: "Deleted outside the config",
  display_name_mismatch: "Display name mismatch",
  unmanaged: "Present but unmanaged",
};

/** A drift report in a format (`html` is the Markdown wrapped in a page). */
export function renderDrift(env: string, wabaId: string, r: DriftReport, format: ReportFormat): string {
  if (format === "json") return `${JSON.stringify({ env, wabaId, ...r }, null, 2)}\n`;
  const md = format === "markdown" || format === "html";
  const out: string[] = md
    ? [`<!-- waba-drift:${env} -->`, `### waba drift: \`${env}\``, ""]
    : [`Drift for environment ${env} (WABA ${wabaId})`];
  const counted = r.findings.filter((f) => f.kind !== "unmanaged").length;
  for (const kind of Object.keys(DRIFT_TITLES)) {
    const group = r.findings.filter((f) => f.kind === kind);
    if (group.length === 0) continue;
    out.push(md ? `**${DRIFT_TITLES[kind]}** (${group.length})` : `${DRIFT_TITLES[kind]} (${group.length}):`);
    if (md) out.push("");
    for (const f of group) {
      out.push(md ? `- ${f.message}` : `  ${f.message}`);
      for (const c of f.changes ?? []) out.push(md ? `  - \`${formatChange(c)}\`` : `      ${formatChange(c)}`);
    }
    if (md) out.push("");
  }
  if (r.pending.length > 0)
    out.push(`${md ? "_" : ""}Pending Meta review (not drift): ${r.pending.join(", ")}${md ? "_" : ""}`);
  out.push(
    r.drifted
      ? `Drift: ${counted} finding(s)${r.findings.length > counted ? `, ${r.findings.length - counted} unmanaged` : ""}.`
      : `No drift${r.findings.length > 0 ? ` (${r.findings.length} unmanaged template(s) ignored)` : ""}.`,
  );
  const text = `${out.join("\n")}\n`;
  if (format !== "html") return text;
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>waba drift: ${env}</title></head><body><pre class="waba-drift">${esc}</pre></body></html>\n`;
}

/** A promotion report in a format. */
export function renderPromotion(r: PromotionReport, format: ReportFormat): string {
  if (format === "json") return `${JSON.stringify(r, null, 2)}\n`;
  if (format === "html")
    return renderPreviewPage(
      `waba promote: ${r.from} → ${r.to}`,
      r.changes.map((c) => ({
        name: c.name,
        language: c.language,
        category: String(c.definition["category"] ?? ""),
        action: c.action,
        components: Array.isArray(c.definition["components"]) ? c.definition["components"] : [],
        changes: [`${r.from}: ${c.sourceStatus}`, ...c.changes.map(formatChange), ...c.warnings],
      })),
      `${r.changes.length} template-language(s) to ${r.to}`,
    );
  const md = format === "markdown";
  const out: string[] = md
    ? [`<!-- waba-promote:${r.from}:${r.to} -->`, `### waba promote: \`${r.from}\` → \`${r.to}\``, ""]
    : [`Promotion ${r.from} → ${r.to} (only templates APPROVED in ${r.from} unless --include-unapproved)`];
  const bullet = md ? "- " : "  ";
  if (r.changes.length === 0) out.push(`${bullet}nothing to promote`);
  for (const c of r.changes) {
    out.push(`${bullet}${SIGN[c.action]} ${c.action} ${c.name} (${c.language}) [${r.from}: ${c.sourceStatus}]`);
    for (const ch of c.changes) out.push(`${md ? "  - " : "      "}${formatChange(ch)}`);
    for (const w of c.warnings) out.push(`${md ? "  - ⚠ " : "      ! "}${w}`);
  }
  if (r.heldBack.length > 0) {
    out.push(md ? "\n**Held back**\n" : "Held back:");
    for (const h of r.heldBack) out.push(`${bullet}${h.name}: ${h.reason}`);
  }
  if (r.selectionEdits.length > 0) {
    out.push(md ? `\n**Change to \`${r.file}\`**\n` : `Change to ${r.file}:`);
    for (const e of r.selectionEdits) out.push(`${bullet}${e}`);
  }
  if (r.overrideDifferences.length > 0) {
    out.push(
      md ? `\n**Kept per-environment differences (overrides)**\n` : "Kept per-environment differences (overrides):",
    );
    for (const d of r.overrideDifferences) out.push(`${bullet}${d.key}: ${d.fields.join(", ")}`);
  }
  return `${out.join("\n")}\n`;
}
