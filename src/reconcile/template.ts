/**
 * Pure desired-vs-live logic for message templates, encoding Meta's lifecycle (whatsapp-rules.md §1.10–§1.11):
 * identity (name, language) is immutable, only APPROVED/REJECTED/PAUSED templates are editable, an approved
 * template may be edited once per 24 h and 10 times per 30 days and keeps its category, and a no-op spends nothing.
 * `pulumi preview` (through the provider's diff) and `waba plan/drift` use these same functions.
 */
import { createHash } from "node:crypto";

type Obj = Record<string, unknown>;

/** A template definition in canonical form: Meta's creation object with upper-case enums and sorted keys. */
export type NormalizedTemplate = {
  name: string;
  language: string;
  category: string;
  parameter_format: string;
  components: Obj[];
} & Obj;

/** Statuses in which Meta accepts an edit. */
export const EDITABLE_STATUSES: readonly string[] = ["APPROVED", "REJECTED", "PAUSED"];
/** Statuses surfaced as warnings naming the template. */
export const ALARMING_STATUSES: readonly string[] = ["REJECTED", "PAUSED", "DISABLED", "LIMIT_EXCEEDED"];
/** Fields Meta lets an edit change; everything else is identity. */
export const EDITABLE_FIELDS: readonly string[] = [
  "category",
  "parameter_format",
  "message_send_ttl_seconds",
  "cta_url_link_tracking_opted_out",
  "degrees_of_freedom_spec",
  "components",
];

const DAY_MS = 86_400_000;
/** Approved-template edit budget (Meta): per 24 hours and per 30 days. */
export const EDIT_BUDGET = { perDay: 1, perMonth: 10 } as const;

/** Keys Meta adds when echoing a template that are not part of the definition. */
const ECHO_FIELDS = new Set([
  "id",
  "status",
  "rejected_reason",
  "previous_category",
  "library_template_name",
  "quality_score",
  "rejection_info",
]);
/** Enum-valued keys whose case Meta does not preserve. */
const UPPER_KEYS = new Set(["type", "format", "otp_type", "category", "parameter_format"]);

function canonical(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x));
  if (v !== null && typeof v === "object") {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Obj)[k];
      if (x !== undefined) out[k] = canonical(x, k);
    }
    return out;
  }
  if (typeof v === "string" && key !== undefined && UPPER_KEYS.has(key)) return v.toUpperCase();
  return v;
}

/**
 * Canonical form of a declared definition: upper-case enums, sorted keys, `parameter_format` defaulted to
 * POSITIONAL, the ignored `allow_category_change` and Meta's echo fields dropped.
 */
export function normalizeTemplate(def: Obj): NormalizedTemplate {
  const out: Obj = {};
  for (const [k, v] of Object.entries(def)) {
    if (v === undefined || ECHO_FIELDS.has(k) || k === "allow_category_change") continue;
    out[k] = v;
  }
  out.parameter_format ??= "POSITIONAL";
  out.components ??= [];
  return canonical(out) as NormalizedTemplate;
}

/** sha256 of the canonical JSON, the fingerprint used to notice out-of-band edits. */
export function fingerprint(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex")
    .slice(0, 32);
}

/** Meta's echo of a template (GetWhatsAppMessageTemplate) projected onto the definition shape. */
export function projectLive(live: Obj): NormalizedTemplate {
  return normalizeTemplate(live);
}

/** The fields that differ between two normalized definitions (`EDITABLE_FIELDS` plus identity). */
export function changedFields(a: NormalizedTemplate, b: NormalizedTemplate): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of [...keys].sort()) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(k);
  return out;
}

/** What is known about the live template (from the last apply or refresh). */
export interface LiveTemplateState {
  /** The definition as it stands at Meta (the last applied one unless an out-of-band edit was seen). */
  definition: NormalizedTemplate;
  status: string;
  /** Meta's category, which may differ from the requested one after a recategorization. */
  category: string;
  metaTemplateId: string;
  wabaId: string;
}

