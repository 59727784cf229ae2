/**
 * `waba plan` as a library: one environment's declared state against live EUM, read-only. The template rows come
 * from `planTemplates` (src/reconcile); this module adds the reads, display names and WhatsApp Manager steps.
 */
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { type PlanItem, planTemplates } from "../reconcile/plan.ts";
import { type LoadedEnvironment, loadBaseline, manualSteps } from "./environment.ts";
import { readLiveEstate } from "./live.ts";

/** A plan report for one environment. */
export interface PlanReport {
  env: string;
  wabaId: string;
  /** Whether deletions could be proven (a baseline config was given). */
  baseline: boolean;
  items: PlanItem[];
  /** Environment-wide warnings: display names, manual steps. */
  warnings: string[];
  counts: Record<"create" | "update" | "replace" | "delete" | "unmanaged" | "none" | "refused", number>;
}

/** Options of `buildPlan`. */
export interface BuildPlanOptions {
  /** Config root of the baseline (e.g. the PR's base branch): its declarations are the ones that were owned. */
  baselineRoot?: string | undefined;
  now?: number;
}

/** Reads live EUM for an environment and plans its templates. */
export async function buildPlan(
  env: LoadedEnvironment,
  eum: SocialMessagingClient,
  opts: BuildPlanOptions = {},
): Promise<PlanReport> {
  const baseline = opts.baselineRoot === undefined ? undefined : await loadBaseline(opts.baselineRoot, env.name);
  const owned = new Set(env.templates.map((t) => `${t.name}:${t.language}`));
  const wantPhones = env.phones.some((p) => p.displayName !== undefined);
  const live = await readLiveEstate(eum, env.wabaId, { detailsFor: () => owned, phoneNumbers: wantPhones });
  const plan = planTemplates({
    wabaId: env.wabaId,
    desired: env.templates,
    baseline,
    summaries: live.summaries,
    details: live.details as unknown as ReadonlyMap<string, Record<string, unknown>>,
    ...(opts.now === undefined ? {} : { now: opts.now }),
  });
  const warnings: string[] = [];
  for (const p of env.phones) {
    if (p.displayName === undefined) continue;
    const tail = p.phoneNumberId.startsWith("arn:")
      ? `phone-number-id-${p.phoneNumberId.split("/").pop()}`
      : p.phoneNumberId;
    const l = live.phoneNumbers?.find((x) => x.phoneNumberId === tail);
    if (!l) warnings.push(`phone number ${p.alias} (${p.phoneNumberId}) is not linked to WABA ${env.wabaId}`);
    else if (l.displayName !== p.displayName)
      warnings.push(
        `phone number ${p.alias} shows display name "${l.displayName}", the config expects "${p.displayName}": request the change in WhatsApp Manager (Meta reviews display names; waba never changes them)`,
      );
  }
  warnings.push(...manualSteps(env.model).map((s) => `manual step: ${s}`));
  const counts: PlanReport["counts"] = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    unmanaged: 0,
    none: 0,
    refused: 0,
  };
  for (const i of plan.items) {
    counts[i.action]++;
    if (i.refusal !== undefined) counts.refused++;
  }
  return { env: env.name, wabaId: env.wabaId, baseline: baseline !== undefined, items: plan.items, warnings, counts };
}

/** True when the plan would change something at Meta. */
export function hasChanges(r: PlanReport): boolean {
  return r.counts.create + r.counts.update + r.counts.replace + r.counts.delete > 0;
}
