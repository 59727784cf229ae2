/** Seed files: the WABAs, phone numbers and templates an emulator starts with. */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { toStoredComponents } from "./review.ts";
import type { EmulatorState, PhoneRecord, TemplateRecord, WabaRecord } from "./state.ts";

const HEX32 = /^[0-9a-f]{32}$/;

const seedTemplate = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().min(1).max(6),
  category: z.enum(["MARKETING", "UTILITY", "AUTHENTICATION"]),
  status: z
    .enum(["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "ARCHIVED"])
    .default("APPROVED"),
  qualityScore: z.enum(["GREEN", "YELLOW", "RED", "UNKNOWN"]).default("UNKNOWN"),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).default("POSITIONAL"),
  metaTemplateId: z
    .string()
    .regex(/^[0-9]{1,100}$/)
    .optional(),
  components: z.array(z.record(z.string(), z.unknown())).min(1),
});

const seedPhone = z.object({
  id: z.string().regex(/^phone-number-id-[0-9a-f]{32}$/, "must be phone-number-id- followed by 32 lower-case hex"),
  metaPhoneNumberId: z.string().regex(/^[0-9]{1,20}$/),
  phoneNumber: z.string().min(1).max(100).optional(),
  displayPhoneNumber: z.string().min(1).max(20),
  displayName: z.string().min(1).max(200),
  qualityRating: z.string().max(10).default("GREEN"),
  dataLocalizationRegion: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  tags: z.array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256).optional() })).default([]),
});

const seedWaba = z.object({
  id: z.string().regex(/^waba-[0-9a-f]{32}$/, "must be waba- followed by 32 lower-case hex"),
  metaWabaId: z.string().regex(/^[0-9]{1,20}$/),
  name: z.string().min(1).max(200),
  registrationStatus: z.enum(["COMPLETE", "INCOMPLETE"]).default("COMPLETE"),
  linkDate: z.number().nonnegative().optional(),
  templateLimit: z.number().int().positive().default(250),
  currency: z.string().default("USD"),
  timezoneId: z.string().default("1"),
  marketingMessagesOnboardingStatus: z.string().optional(),
  eventDestinations: z
    .array(z.object({ eventDestinationArn: z.string(), roleArn: z.string().optional() }))
    .max(1)
    .default([]),
  tags: z.array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256).optional() })).default([]),
  phoneNumbers: z.array(seedPhone).default([]),
  templates: z.array(seedTemplate).default([]),
});

/** Shape of a seed file (YAML or JSON). */
export const emulatorSeedSchema = z.object({
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .default("111122223333"),
  region: z.string().min(1).default("us-east-1"),
  wabas: z.array(seedWaba).default([]),
});

/** A seed as written by a user (defaults optional). */
export type EmulatorSeed = z.input<typeof emulatorSeedSchema>;

const HELLO_WORLD_COMPONENTS = [
  { type: "HEADER", format: "TEXT", text: "Hello World" },
  {
    type: "BODY",
    text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
  },
  { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
];

/** The fixed default estate other parts of the project rely on (ids are part of the contract). */
export const DEFAULT_SEED: EmulatorSeed = {
  accountId: "111122223333",
  region: "us-east-1",
  wabas: [
    {
      id: "waba-0123456789abcdef0123456789abcdef",
      metaWabaId: "310000000000001",
      name: "Acme Retail (local)",
      registrationStatus: "COMPLETE",
      linkDate: 1767225600,
      phoneNumbers: [
        {
          id: "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
          metaPhoneNumberId: "420000000000001",
          phoneNumber: "+919876500001",
          displayPhoneNumber: "+91 98765 00001",
          displayName: "Acme Retail",
          qualityRating: "GREEN",
        },
        {
          id: "phone-number-id-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
          metaPhoneNumberId: "420000000000002",
          phoneNumber: "+525500000002",
          displayPhoneNumber: "+52 55 0000 0002",
          displayName: "Acme Retail MX",
          qualityRating: "GREEN",
        },
      ],
      templates: [
        {
          name: "hello_world",
          language: "en_US",
          category: "UTILITY",
          status: "APPROVED",
          metaTemplateId: "1000000000000001",
          components: HELLO_WORLD_COMPONENTS,
        },
      ],
    },
  ],
};

/** Reads and validates a seed file (YAML or JSON); errors name the file and the offending path. */
export function loadSeedFile(path: string): EmulatorSeed {
  const text = readFileSync(path, "utf8");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new Error(`${path}: not valid YAML/JSON: ${(err as Error).message}`);
  }
  const r = emulatorSeedSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`${path}: invalid emulator seed:\n${lines.join("\n")}`);
  }
  return r.data;
}

