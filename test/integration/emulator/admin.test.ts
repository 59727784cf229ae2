/** The admin API (in-process and HTTP): Meta-side changes, drift, events for template changes, clock, reset. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateWhatsAppMessageTemplateCommand,
  GetLinkedWhatsAppBusinessAccountPhoneNumberCommand,
  GetWhatsAppMessageTemplateCommand,
  ListWhatsAppMessageTemplatesCommand,
  SendWhatsAppMessageCommand,
  type SocialMessagingClient,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PublishedEvent, type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { enc, eumClient, PHONE, utilityTemplate, WABA } from "./client.ts";

let emu: RunningEmulator;
let eum: SocialMessagingClient;
let events: PublishedEvent[] = [];
const changes = (field: string): Record<string, unknown>[] =>
  events
    .flatMap(
      (e) =>
        (
          JSON.parse(e.envelope.whatsAppWebhookEntry) as {
            changes: { field: string; value: Record<string, unknown> }[];
          }
        ).changes,
    )
    .filter((c) => c.field === field)
    .map((c) => c.value);
const getTemplate = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(
    (
      await eum.send(
        new GetWhatsAppMessageTemplateCommand({ id: WABA, templateName: name, templateLanguageCode: "en_US" }),
      )
    ).template as string,
  );
const admin = async (call: string, body: unknown = {}): Promise<{ status: number; json: unknown }> => {
  const res = await fetch(`${emu.url}/_admin/${call}`, { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
};

beforeAll(async () => {
  emu = await startEmulator({ reviewDelayMs: 50 });
  emu.onEvent((e) => events.push(e));
  eum = eumClient(emu.url);
});
afterAll(async () => {
  eum.destroy();
  await emu.stop();
});
beforeEach(() => {
  emu.admin.reset();
  events = [];
});

describe("review timing and template events", () => {
  it("reviews after reviewDelayMs of real time and emits message_template_status_update", async () => {
    const c = await eum.send(
      new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(utilityTemplate("timed")) }),
    );
    expect((await getTemplate("timed")).status).toBe("PENDING");
    await new Promise((r) => setTimeout(r, 120));
    expect((await getTemplate("timed")).status).toBe("APPROVED");
    expect(changes("message_template_status_update")).toEqual([
      {
        event: "APPROVED",
        message_template_id: Number(c.metaTemplateId),
        message_template_name: "timed",
        message_template_language: "en_US",
        reason: "NONE",
        message_template_category: "UTILITY",
      },
    ]);
  });

  it("forces status, category and quality, each with its webhook", async () => {
    const ref = { wabaId: WABA, name: "hello_world", language: "en_US" };
    emu.admin.setTemplateStatus({ ...ref, status: "REJECTED", reason: "SCAM" });
    expect(await getTemplate("hello_world")).toMatchObject({ status: "REJECTED", rejected_reason: "SCAM" });
    emu.admin.setTemplateCategory({ ...ref, category: "MARKETING" });
    expect(await getTemplate("hello_world")).toMatchObject({ category: "MARKETING", previous_category: "UTILITY" });
    emu.admin.setTemplateQuality({ ...ref, quality: "RED" });
    const list = await eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }));
    expect(list.templates?.[0]?.templateQualityScore).toBe("RED");
    expect(changes("template_category_update")[0]).toMatchObject({
      previous_category: "UTILITY",
      new_category: "MARKETING",
    });
    expect(changes("message_template_quality_update")[0]).toMatchObject({
      previous_quality_score: "UNKNOWN",
      new_quality_score: "RED",
    });
    expect(() => emu.admin.setTemplateStatus({ ...ref, name: "nope", status: "APPROVED" })).toThrow(
      "template nope (en_US) not found",
    );
  });

  it("edits a template out of band (drift) without a status change", async () => {
    emu.admin.editTemplateOutOfBand({
      wabaId: WABA,
      name: "hello_world",
      language: "en_US",
      components: [{ type: "body", text: "Edited in WhatsApp Manager." }],
    });
    const t = await getTemplate("hello_world");
    expect(t).toMatchObject({
      status: "APPROVED",
      components: [{ type: "BODY", text: "Edited in WhatsApp Manager." }],
    });
    expect(changes("message_template_components_update")).toHaveLength(1);
  });
});

describe("seed and state files", () => {
  it("starts from a YAML seed, persists to statePath, and reloads that state (ignoring the seed) on restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-seed-state-"));
    const seed = join(dir, "seed.yaml");
    writeFileSync(
      seed,
      [
        "accountId: '444455556666'",
        "region: eu-west-1",
        "wabas:",
        "  - id: waba-22222222222222222222222222222222",
        "    metaWabaId: '310000000000099'",
        "    name: Other",
        "    phoneNumbers:",
        "      - id: phone-number-id-33333333333333333333333333333333",
        "        metaPhoneNumberId: '420000000000099'",
        "        displayPhoneNumber: '+34 910 000 099'",
        "        displayName: Other ES",
      ].join("\n"),
    );
    const state = join(dir, "state.json");
    const first = await startEmulator({ seed, statePath: state });
    const c1 = eumClient(first.url);
    await c1.send(
      new CreateWhatsAppMessageTemplateCommand({
        id: "waba-22222222222222222222222222222222",
        templateDefinition: enc(utilityTemplate("kept")),
      }),
    );
    c1.destroy();
    await first.stop();
    const second = await startEmulator({ statePath: state });
    const c2 = eumClient(second.url);
    try {
      const list = await c2.send(
        new ListWhatsAppMessageTemplatesCommand({
          id: "arn:aws:social-messaging:eu-west-1:444455556666:waba/22222222222222222222222222222222",
        }),
      );
      expect(list.templates?.map((t) => [t.templateName, t.templateStatus])).toEqual([["kept", "APPROVED"]]);
    } finally {
      c2.destroy();
      await second.stop();
    }
  });
});

describe("bounded history", () => {
  it("keeps only the last historyLimit sent messages and events", async () => {
    const small = await startEmulator({ historyLimit: 3 });
    const client = eumClient(small.url);
    try {
      const ids: string[] = [];
      for (let n = 0; n < 5; n++) {
        const r = await client.send(
          new SendWhatsAppMessageCommand({
            originationPhoneNumberId: PHONE,
            metaApiVersion: "v21.0",
            message: enc({
              messaging_product: "whatsapp",
              to: "919800000005",
              type: "template",
              template: { name: "hello_world", language: { code: "en_US" } },
            }),
          }),
        );
        ids.push(r.messageId as string);
      }
      await small.admin.drainEvents();
      expect(small.admin.sentMessages().map((m) => m.wamid)).toEqual(ids.slice(2));
      expect(small.admin.events()).toHaveLength(3);
      expect(small.admin.stats()).toMatchObject({ sentTotal: 5, eventsTotal: 15 });
    } finally {
      client.destroy();
      await small.stop();
    }
  });
});

describe("admin over HTTP", () => {
  it("serves the same calls under /_admin/ and rejects bad ones with 400", async () => {
    expect((await admin("setDisplayName", { phoneNumberId: PHONE, name: "Acme Shop" })).status).toBe(200);
    const phone = await eum.send(new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: PHONE }));
    expect(phone.phoneNumber?.displayPhoneNumberName).toBe("Acme Shop");
    const inbound = await admin("injectInboundMessage", {
      from: "919800000001",
      to: PHONE,
      message: { type: "text", text: { body: "hi" } },
    });
    expect((inbound.json as { wamid: string }).wamid).toMatch(/^wamid\./);
    const ev = (await admin("events", { field: "messages" })).json as PublishedEvent[];
    expect(ev).toHaveLength(1);
    await admin("injectFault", { operation: "ListWhatsAppMessageTemplates", error: "DependencyException" });
    await expect(eum.send(new ListWhatsAppMessageTemplatesCommand({ id: WABA }))).rejects.toMatchObject({
      name: "DependencyException",
    });
    expect(((await admin("callCounts")).json as Record<string, number>).ListWhatsAppMessageTemplates).toBe(1);
    const before = ((await admin("now")).json as { now: number }).now;
    await admin("advanceClock", { ms: 3_600_000 });
    expect(((await admin("now")).json as { now: number }).now - before).toBeGreaterThanOrEqual(3_600_000);
    const media = (
      await admin("uploadInboundMedia", { phoneNumberId: PHONE, mimeType: "audio/ogg", dataBase64: "b2dn" })
    ).json;
    expect((media as { mediaId: string }).mediaId).toMatch(/^\d+$/);
    expect((await admin("stats")).json).toMatchObject({ sentTotal: 0 });
    expect((await admin("injectFault", { operation: "X", error: "NoSuchError" })).status).toBe(400);
    expect(
      (await admin("setTemplateStatus", { wabaId: WABA, name: "hello_world", language: "en_US", status: "MAYBE" }))
        .status,
    ).toBe(400);
    expect((await admin("teleport")).status).toBe(404);
  });

  it("answers an unbound path with UnknownOperationException", async () => {
    const res = await fetch(`${emu.url}/v1/whatsapp/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
  });
});
