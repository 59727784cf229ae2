/** WABA, phone number, event destination, tag and sign-up operations. */
import { randomBytes } from "node:crypto";
import type { Engine } from "./engine.ts";
import { EumError, invalidParameters } from "./errors.ts";
import { type Operation, paginate, setIf } from "./operation.ts";
import { EVENT_DESTINATIONS, MAX_RESULTS, NEXT_TOKEN, PHONE_ID, type Rule, TAG_LIST, WABA_ID } from "./shape.ts";
import type { EventDestination, PhoneRecord, Tag, WabaRecord } from "./state.ts";

const MAX_LINKED_WABAS = 25;

function wabaSummary(w: WabaRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    arn: w.arn,
    id: w.id,
    wabaId: w.metaWabaId,
    registrationStatus: w.registrationStatus,
    linkDate: w.linkDate,
    wabaName: w.name,
    eventDestinations: w.eventDestinations,
  };
  setIf(out, "marketingMessagesOnboardingStatus", w.marketingMessagesOnboardingStatus);
  return out;
}

/** The WhatsAppPhoneNumberSummary/Detail shape. */
export function phoneSummary(p: PhoneRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    arn: p.arn,
    phoneNumber: p.phoneNumber,
    phoneNumberId: p.id,
    metaPhoneNumberId: p.metaPhoneNumberId,
    displayPhoneNumberName: p.displayName,
    displayPhoneNumber: p.displayPhoneNumber,
    qualityRating: p.qualityRating,
  };
  setIf(out, "dataLocalizationRegion", p.dataLocalizationRegion);
  return out;
}

function taggable(e: Engine, arn: string): { tags: Tag[] } {
  for (const w of Object.values(e.state.wabas)) if (w.arn === arn) return w;
  for (const p of Object.values(e.state.phones)) if (p.arn === arn) return p;
  throw invalidParameters(`Resource ${arn} is not a WhatsApp Business Account or phone number ARN in this account`);
}

function toDestinations(list: unknown): EventDestination[] {
  return (list as { eventDestinationArn: string; roleArn?: string }[]).map((d) =>
    d.roleArn === undefined
      ? { eventDestinationArn: d.eventDestinationArn }
      : { eventDestinationArn: d.eventDestinationArn, roleArn: d.roleArn },
  );
}

const hex32 = (): string => randomBytes(16).toString("hex");

const PHONE_FINALIZATION: Rule = {
  t: "object",
  fields: {
    id: { t: "string", req: true, min: 1, max: 100 },
    twoFactorPin: { t: "string", req: true, min: 1, max: 6 },
    dataLocalizationRegion: { t: "string", pattern: /^[A-Z]{2}$/ },
    tags: TAG_LIST,
  },
};

