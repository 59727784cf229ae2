/**
 * Pure plan of one environment's templates: declared definitions against the live List/Get data, through the same
 * `normalizeTemplate`/`projectLive`/`diffTemplate` the Template provider uses (plus `comparableLive`, which maps
 * Meta's echo back to the declared form because there is no state to compare with), so `waba plan` and `pulumi preview`
 * agree. Without Pulumi state, ownership comes from config: declared now = owned; declared in the baseline (the
 * config being replaced, e.g. the PR's base branch) = was owned; anything else live is unmanaged and never deleted.
 */
import { formatPath, type PathSegments } from "../config/problem.ts";
import { comparableLive } from "./meta-echo.ts";
import {
  diffTemplate,
  EDIT_BUDGET,
  type LiveTemplateState,
  type NormalizedTemplate,
  normalizeTemplate,
  statusWarnings,
} from "./template.ts";

type Obj = Record<string, unknown>;

/** One declared template-language. */
export interface DesiredTemplate {
  name: string;
  language: string;
  /** The file that declares it (renames within one file are replacements). */
  file: string;
  /** Meta's creation object as declared (after the environment overlay). */
  definition: Obj;
}

/** A template-language declared in the baseline config. */
export interface BaselineTemplate {
  name: string;
  language: string;
  file: string;
}

/** A List entry. */
export interface LiveTemplateSummary {
  name: string;
  language: string;
  metaTemplateId: string;
  status: string;
  category: string;
  quality: string;
}

/** Everything the plan reads. */
export interface PlanInput {
  wabaId: string;
  desired: readonly DesiredTemplate[];
  /** Previously declared template-languages; absent = no baseline (nothing live can be proven owned-and-removed). */
  baseline?: readonly BaselineTemplate[] | undefined;
  /** List entries keyed `name:language`. */
  summaries: ReadonlyMap<string, LiveTemplateSummary>;
  /** Meta's template objects (Get) keyed `name:language`, for the declared ones that are live. */
  details: ReadonlyMap<string, Obj>;
  /** ISO times of approved edits per key, when known (never from EUM; empty without state). */
  history?: ReadonlyMap<string, readonly string[]>;
  now?: number;
}

/** What the plan does to one template-language. */
export type PlanAction = "create" | "update" | "replace" | "delete" | "unmanaged" | "none";

/** One changed leaf between live and desired, `before`/`after` undefined when absent. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** One row of the plan. */
export interface PlanItem {
  key: string;
  name: string;
  language: string;
  action: PlanAction;
  /** Top-level fields that differ (from diffTemplate), e.g. `components`. */
  fields: string[];
  /** Leaf-level differences, live → desired. */
  changes: FieldChange[];
  warnings: string[];
  /** Set when Meta would refuse the change; the plan still lists it. */
  refusal?: string;
  /** For a replacement: the `name:language` being replaced. */
  replaces?: string;
  /** Meta's verdicts on the live template, when live. */
  status?: string;
  category?: string;
  quality?: string;
  /** The desired normalized definition (create/update/replace/none). */
  definition?: NormalizedTemplate;
}

/** The plan for one WABA. */
export interface TemplatePlan {
  wabaId: string;
  items: PlanItem[];
}

const key = (name: string, language: string): string => `${name}:${language}`;

/** Leaf-level differences between two JSON values; arrays compare by index. */
export function diffValues(before: unknown, after: unknown, path: PathSegments = []): FieldChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const change = (): FieldChange => {
    const c: FieldChange = { path: formatPath(path) || "(root)" };
    if (before !== undefined) c.before = before;
    if (after !== undefined) c.after = after;
    return c;
  };
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      out.push(...diffValues(before[i], after[i], [...path, i]));
    return out;
  }
  const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const out: FieldChange[] = [];
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      out.push(...diffValues(before[k], after[k], [...path, k]));
    return out;
  }
  return [change()];
}

function liveState(
  wabaId: string,
  desired: NormalizedTemplate,
  s: LiveTemplateSummary,
  detail: Obj,
): LiveTemplateState {
  return {
    definition: comparableLive(desired, detail),
    status: s.status,
    category: s.category,
    metaTemplateId: s.metaTemplateId,
    wabaId,
  };
}

/** Warnings about a live template's Meta verdicts (status, recategorization, quality) against the declared one. */
export function verdictWarnings(
  label: string,
  s: LiveTemplateSummary,
  requestedCategory: string,
  detail?: Obj,
): string[] {
  const reason = typeof detail?.["rejected_reason"] === "string" ? detail["rejected_reason"] : undefined;
  const out = statusWarnings(label, {
    status: s.status,
    category: s.category,
    requestedCategory,
    rejectionReason: reason,
  });
  if (s.status === "PENDING")
    out.push(`template ${label} is PENDING Meta's review; it cannot be sent or edited until reviewed`);
  if (s.quality === "RED" || s.quality === "YELLOW")
    out.push(`template ${label} has quality ${s.quality}; Meta pauses templates that stay RED`);
  return out;
}

