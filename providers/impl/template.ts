/**
 * Template provider implementation: the plain functions behind `providers/template.ts`'s shim. Check and diff
 * are pure (no network, safe in preview); create/read/update/delete talk to EUM through src/eum.
 */
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import type { MessageTemplateDefinition } from "../../schemas/generated/message-template.ts";
import { formatPath } from "../../src/config/problem.ts";
import { checkTemplate } from "../../src/config/rules/index.ts";
import { RefusedChangeError } from "../../src/eum/errors.ts";
import {
  createTemplate,
  deleteTemplateLanguage,
  findSummary,
  getTemplate,
  type LiveTemplate,
  updateTemplate,
} from "../../src/eum/templates.ts";
import { comparableLive } from "../../src/reconcile/meta-echo.ts";
import {
  changedFields,
  diffTemplate,
  fingerprint,
  type LiveTemplateState,
  type NormalizedTemplate,
  normalizeTemplate,
  projectLive,
  statusWarnings,
} from "../../src/reconcile/template.ts";
import { deleteConfigItem, putConfigItem, type TemplateStatusContent } from "../../src/runtime/config-store.ts";
import { configStore, eumClient, hasUnknown, jsonClean, warn } from "./settings.ts";

export { configure } from "./settings.ts";

/** Resolved inputs of a Template resource. */
export interface TemplateInputs {
  wabaId: string;
  name: string;
  language: string;
  /** Meta's creation object for this language (normalized by `check`). */
  definition: NormalizedTemplate;
  /** Take over an existing template with the same name and language even if it differs. */
  adopt?: boolean;
  /** Leave the template at Meta when the resource is deleted. */
  retain?: boolean;
}

/** Outputs: the inputs (as last applied or as seen live) plus Meta's verdicts. */
export interface TemplateOutputs extends TemplateInputs {
  metaTemplateId: string;
  status: string;
  category: string;
  quality: string;
  rejectionReason: string;
  /** ISO times of our edits made while APPROVED (the 24 h / 30 day budget), pruned to 30 days. */
  editHistory: string[];
  /** Fingerprint of Meta's echo after our last write; a different echo means an out-of-band edit. */
  liveFingerprint: string;
  /** Fingerprint of the definition we last applied. */
  appliedFingerprint: string;
}

/** Fingerprint of Meta's echo without the category, which Meta may change on its own (reported, never "corrected"). */
function echoFingerprint(live: LiveTemplate): string {
  const { category: _category, ...rest } = projectLive(live as unknown as Record<string, unknown>);
  return fingerprint(rest);
}

const label = (t: { name: string; language: string }): string => `${t.name} (${t.language})`;

/** Normalizes and validates with the Meta rules engine; failures carry `definition.<path>`. */
export async function check(
  _olds: Partial<TemplateInputs>,
  news: TemplateInputs,
): Promise<{ inputs: TemplateInputs; failures: { property: string; reason: string }[] }> {
  const failures: { property: string; reason: string }[] = [];
  const def = news.definition as unknown;
  if (def === null || typeof def !== "object" || Array.isArray(def))
    return { inputs: news, failures: [{ property: "definition", reason: "must be Meta's template object" }] };
  if (hasUnknown(news)) return { inputs: news, failures };
  for (const f of checkTemplate(def as MessageTemplateDefinition)) {
    const where = `definition${f.path.length > 0 ? `.${formatPath(f.path)}` : ""}`;
    if (f.severity === "error") failures.push({ property: where, reason: `${f.code}: ${f.message}` });
  }
  const normalized = normalizeTemplate(def as Record<string, unknown>);
  if (normalized.name !== news.name)
    failures.push({ property: "name", reason: `"${news.name}" differs from definition.name "${normalized.name}"` });
  if (normalized.language !== news.language)
    failures.push({
      property: "language",
      reason: `"${news.language}" differs from definition.language "${normalized.language}"`,
    });
  const inputs: TemplateInputs = {
    wabaId: news.wabaId,
    name: news.name,
    language: news.language,
    definition: normalized,
  };
  if (news.adopt !== undefined) inputs.adopt = news.adopt;
  if (news.retain !== undefined) inputs.retain = news.retain;
  return { inputs: jsonClean(inputs), failures };
}