/** WABA, phone, event destination, tag and sign-up operations. */
export const wabaOperations: Operation[] = [
  {
    name: "ListLinkedWhatsAppBusinessAccounts",
    method: "GET",
    path: "/v1/whatsapp/waba/list",
    spec: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
    run(e, i) {
      const all = Object.values(e.state.wabas);
      const { page, nextToken } = paginate(all, "waba", i.nextToken, i.maxResults);
      const out: Record<string, unknown> = { linkedAccounts: page.map(wabaSummary) };
      setIf(out, "nextToken", nextToken);
      return out;
    },
  },
  {
    name: "GetLinkedWhatsAppBusinessAccount",
    method: "GET",
    path: "/v1/whatsapp/waba/details",
    spec: { id: WABA_ID },
    run(e, i) {
      const w = e.waba(i.id as string);
      return { account: { ...wabaSummary(w), phoneNumbers: e.phonesOf(w.id).map(phoneSummary) } };
    },
  },
  {
    name: "GetLinkedWhatsAppBusinessAccountPhoneNumber",
    method: "GET",
    path: "/v1/whatsapp/waba/phone/details",
    spec: { id: PHONE_ID },
    run(e, i) {
      const p = e.phone(i.id as string);
      return { phoneNumber: phoneSummary(p), linkedWhatsAppBusinessAccountId: p.wabaId };
    },
  },
  {
    name: "DisassociateWhatsAppBusinessAccount",
    method: "DELETE",
    path: "/v1/whatsapp/waba/disassociate",
    spec: { id: WABA_ID },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string);
      delete e.state.wabas[w.id];
      for (const p of e.phonesOf(w.id)) delete e.state.phones[p.id];
      for (const t of e.templatesOf(w.id)) delete e.state.templates[t.metaTemplateId];
      for (const f of Object.values(e.state.flows)) if (f.wabaId === w.id) delete e.state.flows[f.flowId];
      e.markDirty();
      return {};
    },
  },
  {
    name: "PutWhatsAppBusinessAccountEventDestinations",
    method: "PUT",
    path: "/v1/whatsapp/waba/eventdestinations",
    spec: { id: WABA_ID, eventDestinations: { ...EVENT_DESTINATIONS, req: true } },
    mutates: true,
    run(e, i) {
      const w = e.waba(i.id as string, "invalid");
      w.eventDestinations = toDestinations(i.eventDestinations);
      e.markDirty();
      return {};
    },
  },
  {
    name: "TagResource",
    method: "POST",
    path: "/v1/tags/tag-resource",
    spec: {
      resourceArn: { t: "string", req: true, max: 2048, pattern: /^arn:.*$/ },
      tags: { ...TAG_LIST, req: true },
    },
    mutates: true,
    run(e, i) {
      const r = taggable(e, i.resourceArn as string);
      for (const t of i.tags as Tag[]) {
        const existing = r.tags.find((x) => x.key === t.key);
        if (existing) {
          if (t.value === undefined) delete existing.value;
          else existing.value = t.value;
        } else r.tags.push(t.value === undefined ? { key: t.key } : { key: t.key, value: t.value });
      }
      if (r.tags.length > 50) throw invalidParameters("A resource can have at most 50 tags");
      e.markDirty();
      return { statusCode: 200 };
    },
  },
  {
    name: "UntagResource",
    method: "POST",
    path: "/v1/tags/untag-resource",
    spec: {
      resourceArn: { t: "string", req: true, max: 2048, pattern: /^arn:.*$/ },
      tagKeys: { t: "list", req: true, items: { t: "string", min: 1, max: 128 } },
    },
    mutates: true,
    run(e, i) {
      const r = taggable(e, i.resourceArn as string);
      const keys = new Set(i.tagKeys as string[]);
      r.tags = r.tags.filter((t) => !keys.has(t.key));
      e.markDirty();
      return { statusCode: 200 };
    },
  },
  {
    name: "ListTagsForResource",
    method: "GET",
    path: "/v1/tags/list",
    spec: { resourceArn: { t: "string", req: true, max: 2048, pattern: /^arn:.*$/ } },
    run(e, i) {
      return { statusCode: 200, tags: taggable(e, i.resourceArn as string).tags };
    },
  },
  {
    name: "AssociateWhatsAppBusinessAccount",
    method: "POST",
    path: "/v1/whatsapp/signup",
    spec: {
      signupCallback: {
        t: "object",
        fields: {
          accessToken: { t: "string", req: true, max: 1000 },
          callbackUrl: { t: "string", max: 100 },
        },
      },
      setupFinalization: {
        t: "object",
        fields: {
          associateInProgressToken: { t: "string", req: true, max: 50 },
          phoneNumbers: { t: "list", req: true, items: PHONE_FINALIZATION },
          phoneNumberParent: { ...WABA_ID, req: false },
          waba: {
            t: "object",
            fields: { id: { t: "string", min: 1, max: 100 }, eventDestinations: EVENT_DESTINATIONS, tags: TAG_LIST },
          },
        },
      },
    },
    mutates: true,
    run(e, i) {
      const cb = i.signupCallback as { accessToken: string } | undefined;
      const fin = i.setupFinalization as
        | {
            associateInProgressToken: string;
            phoneNumbers: { id: string; twoFactorPin: string; dataLocalizationRegion?: string; tags?: Tag[] }[];
            waba?: { id?: string; eventDestinations?: unknown[]; tags?: Tag[] };
          }
        | undefined;
      if ((cb === undefined) === (fin === undefined))
        throw invalidParameters("Provide exactly one of signupCallback or setupFinalization");
      const now = e.now();
      if (cb !== undefined) {
        if (cb.accessToken.trim() === "") throw invalidParameters("signupCallback.accessToken is empty");
        e.state.counters.waba++;
        const metaWabaId = String(310000000000000 + 1000 + e.state.counters.waba);
        const token = randomBytes(12).toString("hex");
        const phoneHex = hex32();
        const metaPhone = String(420000000000000 + 1000 + e.state.counters.waba);
        const digits = `1555${String(e.state.counters.waba).padStart(7, "0")}`;
        const signup = {
          token,
          metaWabaId,
          accountName: `Signed-up business ${e.state.counters.waba}`,
          phones: [
            {
              id: `phone-number-id-${phoneHex}`,
              metaPhoneNumberId: metaPhone,
              phoneNumber: `+${digits}`,
              displayPhoneNumber: `+1 555-${digits.slice(4, 7)}-${digits.slice(7)}`,
              name: `Signed-up business ${e.state.counters.waba}`,
            },
          ],
          createdAt: now,
        };
        e.state.pendingSignups[token] = signup;
        e.markDirty();
        const arnPrefix = `arn:aws:social-messaging:${e.state.region}:${e.state.accountId}`;
        return {
          signupCallbackResult: {
            associateInProgressToken: token,
            linkedAccountsWithIncompleteSetup: {
              [metaWabaId]: {
                accountName: signup.accountName,
                registrationStatus: "INCOMPLETE",
                unregisteredWhatsAppPhoneNumbers: signup.phones.map((p) => ({
                  arn: `${arnPrefix}:phone-number-id/${p.id.slice("phone-number-id-".length)}`,
                  phoneNumber: p.phoneNumber,
                  phoneNumberId: p.id,
                  metaPhoneNumberId: p.metaPhoneNumberId,
                  displayPhoneNumberName: p.name,
                  displayPhoneNumber: p.displayPhoneNumber,
                  qualityRating: "UNKNOWN",
                })),
                wabaId: metaWabaId,
              },
            },
          },
          statusCode: 200,
        };
      }
      const f = fin!;
      const signup = e.state.pendingSignups[f.associateInProgressToken];
      if (!signup) throw invalidParameters("associateInProgressToken is unknown or expired");
      if (Object.keys(e.state.wabas).length >= MAX_LINKED_WABAS)
        throw new EumError(
          "LimitExceededException",
          `Account ${e.state.accountId} already has ${MAX_LINKED_WABAS} linked WhatsApp Business Accounts in ${e.state.region}`,
        );
      if (f.waba?.id !== undefined && f.waba.id !== signup.metaWabaId)
        throw invalidParameters(`waba.id ${f.waba.id} does not match the sign-up (${signup.metaWabaId})`);
      for (const p of f.phoneNumbers) {
        if (!signup.phones.some((sp) => sp.id === p.id || sp.metaPhoneNumberId === p.id))
          throw invalidParameters(`Phone number ${p.id} is not part of this sign-up`);
        if (!/^\d{6}$/.test(p.twoFactorPin)) throw invalidParameters("twoFactorPin must be 6 digits");
      }
      const hex = hex32();
      const arnPrefix = `arn:aws:social-messaging:${e.state.region}:${e.state.accountId}`;
      const w: WabaRecord = {
        id: `waba-${hex}`,
        arn: `${arnPrefix}:waba/${hex}`,
        metaWabaId: signup.metaWabaId,
        name: signup.accountName,
        registrationStatus: "COMPLETE",
        linkDate: Math.floor(now / 1000),
        eventDestinations: toDestinations(f.waba?.eventDestinations ?? []),
        templateLimit: 250,
        currency: "USD",
        timezoneId: "1",
        messageTemplateNamespace: hex,
        tags: f.waba?.tags ?? [],
      };
      e.state.wabas[w.id] = w;
      for (const p of f.phoneNumbers) {
        const sp = signup.phones.find((x) => x.id === p.id || x.metaPhoneNumberId === p.id)!;
        const rec: PhoneRecord = {
          id: sp.id,
          arn: `${arnPrefix}:phone-number-id/${sp.id.slice("phone-number-id-".length)}`,
          wabaId: w.id,
          metaPhoneNumberId: sp.metaPhoneNumberId,
          phoneNumber: sp.phoneNumber,
          displayPhoneNumber: sp.displayPhoneNumber,
          displayName: sp.name,
          qualityRating: "UNKNOWN",
          tags: p.tags ?? [],
        };
        if (p.dataLocalizationRegion !== undefined) rec.dataLocalizationRegion = p.dataLocalizationRegion;
        e.state.phones[rec.id] = rec;
      }
      delete e.state.pendingSignups[f.associateInProgressToken];
      e.markDirty();
      return { statusCode: 200, linkedWhatsAppBusinessAccountId: w.id };
    },
  },
];