function nameLockWarning(name: string): string {
  return `deleting the last language of ${name} makes Meta lock the name ${name} for 30 days (it cannot be re-created until then)`;
}

/** Computes the plan; items are sorted by name, then language. */
export function planTemplates(input: PlanInput): TemplatePlan {
  const now = input.now ?? Date.now();
  const items: PlanItem[] = [];
  const desiredKeys = new Set(input.desired.map((d) => key(d.name, d.language)));
  const desiredNames = new Set(input.desired.map((d) => d.name));
  const baseline = input.baseline ?? [];
  const baselineKeys = new Set(baseline.map((b) => key(b.name, b.language)));
  // A baseline template that left the config while its file now declares another name (same language) was renamed.
  const renamedFrom = new Map<string, BaselineTemplate>();
  for (const b of baseline) {
    const k = key(b.name, b.language);
    if (desiredKeys.has(k) || !input.summaries.has(k)) continue;
    const successor = input.desired.find(
      (d) => d.file === b.file && d.language === b.language && !baselineKeys.has(key(d.name, d.language)),
    );
    if (successor) renamedFrom.set(key(successor.name, successor.language), b);
  }
  const replacedKeys = new Set([...renamedFrom.values()].map((b) => key(b.name, b.language)));

  for (const d of input.desired) {
    const k = key(d.name, d.language);
    const label = `${d.name} (${d.language})`;
    const definition = normalizeTemplate(d.definition);
    const summary = input.summaries.get(k);
    const detail = input.details.get(k);
    const live = summary && detail ? liveState(input.wabaId, definition, summary, detail) : undefined;
    const diff = diffTemplate({ wabaId: input.wabaId, definition }, live, input.history?.get(k) ?? [], now);
    const item: PlanItem = {
      key: k,
      name: d.name,
      language: d.language,
      action: diff.action,
      fields: diff.changes,
      changes: [],
      warnings: [...diff.warnings],
      definition,
    };
    if (diff.refusal !== undefined) item.refusal = diff.refusal;
    if (summary) {
      item.status = summary.status;
      item.category = summary.category;
      item.quality = summary.quality;
      item.warnings.push(...verdictWarnings(label, summary, definition.category, detail));
    }
    if (live && diff.action === "update") {
      item.changes = diffValues(live.definition, definition);
      if (live.status === "APPROVED" && diff.refusal === undefined)
        item.warnings.push(
          `editing APPROVED template ${label} spends Meta's edit budget (${EDIT_BUDGET.perDay} per 24 h, ${EDIT_BUDGET.perMonth} per 30 days) and sends it back to review (PENDING)`,
        );
      else if (live.status === "REJECTED" || live.status === "PAUSED")
        item.warnings.push(`editing ${live.status} template ${label} resubmits it for Meta's review`);
    }
    const old = renamedFrom.get(k);
    if (diff.action === "create" && old) {
      item.action = "replace";
      item.replaces = key(old.name, old.language);
      item.fields = ["name"];
      item.changes = [{ path: "name", before: old.name, after: d.name }];
      item.warnings.push(`${label} is created first; ${old.name} (${old.language}) is deleted once the new one exists`);
      if (!desiredNames.has(old.name)) item.warnings.push(nameLockWarning(old.name));
    }
    items.push(item);
  }

  for (const [k, s] of input.summaries) {
    if (desiredKeys.has(k) || replacedKeys.has(k)) continue;
    const item: PlanItem = {
      key: k,
      name: s.name,
      language: s.language,
      action: baselineKeys.has(k) ? "delete" : "unmanaged",
      fields: [],
      changes: [],
      warnings: [],
      status: s.status,
      category: s.category,
      quality: s.quality,
    };
    if (item.action === "delete") {
      if (s.status === "DISABLED")
        item.refusal = `template ${s.name} (${s.language}) is DISABLED; Meta does not allow deleting a DISABLED template`;
      if (!desiredNames.has(s.name)) item.warnings.push(nameLockWarning(s.name));
    }
    items.push(item);
  }
  items.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.language < b.language ? -1 : a.language > b.language ? 1 : 0,
  );
  for (const i of items) i.warnings = [...new Set(i.warnings)];
  return { wabaId: input.wabaId, items };
}