function liveStateOf(olds: TemplateOutputs): LiveTemplateState | undefined {
  if (!olds.definition || typeof olds.definition !== "object") return undefined;
  return {
    definition: normalizeTemplate(olds.definition),
    status: olds.status ?? "UNKNOWN",
    category: olds.category ?? olds.definition.category,
    metaTemplateId: olds.metaTemplateId,
    wabaId: olds.wabaId,
  };
}

/** Pure diff under Meta's lifecycle; throws a refusal for a requested edit Meta would refuse. */
export async function diff(
  _id: string,
  olds: TemplateOutputs,
  news: TemplateInputs,
): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }> {
  if (hasUnknown(news)) {
    const replaces = (["wabaId", "name", "language"] as const).filter((k) => hasUnknown(news[k]));
    return { changes: true, replaces, deleteBeforeReplace: false };
  }
  const live = liveStateOf(olds);
  if (!live) return { changes: true, replaces: [], deleteBeforeReplace: false };
  const desired = normalizeTemplate(news.definition);
  const r = diffTemplate({ wabaId: news.wabaId, definition: desired }, live, olds.editHistory ?? []);
  for (const w of r.warnings) warn(w);
  if (r.refusal) {
    // A refusal blocks a change the user asked for; a drift correction is only warned about here and refused by update.
    if (fingerprint(desired) !== olds.appliedFingerprint) throw new RefusedChangeError(r.refusal);
    warn(`${r.refusal} (correcting drift; up will fail until Meta allows the edit)`);
  }
  const flags = (news.adopt ?? false) !== (olds.adopt ?? false) || (news.retain ?? false) !== (olds.retain ?? false);
  return { changes: r.action !== "none" || flags, replaces: r.replaces, deleteBeforeReplace: false };
}

async function recordStatus(o: TemplateOutputs): Promise<void> {
  const store = configStore();
  if (!store) return;
  const content: TemplateStatusContent = {
    name: o.name,
    language: o.language,
    status: o.status,
    category: o.category,
    metaTemplateId: o.metaTemplateId,
    parameterFormat: o.definition.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
  };
  try {
    await putConfigItem(store.db, store.table, "TemplateStatus", `${o.name}:${o.language}`, content);
  } catch (err) {
    warn(`could not record the status of template ${label(o)} in ${store.table}: ${(err as Error).message}`);
  }
}

function outputsFrom(
  inputs: TemplateInputs,
  live: LiveTemplate,
  extra: {
    quality?: string | undefined;
    editHistory: string[];
    liveFingerprint: string;
    definition: NormalizedTemplate;
  },
): TemplateOutputs {
  const o: TemplateOutputs = {
    wabaId: inputs.wabaId,
    name: inputs.name,
    language: inputs.language,
    definition: extra.definition,
    metaTemplateId: live.id,
    status: live.status ?? "UNKNOWN",
    category: live.category ?? inputs.definition.category,
    quality: extra.quality ?? "UNKNOWN",
    rejectionReason: live.status === "REJECTED" ? (live.rejected_reason ?? "NONE") : "",
    editHistory: extra.editHistory,
    liveFingerprint: extra.liveFingerprint,
    appliedFingerprint: fingerprint(inputs.definition),
  };
  if (inputs.adopt !== undefined) o.adopt = inputs.adopt;
  if (inputs.retain !== undefined) o.retain = inputs.retain;
  return jsonClean(o);
}

async function mustGet(
  eum: SocialMessagingClient,
  wabaId: string,
  metaTemplateId: string,
  what: string,
): Promise<LiveTemplate> {
  const live = await getTemplate(eum, wabaId, { metaTemplateId });
  if (!live) throw new Error(`template ${what} (id ${metaTemplateId}) vanished right after it was written`);
  return live;
}