/** Builds a fresh state from a seed. */
export function stateFromSeed(seedInput: EmulatorSeed, nowMs: number): EmulatorState {
  const r = emulatorSeedSchema.safeParse(seedInput);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`invalid emulator seed: ${lines.join("; ")}`);
  }
  const seed = r.data;
  const state: EmulatorState = {
    version: 1,
    accountId: seed.accountId,
    region: seed.region,
    clockOffsetMs: 0,
    wabas: {},
    phones: {},
    templates: {},
    lockedNames: {},
    flows: {},
    media: {},
    headerHandles: {},
    pendingSignups: {},
    lastInbound: {},
    counters: { template: 2_000_000_000_000_000, flow: 3_000_000_000_000_000, media: 1, waba: 1 },
  };
  const arnPrefix = `arn:aws:social-messaging:${seed.region}:${seed.accountId}`;
  for (const w of seed.wabas) {
    const hex = w.id.slice("waba-".length);
    if (!HEX32.test(hex)) throw new Error(`seed: bad WABA id ${w.id}`);
    if (state.wabas[w.id]) throw new Error(`seed: duplicate WABA id ${w.id}`);
    const waba: WabaRecord = {
      id: w.id,
      arn: `${arnPrefix}:waba/${hex}`,
      metaWabaId: w.metaWabaId,
      name: w.name,
      registrationStatus: w.registrationStatus,
      linkDate: w.linkDate ?? Math.floor(nowMs / 1000),
      eventDestinations: w.eventDestinations.map((d) =>
        d.roleArn === undefined
          ? { eventDestinationArn: d.eventDestinationArn }
          : { eventDestinationArn: d.eventDestinationArn, roleArn: d.roleArn },
      ),
      templateLimit: w.templateLimit,
      currency: w.currency,
      timezoneId: w.timezoneId,
      messageTemplateNamespace: `${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 16)}_${hex.slice(16, 20)}_${hex.slice(20)}`,
      tags: w.tags,
    };
    if (w.marketingMessagesOnboardingStatus !== undefined)
      waba.marketingMessagesOnboardingStatus = w.marketingMessagesOnboardingStatus;
    state.wabas[w.id] = waba;
    for (const p of w.phoneNumbers) {
      if (state.phones[p.id]) throw new Error(`seed: duplicate phone id ${p.id}`);
      const phone: PhoneRecord = {
        id: p.id,
        arn: `${arnPrefix}:phone-number-id/${p.id.slice("phone-number-id-".length)}`,
        wabaId: w.id,
        metaPhoneNumberId: p.metaPhoneNumberId,
        phoneNumber: p.phoneNumber ?? `+${p.displayPhoneNumber.replace(/\D/g, "")}`,
        displayPhoneNumber: p.displayPhoneNumber,
        displayName: p.displayName,
        qualityRating: p.qualityRating,
        tags: p.tags,
      };
      if (p.dataLocalizationRegion !== undefined) phone.dataLocalizationRegion = p.dataLocalizationRegion;
      state.phones[p.id] = phone;
    }
    for (const t of w.templates) {
      const id = t.metaTemplateId ?? String(++state.counters.template);
      const rec: TemplateRecord = {
        wabaId: w.id,
        metaTemplateId: id,
        name: t.name,
        language: t.language,
        category: t.category,
        requestedCategory: t.category,
        status: t.status,
        rejectedReason: "NONE",
        qualityScore: t.qualityScore,
        parameterFormat: t.parameterFormat,
        submittedComponents: t.components,
        components: toStoredComponents(t.components, t.category),
        createdAt: nowMs,
        updatedAt: nowMs,
        approvedEdits: [],
        everApproved: t.status === "APPROVED" || t.status === "PAUSED",
      };
      state.templates[id] = rec;
    }
  }
  return state;
}