/** Result of `diffTemplate`. */
export interface TemplateDiff {
  action: "none" | "update" | "replace" | "create";
  /** Changed fields, e.g. `components`, `name`. */
  changes: string[];
  /** Fields whose change forces a replacement. */
  replaces: string[];
  warnings: string[];
  /** Set when Meta would refuse the change; names the template and the limit. */
  refusal?: string;
}

/** Approved edits within the last 24 h and 30 days. */
export function editBudgetUsed(history: readonly string[], now: number): { day: number; month: number } {
  const times = history.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  return {
    day: times.filter((t) => t > now - DAY_MS).length,
    month: times.filter((t) => t > now - 30 * DAY_MS).length,
  };
}

/** Warnings about Meta's verdicts on a template: rejection, pause, disablement, recategorization. */
export function statusWarnings(
  label: string,
  s: { status: string; category: string; requestedCategory: string; rejectionReason?: string | undefined },
): string[] {
  const out: string[] = [];
  if (ALARMING_STATUSES.includes(s.status))
    out.push(
      `template ${label} is ${s.status} at Meta${s.status === "REJECTED" && s.rejectionReason ? ` (reason ${s.rejectionReason})` : ""}; it cannot be sent`,
    );
  if (s.category && s.requestedCategory && s.category !== s.requestedCategory)
    out.push(
      `template ${label} was recategorized by Meta from ${s.requestedCategory} to ${s.category}; update the YAML to ${s.category} (an approved template's category cannot be edited)`,
    );
  return out;
}

/**
 * Compares the desired definition with the live state and decides the action under Meta's lifecycle.
 * `history` holds the ISO times of our edits made while the template was APPROVED.
 */
export function diffTemplate(
  desired: { wabaId: string; definition: NormalizedTemplate },
  live: LiveTemplateState | undefined,
  history: readonly string[],
  now: number = Date.now(),
): TemplateDiff {
  const d = desired.definition;
  const label = `${d.name} (${d.language})`;
  if (!live) return { action: "create", changes: ["name", "language"], replaces: [], warnings: [] };
  const replaces: string[] = [];
  if (desired.wabaId !== live.wabaId) replaces.push("wabaId");
  if (d.name !== live.definition.name) replaces.push("name");
  if (d.language !== live.definition.language) replaces.push("language");
  const warnings = statusWarnings(label, {
    status: live.status,
    category: live.category,
    requestedCategory: live.definition.category,
  });
  if (replaces.length > 0) {
    const old = `${live.definition.name} (${live.definition.language})`;
    if (replaces.includes("name"))
      warnings.push(
        `template ${old} will be replaced by ${label}: the new one is created first and needs Meta's review; if ${live.definition.name} loses its last language, Meta locks that name for 30 days`,
      );
    return { action: "replace", changes: replaces, replaces, warnings };
  }
  const changes = changedFields(d, live.definition);
  if (changes.length === 0) return { action: "none", changes: [], replaces: [], warnings };
  const result: TemplateDiff = { action: "update", changes, replaces: [], warnings };
  if (!EDITABLE_STATUSES.includes(live.status)) {
    result.refusal = `template ${label} is ${live.status}; Meta accepts edits only of APPROVED, REJECTED or PAUSED templates (changed: ${changes.join(", ")}). Wait for the review to finish ("pulumi preview --refresh" shows the current status), then run again`;
    return result;
  }
  if (live.status === "APPROVED") {
    if (changes.includes("category") && d.category !== live.category)
      result.refusal = `template ${label} is APPROVED as ${live.category}; Meta does not allow changing an approved template's category (to ${d.category}). Give the template a new name to recreate it in the new category`;
    else {
      const used = editBudgetUsed(history, now);
      if (used.day >= EDIT_BUDGET.perDay) {
        const last = Math.max(...history.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t)));
        result.refusal = `template ${label} was already edited in the last 24 hours; Meta allows ${EDIT_BUDGET.perDay} edit per 24 h for an APPROVED template (next edit after ${new Date(last + DAY_MS).toISOString()})`;
      } else if (used.month >= EDIT_BUDGET.perMonth)
        result.refusal = `template ${label} was edited ${used.month} times in 30 days; Meta allows ${EDIT_BUDGET.perMonth} edits per 30 days for an APPROVED template`;
    }
  }
  return result;
}