function reportStatus(o: TemplateOutputs): void {
  for (const w of statusWarnings(label(o), {
    status: o.status,
    category: o.category,
    requestedCategory: o.definition.category,
    rejectionReason: o.rejectionReason,
  }))
    warn(w);
}

/**
 * Creates the template, or adopts an existing one with the same name and language when its definition is
 * identical (or `adopt` is set); refuses to take over a different one silently.
 */
export async function create(inputs: TemplateInputs): Promise<{ id: string; outs: TemplateOutputs }> {
  const eum = eumClient();
  const desired = normalizeTemplate(inputs.definition);
  const summary = await findSummary(eum, inputs.wabaId, inputs.name, inputs.language);
  const existing = summary
    ? await getTemplate(eum, inputs.wabaId, { metaTemplateId: summary.metaTemplateId })
    : undefined;
  if (existing) {
    // Meta echoes preset AUTHENTICATION text, OTP buttons as URL buttons and media handles as CDN URLs.
    const projected = comparableLive(desired, existing as unknown as Record<string, unknown>);
    const differs = changedFields(desired, projected);
    if (differs.length > 0 && inputs.adopt !== true)
      throw new RefusedChangeError(
        `template ${label(inputs)} already exists in ${inputs.wabaId} (Meta id ${existing.id}, ${existing.status}) with a different definition (${differs.join(", ")}); refusing to take it over. Delete it, rename ours, or set adopt: true to manage it (the next up then edits it to match)`,
      );
    const outs = outputsFrom(inputs, existing, {
      quality: summary?.quality,
      editHistory: [],
      liveFingerprint: echoFingerprint(existing),
      definition: differs.length > 0 ? projected : desired,
    });
    if (differs.length > 0) outs.appliedFingerprint = fingerprint(projected);
    reportStatus(outs);
    await recordStatus(outs);
    return { id: existing.id, outs };
  }
  const created = await createTemplate(eum, inputs.wabaId, desired);
  if (!created.metaTemplateId) throw new Error(`EUM created template ${label(inputs)} but returned no metaTemplateId`);
  const live = await mustGet(eum, inputs.wabaId, created.metaTemplateId, label(inputs));
  const outs = outputsFrom(inputs, live, {
    editHistory: [],
    liveFingerprint: echoFingerprint(live),
    definition: desired,
  });
  reportStatus(outs);
  await recordStatus(outs);
  return { id: created.metaTemplateId, outs };
}

/** Live state in output shape plus the input projection; an empty id when the template is gone. */
export async function read(
  id: string,
  props: TemplateOutputs,
): Promise<{ id: string; props?: TemplateOutputs; inputs?: TemplateInputs }> {
  const eum = eumClient();
  const metaTemplateId = props.metaTemplateId || id;
  const summary = await findSummary(eum, props.wabaId, props.name, props.language);
  if (!summary || summary.metaTemplateId !== metaTemplateId) {
    warn(`template ${label(props)} (Meta id ${metaTemplateId}) no longer exists in ${props.wabaId}`);
    return { id: "" };
  }
  const live = await getTemplate(eum, props.wabaId, { metaTemplateId });
  if (!live) return { id: "" };
  const applied = normalizeTemplate(props.definition);
  const projected = {
    ...comparableLive(applied, live as unknown as Record<string, unknown>),
    category: applied.category,
  };
  const echo = echoFingerprint(live);
  // State from an earlier generation has no fingerprint: compare definitions once and adopt the echo as baseline.
  const baseline = props.liveFingerprint ?? (changedFields(applied, projected).length === 0 ? echo : "");
  const drifted = echo !== baseline;
  if (drifted)
    warn(
      `template ${label(props)} was edited outside this stack (${changedFields(applied, projected).join(", ") || "Meta's echo changed"}); up will restore the declared definition`,
    );
  const outs = outputsFrom(props, live, {
    quality: summary.quality,
    editHistory: props.editHistory ?? [],
    liveFingerprint: baseline,
    definition: drifted ? projected : applied,
  });
  outs.appliedFingerprint = props.appliedFingerprint ?? fingerprint(applied);
  reportStatus(outs);
  await recordStatus(outs);
  const inputs: TemplateInputs = {
    wabaId: outs.wabaId,
    name: outs.name,
    language: outs.language,
    definition: outs.definition,
  };
  if (props.adopt !== undefined) inputs.adopt = props.adopt;
  if (props.retain !== undefined) inputs.retain = props.retain;
  return { id: metaTemplateId, props: outs, inputs: jsonClean(inputs) };
}

