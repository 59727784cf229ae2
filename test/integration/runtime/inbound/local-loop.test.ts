/**
 * The inbound half end to end with real parts: the EUM emulator publishes to moto's SNS topic, SNS delivers to moto's
 * SQS queue, the ingest handler processes it against moto's DynamoDB/S3 and enqueues replies on the FIFO send queue,
 * the real sender delivers them to the emulator. Config is the example estate in config/.
 */
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { CreateWhatsAppMessageTemplateCommand } from "@aws-sdk/client-socialmessaging";
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusinessProfile } from "../../../../schemas/generated/business-profile.ts";
import type { ConversationFlow } from "../../../../schemas/generated/conversation-flow.ts";
import { type RunningEmulator, startEmulator } from "../../../../src/emulator/index.ts";
import { getConfigItem } from "../../../../src/runtime/config-store.ts";
import { silentLogger } from "../../../../src/runtime/inbound/deps.ts";
import { referenceIdOf } from "../../../../src/runtime/inbound/features/payments.ts";
import { type LocalLoop, startLocalLoop } from "../../../../src/runtime/local-loop.ts";

const MOTO = process.env["MOTO_URL"] as string;
const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const CONFIG = new URL("../../../../config", import.meta.url).pathname;

let emu: RunningEmulator;
let loop: LocalLoop;
let flow: ConversationFlow;
let profile: BusinessProfile;
let user = 919800000100;

beforeAll(async () => {
  process.env["POWERTOOLS_LOG_LEVEL"] = "ERROR";
  emu = await startEmulator({ awsEndpoint: MOTO });
  loop = await startLocalLoop({ motoUrl: MOTO, emulator: emu, configRoot: CONFIG, logger: silentLogger });
  const { loadConfig } = await import("../../../../src/config/load.ts");
  const { model } = await loadConfig(CONFIG, { env: "local" });
  flow = model.flows[0]?.value as ConversationFlow;
  profile = model.profiles[0]?.value as BusinessProfile;
});

afterAll(async () => {
  await loop?.stop();
  await emu?.stop();
});

function inject(message: Record<string, unknown>, from = String(++user)) {
  const { wamid } = emu.admin.injectInboundMessage({ from, to: PHONE, message, contactName: "Asha Rao" });
  return { from, wamid };
}

/** Keeps the loop running until `done()` holds (statuses trail the sends; failed records retry after 2 s). */
async function until(done: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await loop.settle({ idleRounds: 1 });
}

const sentTo = (to: string) => emu.admin.sentMessages({ to }).map((m) => m.message as Record<string, unknown>);

async function scan(table: string, prefix: string) {
  const res = await loop.clients.ddb.send(new ScanCommand({ TableName: table }));
  return (res.Items ?? []).filter((i) => String(i["pk"]).startsWith(prefix));
}

