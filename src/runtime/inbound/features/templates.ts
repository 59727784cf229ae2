/**
 * Template status, category and quality events (whatsapp-rules.md §6.4): written to the runtime config store as
 * `TemplateStatus` (so the sender refuses a template that stopped being APPROVED) and counted as metrics.
 * Whether EUM forwards these account-level webhooks is undocumented (eum-api.md §3.2); the emulator sends them.
 */
import type { TemplateStatusContent } from "../../config-store.ts";
import type { InboundDeps } from "../deps.ts";
import type { TemplateChangeEvent } from "../events.ts";

/** A TemplateStatus document with the fields this handler adds. */
export type TemplateStatusRecord = TemplateStatusContent & {
  quality?: string;
  reason?: string;
  previousCategory?: string;
  lastEvent?: string;
};

/** Pure: the new TemplateStatus after one event. */
export function applyTemplateEvent(
  cur: TemplateStatusRecord | undefined,
  ev: TemplateChangeEvent,
): TemplateStatusRecord {
  const v = ev.value;
  const next: TemplateStatusRecord = {
    ...(cur ?? { status: "UNKNOWN", category: "UNKNOWN" }),
    name: v.message_template_name,
    language: v.message_template_language,
    lastEvent: ev.field,
  };
  if (v.message_template_id !== undefined) next.metaTemplateId = String(v.message_template_id);
  switch (ev.field) {
    case "message_template_status_update":
      if (v.event !== undefined) next.status = v.event.toUpperCase();
      if (v.message_template_category !== undefined) next.category = v.message_template_category.toUpperCase();
      if (v.reason !== undefined) next.reason = v.reason;
      break;
    case "template_category_update": {
      const c = v.new_category ?? v.correct_category;
      if (c !== undefined) {
        if (next.category !== c.toUpperCase()) next.previousCategory = next.category;
        next.category = c.toUpperCase();
      }
      break;
    }
    case "message_template_quality_update":
      if (v.new_quality_score !== undefined) next.quality = v.new_quality_score.toUpperCase();
      break;
  }
  return next;
}

/** Records one template event in the config store and counts it. */
export async function onTemplateEvent(deps: InboundDeps, ev: TemplateChangeEvent): Promise<void> {
  const id = `${ev.value.message_template_name}:${ev.value.message_template_language}`;
  let next: TemplateStatusRecord | undefined;
  await deps.config.update<TemplateStatusRecord>("TemplateStatus", id, (cur) => {
    next = applyTemplateEvent(cur, ev);
    return next;
  });
  if (next === undefined) return;
  const t = ev.value.message_template_name;
  if (ev.field === "message_template_status_update")
    deps.metrics.count("TemplateStatusChanged", { template: t, status: next.status });
  else if (ev.field === "template_category_update")
    deps.metrics.count("TemplateCategoryChanged", { template: t, category: next.category });
  else if (ev.field === "message_template_quality_update")
    deps.metrics.count("TemplateQualityChanged", { template: t, quality: next.quality ?? "UNKNOWN" });
  else deps.metrics.count("TemplateComponentsChanged", { template: t });
}