/** Edits the template in place when Meta allows it; refuses otherwise. Unchanged definitions make no call. */
export async function update(
  id: string,
  olds: TemplateOutputs,
  news: TemplateInputs,
): Promise<{ outs: TemplateOutputs }> {
  const eum = eumClient();
  const desired = normalizeTemplate(news.definition);
  const live = liveStateOf(olds);
  const metaTemplateId = olds.metaTemplateId || id;
  let history = (olds.editHistory ?? []).filter((t) => Date.parse(t) > Date.now() - 30 * 86_400_000);
  let liveFingerprint = olds.liveFingerprint;
  let current: LiveTemplate | undefined;
  if (live) {
    // The state's status may be stale (a review finished since the last refresh): decide on the live one.
    const fresh = await getTemplate(eum, news.wabaId, { metaTemplateId });
    if (!fresh)
      throw new Error(
        `template ${label(news)} (Meta id ${metaTemplateId}) no longer exists; run pulumi refresh, then up`,
      );
    live.status = fresh.status ?? live.status;
    live.category = fresh.category ?? live.category;
    const r = diffTemplate({ wabaId: news.wabaId, definition: desired }, live, history);
    if (r.refusal) throw new RefusedChangeError(r.refusal);
    if (r.replaces.length > 0)
      throw new Error(
        `template ${label(news)}: ${r.replaces.join(", ")} changed; this needs a replacement, not an update`,
      );
    const unsupported = r.changes.filter((c) => c === "message_send_ttl_seconds" || c === "degrees_of_freedom_spec");
    if (unsupported.length > 0)
      throw new RefusedChangeError(
        `template ${label(news)}: ${unsupported.join(", ")} cannot be edited through EUM (UpdateWhatsAppMessageTemplate has no such field); give the template a new name to recreate it`,
      );
    if (r.action === "update") {
      await updateTemplate(eum, news.wabaId, metaTemplateId, {
        ...(r.changes.includes("components") ? { components: desired.components } : {}),
        ...(r.changes.includes("category") ? { category: desired.category } : {}),
        ...(r.changes.includes("parameter_format") ? { parameterFormat: desired.parameter_format } : {}),
        ...(r.changes.includes("cta_url_link_tracking_opted_out")
          ? { ctaUrlLinkTrackingOptedOut: desired.cta_url_link_tracking_opted_out === true }
          : {}),
      });
      if (live.status === "APPROVED") history = [...history, new Date().toISOString()];
      current = await mustGet(eum, news.wabaId, metaTemplateId, label(news));
      liveFingerprint = echoFingerprint(current);
    }
  }
  current ??= await mustGet(eum, news.wabaId, metaTemplateId, label(news));
  const summary = await findSummary(eum, news.wabaId, news.name, news.language);
  const outs = outputsFrom(news, current, {
    quality: summary?.quality,
    editHistory: history,
    liveFingerprint,
    definition: desired,
  });
  reportStatus(outs);
  await recordStatus(outs);
  return { outs };
}

/** Deletes only this language, only by the Meta id this resource owns; NotFound is done; `retain` keeps it. */
export async function del(id: string, props: TemplateOutputs): Promise<void> {
  if (props.retain === true) {
    warn(`template ${label(props)} is retained at Meta (retain: true); only the stack forgets it`);
    return;
  }
  const metaTemplateId = props.metaTemplateId || id;
  await deleteTemplateLanguage(eumClient(), props.wabaId, props.name, props.language, metaTemplateId);
  const store = configStore();
  if (store) await deleteConfigItem(store.db, store.table, "TemplateStatus", `${props.name}:${props.language}`);
}

export { del as delete };