describe("local loop (emulator → SNS → SQS → ingest → send queue → sender → emulator)", () => {
  it("loads config/ without problems", () => {
    expect(loop.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("answers 'hi' with the declared welcome and menu", async () => {
    // Act
    const { from } = inject({ type: "text", text: { body: "hi" } });
    await loop.settle();
    // Assess
    const sent = sentTo(from);
    expect(sent).toEqual([
      expect.objectContaining({
        type: "text",
        text: { body: flow.welcome?.message.type === "text" ? flow.welcome.message.text : "" },
      }),
      expect.objectContaining({ type: "interactive", interactive: flow.menu?.interactive }),
    ]);
    // The replies' delivery statuses came back through the same loop and were recorded on the outbound records.
    const statuses = async () =>
      (await scan(loop.resources.tables.outbound, "wamid#"))
        .filter((i) => String(i["request"]).includes(from))
        .map((i) => i["lastStatus"]);
    await until(async () => (await statuses()).join() === "read,read");
    expect(await statuses()).toEqual(["read", "read"]);
  });

  it("routes a list selection, a keyword and a profile question per the declared flow and profile", async () => {
    const from = String(++user);
    inject({ type: "text", text: { body: "hello" } }, from);
    await loop.settle();
    inject(
      { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "hours", title: "Opening hours" } } },
      from,
    );
    await loop.settle();
    inject({ type: "text", text: { body: "Address?" } }, from);
    await loop.settle();
    const sent = sentTo(from);
    expect(sent.slice(2)).toEqual([
      expect.objectContaining({ type: "text", text: { body: profile.info_reply } }),
      expect.objectContaining({
        type: "text",
        text: expect.objectContaining({ body: expect.stringContaining(profile.address ?? "?") }),
      }),
    ]);
  });

  it("downloads inbound media of every kind to S3 with type and size recorded", async () => {
    const kinds = [
      ["image", "image/jpeg"],
      ["audio", "audio/ogg"],
      ["video", "video/mp4"],
      ["document", "application/pdf"],
      ["sticker", "image/webp"],
    ] as const;
    const from = String(++user);
    const ids: string[] = [];
    for (const [kind, mime] of kinds) {
      const { mediaId } = emu.admin.uploadInboundMedia({
        phoneNumberId: PHONE,
        mimeType: mime,
        data: Buffer.from(`${kind} bytes`),
      });
      ids.push(mediaId);
      inject(
        { type: kind, [kind]: { id: mediaId, ...(kind === "document" ? { filename: "invoice.pdf" } : {}) } },
        from,
      );
    }
    await loop.settle();
    for (const [n, [kind, mime]] of kinds.entries()) {
      const rec = await loop.clients.ddb.send(
        new GetCommand({ TableName: loop.resources.tables.inbound, Key: { pk: `media#${ids[n]}` } }),
      );
      expect(rec.Item, kind).toMatchObject({
        state: "stored",
        type: kind,
        mimeType: mime,
        bucket: loop.resources.mediaBucket,
      });
      const key = String(rec.Item?.["key"]);
      expect(key).toMatch(new RegExp(`^inbound/420000000000001/${ids[n]}\\.[a-z0-9]+$`));
      const head = await loop.clients.s3.send(new HeadObjectCommand({ Bucket: loop.resources.mediaBucket, Key: key }));
      expect(head.ContentLength).toBe(Buffer.from(`${kind} bytes`).length);
    }
    const body = await loop.clients.s3
      .send(new GetObjectCommand({ Bucket: loop.resources.mediaBucket, Key: `inbound/420000000000001/${ids[0]}.jpg` }))
      .then((r) => r.Body?.transformToString())
      .catch(() => undefined);
    // EUM names the object after the MIME subtype; whichever extension it used, the recorded key is the real one.
    if (body !== undefined) expect(body).toBe("image bytes");
  });

  it("routes every other inbound type to its handler", async () => {
    const from = String(++user);
    const cases: [string, Record<string, unknown>][] = [
      ["location", { type: "location", location: { latitude: 12.97, longitude: 77.59, name: "MG Road" } }],
      ["contacts", { type: "contacts", contacts: [{ name: { formatted_name: "Ana Ruiz" } }] }],
      ["button", { type: "button", button: { payload: "sale", text: "Show me the sale" } }],
      [
        "nfm_reply",
        {
          type: "interactive",
          interactive: {
            type: "nfm_reply",
            nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"t","order":"A-1"}' },
          },
        },
      ],
      ["reaction", { type: "reaction", reaction: { message_id: "wamid.X", emoji: "👍" } }],
      ["unsupported", { type: "unsupported", errors: [{ code: 131051, title: "Message type unknown" }] }],
      ["request_welcome", { type: "request_welcome" }],
      ["poll_vote", { type: "poll_vote", poll_vote: { option: "A" } }],
    ];
    const wamids: Record<string, string> = {};
    for (const [name, m] of cases) wamids[name] = inject(m, from).wamid;
    const order = inject(
      {
        type: "order",
        order: {
          catalog_id: "cat-1",
          product_items: [{ product_retailer_id: "sku-1", quantity: 2, item_price: 499.5, currency: "INR" }],
        },
      },
      from,
    );
    await loop.settle();
    const c = loop.metrics.counts;
    await until(
      () => (c.get("RepliesQueued{purpose=route:sale}") ?? 0) > 0 && (c.get("Messages{type=order}") ?? 0) > 0,
    );
    for (const t of [
      "location",
      "contacts",
      "button",
      "interactive",
      "reaction",
      "unsupported",
      "request_welcome",
      "order",
    ])
      expect(c.get(`Messages{type=${t}}`), t).toBeGreaterThan(0);
    expect(c.get("FlowResponses{name=flow}")).toBeGreaterThan(0);
    const unknown = await loop.clients.ddb.send(
      new GetCommand({ TableName: loop.resources.tables.inbound, Key: { pk: `unknown#msg:${wamids["poll_vote"]}` } }),
    );
    expect(unknown.Item).toMatchObject({ kind: "message", type: "poll_vote" });
    const ref = referenceIdOf(order.wamid);
    const o = await loop.clients.ddb.send(
      new GetCommand({ TableName: loop.resources.tables.orders, Key: { pk: `order#${ref}` } }),
    );
    expect(JSON.parse(String(o.Item?.["data"]))).toMatchObject({
      referenceId: ref,
      status: "pending",
      subtotal: 99900,
      tax: 11988,
      discount: 4995,
      total: 106893,
    });
    expect(c.get("RepliesQueued{purpose=order_details}")).toBeGreaterThan(0);
    expect(c.get("RepliesQueued{purpose=route:sale}")).toBeGreaterThan(0);
    const conv = await scan(loop.resources.tables.conversations, `conv#420000000000001#${from}`);
    expect(JSON.parse(String(conv[0]?.["data"]))).toMatchObject({ waId: from, lastFlowResponse: { name: "flow" } });
  });

  it("answers a click-to-WhatsApp ad with its welcome sequence, and leaves group messages and system notices unanswered", async () => {
    const ad = String(++user);
    inject(
      {
        type: "text",
        text: { body: "Send me the festival coupon" },
        referral: {
          source_url: "https://fb.me/ad",
          source_id: "120210000000000001",
          source_type: "ad",
          ctwa_clid: "ARAk",
        },
      },
      ad,
    );
    const quiet = String(++user);
    inject({ type: "text", text: { body: "hello all" }, group_id: "120363000000000001@g.us" }, quiet);
    inject(
      { type: "system", system: { body: "changed number", wa_id: "919899999999", type: "user_changed_number" } },
      quiet,
    );
    await loop.settle();
    await until(() => sentTo(ad).length >= 1);
    expect(sentTo(ad)[0]).toMatchObject({
      type: "text",
      text: { body: flow.ctwa_welcome_sequences?.["120210000000000001"]?.text },
    });
    expect(sentTo(quiet)).toEqual([]);
    expect(loop.metrics.counts.get("GroupMessages")).toBeGreaterThan(0);
  });

  it("records a failed send's status and hands it to the outbound retry port", async () => {
    const from = String(++user);
    inject({ type: "text", text: { body: "hi" } }, from);
    await loop.settle();
    emu.admin.injectDeliveryFailure({ code: 131026, to: from });
    inject({ type: "text", text: { body: "menu" } }, from);
    await loop.settle();
    expect(loop.metrics.counts.get("SendFailures{code=131026}")).toBeGreaterThan(0);
    expect(loop.metrics.counts.get("FailedStatusOutcome{outcome=dead-lettered}")).toBeGreaterThan(0);
    const failed = (await scan(loop.resources.tables.outbound, "wamid#")).filter((i) => i["lastStatus"] === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(JSON.parse(String(failed[0]?.["statusErrors"]))[0].code).toBe(131026);
  });

  it("records template status, category and quality events in the config store", async () => {
    const WABA = "waba-0123456789abcdef0123456789abcdef";
    const def = {
      name: "inbound_status_probe",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Your order {{1}} has shipped.", example: { body_text: [["#123"]] } }],
    };
    await loop.clients.eum.send(
      new CreateWhatsAppMessageTemplateCommand({
        id: WABA,
        templateDefinition: new TextEncoder().encode(JSON.stringify(def)),
      }),
    );
    const status = async () =>
      (
        await getConfigItem<{ status: string; quality?: string }>(
          loop.clients.ddb,
          loop.resources.tables.config,
          "TemplateStatus",
          "inbound_status_probe:en_US",
        )
      )?.content;
    await until(async () => (await status())?.status === "APPROVED");
    emu.admin.setTemplateQuality({ wabaId: WABA, name: "inbound_status_probe", language: "en_US", quality: "RED" });
    emu.admin.setTemplateStatus({ wabaId: WABA, name: "inbound_status_probe", language: "en_US", status: "PAUSED" });
    await until(async () => (await status())?.status === "PAUSED");
    expect(await status()).toMatchObject({ status: "PAUSED", category: "UTILITY", quality: "RED" });
    expect(loop.metrics.counts.get("TemplateQualityChanged{template=inbound_status_probe,quality=RED}")).toBe(1);
  });
});

describe("local loop with SNS raw message delivery", () => {
  it("answers 'hi' with the welcome and menu when the queue receives EUM's envelope unwrapped", async () => {
    const raw = await startLocalLoop({
      motoUrl: MOTO,
      emulator: emu,
      configRoot: CONFIG,
      logger: silentLogger,
      rawDelivery: true,
    });
    try {
      const from = String(++user);
      emu.admin.injectInboundMessage({ from, to: PHONE, message: { type: "text", text: { body: "Hola" } } });
      await raw.settle();
      expect(sentTo(from).map((m) => m["type"])).toEqual(["text", "interactive"]);
    } finally {
      await raw.stop();
    }
  });
});
