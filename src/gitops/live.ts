/**
 * Reads what is live in EUM for one environment, read-only: ONE paginated template List per WABA, one Get per
 * template the caller asks details for, and (only when display names are declared) one WABA lookup for phones.
 */
import { GetLinkedWhatsAppBusinessAccountCommand, type SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { callEum, createEumClient } from "../eum/client.ts";
import {
  clearTemplateCache,
  getTemplate,
  type LiveSummary,
  type LiveTemplate,
  listTemplates,
} from "../eum/templates.ts";

export type { LiveSummary, LiveTemplate };

/** One phone number as EUM reports it. */
export interface LivePhoneNumber {
  phoneNumberId: string;
  displayName: string;
  displayPhoneNumber: string;
  qualityRating: string;
}

/** The live state of a WABA as far as a plan or drift report needs it. */
export interface LiveEstate {
  wabaId: string;
  /** Every template-language the List returned, keyed `name:language`. */
  summaries: Map<string, LiveSummary>;
  /** Meta's full template object for the keys asked for (and present). */
  details: Map<string, LiveTemplate>;
  /** Phone numbers, when they were asked for. */
  phoneNumbers?: LivePhoneNumber[];
}

/** Options of `readLiveEstate`. */
export interface ReadLiveOptions {
  /** `name:language` keys to Get in full (the owned ones that are live). */
  detailsFor: (summaries: Map<string, LiveSummary>) => Iterable<string>;
  /** Also look up the WABA's phone numbers (one GetLinkedWhatsAppBusinessAccount). */
  phoneNumbers?: boolean;
}

/** Builds the EUM client for a CLI run; on a loopback endpoint (the emulator) dummy credentials are fine. */
export function clientFor(region: string, endpoint: string | undefined): SocialMessagingClient {
  const ep = endpoint ?? process.env.AWS_ENDPOINT_URL_SOCIALMESSAGING;
  if (ep !== undefined && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(ep)) {
    // The emulator ignores signatures, but the SDK refuses to sign without some credentials.
    process.env.AWS_ACCESS_KEY_ID ??= "test";
    process.env.AWS_SECRET_ACCESS_KEY ??= "test";
  }
  return createEumClient({ region, endpoint: ep });
}

/** `name:language`, the key plans and reports use. */
export const templateKey = (name: string, language: string): string => `${name}:${language}`;

/** Reads the WABA's templates (fresh List, then Gets) and optionally its phone numbers. */
export async function readLiveEstate(
  eum: SocialMessagingClient,
  wabaId: string,
  opts: ReadLiveOptions,
): Promise<LiveEstate> {
  // The List cache lives for a process; a report is a new run and must see the current state.
  clearTemplateCache();
  const listed = await listTemplates(eum, wabaId);
  const summaries = new Map<string, LiveSummary>();
  for (const s of listed.values()) summaries.set(templateKey(s.name, s.language), s);
  const details = new Map<string, LiveTemplate>();
  const wanted = [...new Set(opts.detailsFor(summaries))].filter((k) => summaries.has(k)).sort();
  // getTemplate bounds the calls in flight (WABA_EUM_GET_CONCURRENCY, default 8).
  await Promise.all(
    wanted.map(async (k) => {
      const s = summaries.get(k)!;
      const t = await getTemplate(eum, wabaId, { metaTemplateId: s.metaTemplateId });
      if (t) details.set(k, t);
    }),
  );
  const estate: LiveEstate = { wabaId, summaries, details };
  if (opts.phoneNumbers) {
    const out = await callEum("GetLinkedWhatsAppBusinessAccount", wabaId, () =>
      eum.send(new GetLinkedWhatsAppBusinessAccountCommand({ id: wabaId })),
    );
    estate.phoneNumbers = (out.account?.phoneNumbers ?? []).map((p) => ({
      phoneNumberId: p.phoneNumberId ?? "",
      displayName: p.displayPhoneNumberName ?? "",
      displayPhoneNumber: p.displayPhoneNumber ?? "",
      qualityRating: p.qualityRating ?? "",
    }));
  }
  return estate;
}
