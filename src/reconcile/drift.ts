/**
 * Pure drift classification of one environment: how the live WABA differs from what its config declares, and why.
 * Definition differences come from the same `normalizeTemplate`/`projectLive`/`changedFields` the Template provider
 * uses (through `comparableLive`); Meta's verdicts (status, category, quality) are classified apart from edits made outside the config.
 */

import { comparableLive } from "./meta-echo.ts";
import { type DesiredTemplate, diffValues, type FieldChange, type LiveTemplateSummary } from "./plan.ts";
import { changedFields, normalizeTemplate } from "./template.ts";

type Obj = Record<string, unknown>;

/** Drift classes, in report order. */
export const DRIFT_KINDS = [
  "edited_outside_config",
  "changed_by_meta",
  "deleted_outside_config",
  "display_name_mismatch",
  "unmanaged",
] as const;
/** One of DRIFT_KINDS. */
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** One classified difference. */
export interface DriftFinding {
  kind: DriftKind;
  /** `name:language` for templates, the phone alias for display names. */
  subject: string;
  message: string;
  /** For edits: leaf-level differences, live → declared. For Meta changes: the changed verdicts. */
  changes?: FieldChange[];
}

/** A declared phone number with its expected display name. */
export interface DesiredPhoneNumber {
  alias: string;
  phoneNumberId: string;
  displayName?: string | undefined;
}

/** A phone number as EUM reports it. */
export interface LivePhone {
  phoneNumberId: string;
  displayName: string;
}

/** Everything drift reads. */
export interface DriftInput {
  desired: readonly DesiredTemplate[];
  summaries: ReadonlyMap<string, LiveTemplateSummary>;
  details: ReadonlyMap<string, Obj>;
  phones?: { desired: readonly DesiredPhoneNumber[]; live: readonly LivePhone[] } | undefined;
}

/** The classified report; `drifted` is false when only unmanaged templates were found. */
export interface DriftReport {
  findings: DriftFinding[];
  /** PENDING templates (normal after a deploy; not drift). */
  pending: string[];
  drifted: boolean;
}

/** Meta statuses that are not drift: approved, or waiting for review. */
const QUIET_STATUSES = new Set(["APPROVED", "PENDING"]);

const phoneTail = (id: string): string => (id.startsWith("arn:") ? `phone-number-id-${id.split("/").pop() ?? ""}` : id);

/** Classifies every difference between the declared templates/phones and the live ones. */
export function classifyDrift(input: DriftInput): DriftReport {
  const findings: DriftFinding[] = [];
  const pending: string[] = [];
  const desiredKeys = new Set<string>();
  for (const d of input.desired) {
    const k = `${d.name}:${d.language}`;
    desiredKeys.add(k);
    const s = input.summaries.get(k);
    if (!s) {
      findings.push({
        kind: "deleted_outside_config",
        subject: k,
        message: `${k} is declared but not live: deleted outside the config (or never deployed)`,
      });
      continue;
    }
    const want = normalizeTemplate(d.definition);
    const meta: FieldChange[] = [];
    if (!QUIET_STATUSES.has(s.status)) meta.push({ path: "status", before: "APPROVED", after: s.status });
    if (s.status === "PENDING") pending.push(k);
    if (s.category !== want.category) meta.push({ path: "category", before: want.category, after: s.category });
    if (s.quality === "YELLOW" || s.quality === "RED")
      meta.push({ path: "quality", before: "GREEN", after: s.quality });
    if (meta.length > 0) {
      const reason = input.details.get(k)?.["rejected_reason"];
      const what = meta.map((c) => `${c.path} ${String(c.after)}`).join(", ");
      findings.push({
        kind: "changed_by_meta",
        subject: k,
        message: `Meta changed ${k}: ${what}${typeof reason === "string" && reason !== "NONE" ? ` (rejected: ${reason})` : ""}`,
        changes: meta,
      });
    }
    const detail = input.details.get(k);
    if (!detail) continue;
    const live = comparableLive(want, detail);
    // Category differences are Meta's (recategorization), already reported above.
    const fields = changedFields(want, live).filter((f) => f !== "category");
    if (fields.length > 0) {
      const changes = fields.flatMap((f) => diffValues(live[f], want[f], [f]));
      findings.push({
        kind: "edited_outside_config",
        subject: k,
        message: `${k} differs from the config in ${fields.join(", ")}: edited outside the config (e.g. in WhatsApp Manager)`,
        changes,
      });
    }
  }
  for (const p of input.phones?.desired ?? []) {
    if (p.displayName === undefined) continue;
    const live = input.phones?.live.find((l) => l.phoneNumberId === phoneTail(p.phoneNumberId));
    if (!live)
      findings.push({
        kind: "display_name_mismatch",
        subject: p.alias,
        message: `phone number ${p.alias} (${p.phoneNumberId}) is not linked to the WABA`,
      });
    else if (live.displayName !== p.displayName)
      findings.push({
        kind: "display_name_mismatch",
        subject: p.alias,
        message: `phone number ${p.alias} shows "${live.displayName}", the config expects "${p.displayName}" (display names change only through Meta's review in WhatsApp Manager)`,
        changes: [{ path: "display_name", before: live.displayName, after: p.displayName }],
      });
  }
  for (const [k, s] of input.summaries) {
    if (desiredKeys.has(k)) continue;
    findings.push({
      kind: "unmanaged",
      subject: k,
      message: `${k} (${s.category}, ${s.status}) is live but not declared: unmanaged (a Meta sample or created in WhatsApp Manager); never deleted by waba`,
    });
  }
  const rank = (k: DriftKind) => DRIFT_KINDS.indexOf(k);
  findings.sort((a, b) => rank(a.kind) - rank(b.kind) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  return { findings, pending: pending.sort(), drifted: findings.some((f) => f.kind !== "unmanaged") };
}
