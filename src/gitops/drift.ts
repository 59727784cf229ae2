/**
 * `waba drift` as a library: reads live EUM for an environment (one paginated List, one Get per owned live
 * template, one WABA lookup when display names are declared) and classifies every difference.
 */
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { classifyDrift, type DriftReport } from "../reconcile/drift.ts";
import type { LoadedEnvironment } from "./environment.ts";
import { readLiveEstate } from "./live.ts";

/** Drift of one environment. */
export async function buildDrift(env: LoadedEnvironment, eum: SocialMessagingClient): Promise<DriftReport> {
  const owned = new Set(env.templates.map((t) => `${t.name}:${t.language}`));
  const wantPhones = env.phones.some((p) => p.displayName !== undefined);
  const live = await readLiveEstate(eum, env.wabaId, { detailsFor: () => owned, phoneNumbers: wantPhones });
  return classifyDrift({
    desired: env.templates,
    summaries: live.summaries,
    details: live.details as unknown as ReadonlyMap<string, Record<string, unknown>>,
    phones: wantPhones ? { desired: env.phones, live: live.phoneNumbers ?? [] } : undefined,
  });
}
