/**
 * The sender against the EUM emulator and moto_server (SQS FIFO, DynamoDB, S3) with real SDK clients: every message
 * type accepted, templates created through the SDK and approved, faults ridden out exactly once and in order,
 * poison messages dead-lettered with their reason, redeliveries not sent twice.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateWhatsAppMessageTemplateCommand } from "@aws-sdk/client-socialmessaging";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as m from "../../../../src/runtime/messages/index.ts";
import { drainQueue, toSqsEvent } from "../../../../src/runtime/outbound/local-poller.ts";
import { createRetryPort } from "../../../../src/runtime/outbound/retry.ts";
import type { CloudApiMessage } from "../../../../src/runtime/ports.ts";
import { createPipeline, type Harness, openWindow, PHONE, readAll, startHarness, WABA } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(() => h.emu.admin.reset());

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
const createTemplate = (def: Record<string, unknown>) =>
  h.eum.send(new CreateWhatsAppMessageTemplateCommand({ id: WABA, templateDefinition: enc(def) }));
const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Declared templates used by the template sends, as Meta creation objects. */
const TEMPLATES: Record<string, unknown>[] = [
  {
    name: "order_update",
    language: "es_MX",
    category: "UTILITY",
    parameter_format: "NAMED",
    components: [
      {
        type: "BODY",
        text: "Hola, tu pedido {{order_id}} está en camino hoy.",
        example: { body_text_named_params: [{ param_name: "order_id", example: "A-1" }] },
      },
      {
        type: "BUTTONS",
        buttons: [
          {
            type: "URL",
            text: "Ver pedido",
            url: "https://shop.example.com/o/{{1}}",
            example: ["https://shop.example.com/o/A-1"],
          },
        ],
      },
    ],
  },
  {
    name: "shipping_label",
    language: "en_US",
    category: "UTILITY",
    components: [
      { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["#123"] } },
      {
        type: "BODY",
        text: "Hi {{1}}, your order {{2}} has shipped today.",
        example: { body_text: [["Ana", "#123"]] },
      },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Thanks" }] },
    ],
  },
  {
    name: "login_code",
    language: "en_US",
    category: "AUTHENTICATION",
    components: [
      { type: "BODY", add_security_recommendation: true },
      { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
    ],
  },
  {
    name: "summer_coupon",
    language: "en_US",
    category: "MARKETING",
    components: [
      { type: "BODY", text: "Hi {{1}}, use this code at checkout for a discount.", example: { body_text: [["Ana"]] } },
      { type: "BUTTONS", buttons: [{ type: "COPY_CODE", example: "SUMMER25" }] },
    ],
  },
];

const USERS = Array.from({ length: 40 }, (_, i) => `5215512${String(i).padStart(6, "0")}`);

function allSessionMessages(bucket: string): Array<[string, CloudApiMessage]> {
  const link = { link: "https://cdn.example.com/a.png" };
  const orderDetails = {
    reference_id: "ref-001",
    type: "digital-goods" as const,
    payment_settings: [{ type: "payment_gateway", payment_gateway: { type: "razorpay", configuration_name: "cfg" } }],
    currency: "INR" as const,
    total_amount: { value: 21000, offset: 100 as const },
    order: {
      status: "pending",
      catalog_id: "cat1",
      items: [{ retailer_id: "sku1", name: "Thing", amount: { value: 10000, offset: 100 }, quantity: 2 }],
      subtotal: { value: 20000, offset: 100 },
      tax: { value: 1000, offset: 100, description: "GST" },
    },
  };
  return [
    ["text", m.textMessage("Hello https://example.com", { previewUrl: true })],
    ["image-link", m.imageMessage(link, "A picture")],
    ["image-s3", m.imageMessage({ s3: { bucket, key: "media/logo.png" } }, "From S3")],
    ["video", m.videoMessage({ link: "https://cdn.example.com/v.mp4" })],
    ["audio", m.audioMessage({ link: "https://cdn.example.com/a.ogg" })],
    [
      "document",
      m.documentMessage({ link: "https://cdn.example.com/d.pdf" }, { filename: "invoice.pdf", caption: "Invoice" }),
    ],
    ["sticker", m.stickerMessage({ link: "https://cdn.example.com/s.webp" })],
    ["location", m.locationMessage({ latitude: 19.43, longitude: -99.13, name: "Shop", address: "Av. Reforma 1" })],
    [
      "contacts",
      m.contactsMessage([
        { name: { formatted_name: "Ana Díaz" }, phones: [{ phone: "+5215500000000", type: "CELL" }] },
      ]),
    ],
    [
      "buttons",
      m.replyButtonsMessage({
        body: "Pick one",
        header: { text: "Menu" },
        buttons: [
          { id: "a", title: "A" },
          { id: "b", title: "B" },
        ],
      }),
    ],
    [
      "list",
      m.listMessage({
        body: "Our menu",
        button: "Open",
        sections: [{ title: "Food", rows: [{ id: "r1", title: "Tacos" }] }],
      }),
    ],
    ["cta_url", m.ctaUrlMessage({ body: "Track it", displayText: "Track", url: "https://example.com/t" })],
    ["location_request", m.locationRequestMessage("Where should we deliver?")],
    [
      "flow",
      m.flowMessage({ body: "Book a table", cta: "Book now", flowId: "1234", screen: "WELCOME", data: { party: 2 } }),
    ],
    [
      "media_carousel",
      m.mediaCarouselMessage({
        body: "New arrivals",
        cards: [0, 1].map((i) => ({
          header: { image: { link: `https://cdn.example.com/${i}.png` } },
          body: `Card ${i}`,
          url: { displayText: "Buy", url: "https://example.com" },
        })),
      }),
    ],
    ["product", m.productMessage({ catalogId: "cat1", productRetailerId: "sku1", body: "Look at this" })],
    [
      "product_list",
      m.productListMessage({
        catalogId: "cat1",
        header: "Picks",
        body: "Choose",
        sections: [{ title: "Top", productRetailerIds: ["sku1", "sku2"] }],
      }),
    ],
    [
      "product_carousel",
      m.productCarouselMessage({ body: "Browse", catalogId: "cat1", productRetailerIds: ["sku1", "sku2"] }),
    ],
    ["order_details", m.orderDetailsMessage({ body: "Please pay", parameters: orderDetails })],
    [
      "order_status",
      m.orderStatusMessage({ body: "Shipped!", referenceId: "ref-001", status: "shipped", description: "On its way" }),
    ],
  ];
}

describe("sender: every message type", () => {
  it("sends every session, interactive, payment and template type, and each is accepted by the emulator", async () => {
    // Prepare
    const p = await createPipeline(h);
    await h.s3.send(
      new PutObjectCommand({
        Bucket: h.bucket,
        Key: "media/logo.png",
        Body: Buffer.from("\x89PNG fake"),
        ContentType: "image/png",
      }),
    );
    for (const t of TEMPLATES) {
      await createTemplate(t);
      await p.approve(String(t["name"]), String(t["language"]), String(t["category"]));
    }
    const inboundWamid = openWindow(h, USERS[0] as string);
    const session = allSessionMessages(h.bucket);
    const extra: Array<[string, CloudApiMessage]> = [
      ["reaction", m.reactionMessage(inboundWamid, "👍")],
      ["reply", m.withReplyContext(m.textMessage("Replying"), inboundWamid)],
      ["read", m.markAsRead(inboundWamid)],
      ["typing", m.typingIndicator(inboundWamid)],
      [
        "tpl-named",
        m.templateMessage({
          name: "order_update",
          language: "es_MX",
          body: { order_id: "A-1" },
          buttons: [{ index: 0, type: "url", suffix: "A-1" }],
        }),
      ],
      [
        "tpl-positional",
        m.templateMessage({
          name: "shipping_label",
          language: "en_US",
          header: { text: ["#9"] },
          body: ["Ana", "#9"],
          buttons: [{ index: 0, type: "quick_reply", payload: "thanks" }],
        }),
      ],
      ["tpl-otp", m.otpTemplateMessage({ name: "login_code", language: "en_US", code: "123456" })],
      [
        "tpl-coupon",
        m.templateMessage({
          name: "summer_coupon",
          language: "en_US",
          body: ["Ana"],
          buttons: [{ index: 0, type: "copy_code", code: "SUMMER25" }],
        }),
      ],
    ];
    const all = [...session, ...extra];
    // Each message to its own user keeps pair pacing out of this test; reactions/replies go to USERS[0].
    const plan = all.map(([label, message], i) => {
      const user =
        label === "reaction" || label === "reply" || label === "read" || label === "typing"
          ? (USERS[0] as string)
          : (USERS[i + 1] as string);
      if (!label.startsWith("tpl")) openWindow(h, user);
      return { label, user, message };
    });
    // Act
    for (const x of plan)
      await p.outbound.enqueue({
        originationPhoneNumberId: PHONE,
        to: x.user,
        message: x.message,
        idempotencyKey: `all:${x.label}`,
        purpose: x.label,
      });
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, {
      until: () => p.sent.length >= plan.length,
      timeoutMs: 20_000,
    });
    await tick(50);
    // Assess
    expect(await readAll(h.sqs, p.dlqUrl)).toEqual([]);
    expect(p.sent.map((s) => s.purpose).sort()).toEqual(plan.map((x) => x.label).sort());
    const sent = h.emu.admin.sentMessages();
    // Read receipts and typing indicators are not messages: the emulator does not list them.
    expect(sent).toHaveLength(plan.length - 2);
    const failed = h.emu.admin
      .events()
      .flatMap(
        (e) =>
          (
            JSON.parse(e.envelope.whatsAppWebhookEntry) as {
              changes: { value: { statuses?: { status: string; errors?: unknown }[] } }[];
            }
          ).changes,
      )
      .flatMap((c) => c.value.statuses ?? [])
      .filter((s) => s.status === "failed");
    expect(failed).toEqual([]);
    const s3Send = sent.find((s) => (s.message["image"] as { caption?: string } | undefined)?.caption === "From S3");
    expect((s3Send?.message["image"] as { id?: string } | undefined)?.id).toMatch(/^\d+$/);
    expect(p.media.uploads).toBe(1);
  });
});

describe("sender: faults, order and exactly once", () => {
  it("rides out injected throttles and DependencyExceptions: each message sent once, in order per user", async () => {
    // Prepare
    const p = await createPipeline(h);
    const users = USERS.slice(0, 4);
    for (const u of users) openWindow(h, u);
    h.emu.admin.injectFault({ operation: "SendWhatsAppMessage", error: "ThrottledRequestException", count: 3 });
    // Act
    for (let n = 0; n < 5; n++)
      for (const u of users)
        await p.outbound.enqueue({
          originationPhoneNumberId: PHONE,
          to: u,
          message: m.textMessage(`${u} #${n}`),
          idempotencyKey: `f:${u}:${n}`,
        });
    const firstHalf = drainQueue(h.sqs, p.queueUrl, p.sender.handler, {
      until: () => p.sent.length >= 20,
      timeoutMs: 40_000,
    });
    await tick(100);
    h.emu.admin.injectFault({ operation: "SendWhatsAppMessage", error: "DependencyException", count: 2 });
    h.emu.admin.injectFault({ operation: "SendWhatsAppMessage", error: "InternalServiceException", count: 1 });
    await firstHalf;
    // Assess
    const sent = h.emu.admin.sentMessages();
    expect(sent).toHaveLength(20);
    for (const u of users) {
      const bodies = sent.filter((s) => s.to === u).map((s) => (s.message["text"] as { body: string }).body);
      expect(bodies).toEqual([0, 1, 2, 3, 4].map((n) => `${u} #${n}`));
    }
    expect(h.emu.admin.callCounts()["SendWhatsAppMessage"]).toBeGreaterThanOrEqual(23);
    expect(await readAll(h.sqs, p.dlqUrl)).toEqual([]);
  }, 60_000);

  it("defers through SQS visibility when the backoff is longer than the inline budget, still sending once", async () => {
    // Prepare: no inline waiting, so every throttle fails the record and SQS redelivers it.
    const p = await createPipeline(h, { maxInlineWaitMs: 0 });
    const users = USERS.slice(10, 12);
    for (const u of users) openWindow(h, u);
    h.emu.admin.injectFault({ operation: "SendWhatsAppMessage", error: "ThrottledRequestException", count: 2 });
    // Act
    for (let n = 0; n < 3; n++)
      for (const u of users)
        await p.outbound.enqueue({
          originationPhoneNumberId: PHONE,
          to: u,
          message: m.textMessage(`${u} #${n}`),
          idempotencyKey: `d:${u}:${n}`,
        });
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, { until: () => p.sent.length >= 6, timeoutMs: 30_000 });
    // Assess
    const sent = h.emu.admin.sentMessages();
    expect(sent).toHaveLength(6);
    for (const u of users)
      expect(sent.filter((s) => s.to === u).map((s) => (s.message["text"] as { body: string }).body)).toEqual(
        [0, 1, 2].map((n) => `${u} #${n}`),
      );
    const claim = await h.ddb.send(new GetCommand({ TableName: p.table, Key: { pk: `send#d:${users[0]}:0` } }));
    expect(claim.Item?.["failures"]).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it("does not send a redelivered SQS message twice", async () => {
    // Prepare
    const p = await createPipeline(h);
    openWindow(h, USERS[5] as string);
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[5] as string,
      message: m.textMessage("once"),
      idempotencyKey: "redeliver:1",
    });
    const got = await h.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: p.queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const event = toSqsEvent(got.Messages ?? []);
    // Act: the same record handled twice, as when a Lambda times out after sending and SQS redelivers.
    const first = await p.sender.handler(event);
    const second = await p.sender.handler(event);
    // A second enqueue with the same key after SQS's dedup window is also dropped by the claim.
    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(h.emu.admin.sentMessages({ to: USERS[5] as string })).toHaveLength(1);
    const claim = await h.ddb.send(new GetCommand({ TableName: p.table, Key: { pk: "send#redeliver:1" } }));
    expect(claim.Item).toMatchObject({ state: "sent", wamid: p.sent[0]?.wamid });
  });
});

describe("sender: concurrent consumers", () => {
  it("sends once when two senders handle the same record at the same time; the loser defers", async () => {
    // Prepare: two sender instances (two Lambda containers) over one table.
    const p = await createPipeline(h);
    const other = await createPipeline(h, {});
    const user = USERS[13] as string;
    openWindow(h, user);
    h.emu.admin.injectFault({ operation: "SendWhatsAppMessage", latencyMs: 200, count: 1 });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: m.textMessage("race"),
      idempotencyKey: "race:1",
    });
    const got = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: p.queueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ["All"] }),
    );
    const event = toSqsEvent(got.Messages ?? []);
    const { createSender } = await import("../../../../src/runtime/outbound/sender.ts");
    const { createDeadLetterSink } = await import("../../../../src/runtime/outbound/dead-letter.ts");
    const second = createSender({
      eum: h.eum,
      ddb: h.ddb,
      sqs: h.sqs,
      queueUrl: p.queueUrl,
      table: p.table,
      deadLetter: createDeadLetterSink(h.sqs, other.dlqUrl),
    });
    // Act
    const [a, b] = await Promise.all([p.sender.handler(event), second.handler(event)]);
    // Assess
    expect(h.emu.admin.sentMessages({ to: user })).toHaveLength(1);
    expect([a.batchItemFailures.length, b.batchItemFailures.length].sort()).toEqual([0, 1]);
  });
});

describe("sender: dead letters", () => {
  it("dead-letters poison bodies, messages EUM rejects and unapproved templates, each with its reason", async () => {
    // Prepare
    const p = await createPipeline(h);
    openWindow(h, USERS[6] as string);
    await createTemplate(TEMPLATES[1] as Record<string, unknown>);
    h.emu.admin.setTemplateStatus({ wabaId: WABA, name: "shipping_label", language: "en_US", status: "PAUSED" });
    await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: p.queueUrl,
        MessageBody: "{not json",
        MessageGroupId: "g",
        MessageDeduplicationId: "poison-1",
      }),
    );
    // Hand-built (not via builders) so it reaches EUM, which rejects it synchronously.
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[6] as string,
      message: { type: "text", text: {} },
      idempotencyKey: "bad:1",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[6] as string,
      message: m.templateMessage({
        name: "shipping_label",
        language: "en_US",
        header: { text: ["#1"] },
        body: ["Ana", "#1"],
      }),
      idempotencyKey: "paused:1",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[6] as string,
      message: m.textMessage("fine"),
      idempotencyKey: "ok:1",
    });
    // Act
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, { until: () => p.sent.length >= 1, timeoutMs: 15_000 });
    // Assess
    const letters = (await readAll(h.sqs, p.dlqUrl)).map(
      (x) => JSON.parse(x.Body ?? "{}") as { reason: string; idempotencyKey?: string; detail: string },
    );
    expect(letters.map((l) => l.reason).sort()).toEqual([
      "eum-InvalidParametersException",
      "poison-body",
      "template-not-approved",
    ]);
    expect(letters.find((l) => l.reason === "template-not-approved")?.detail).toBe(
      "template shipping_label (en_US) is not in the runtime config store; declare and deploy it before sending",
    );
    expect(h.emu.admin.sentMessages().map((s) => (s.message["text"] as { body?: string } | undefined)?.body)).toEqual([
      "fine",
    ]);
  });

  it("refuses a template the config store knows as PAUSED, naming its status", async () => {
    // Prepare
    const p = await createPipeline(h);
    await createTemplate(TEMPLATES[1] as Record<string, unknown>);
    await p.approve("shipping_label", "en_US");
    const { putConfigItem } = await import("../../../../src/runtime/config-store.ts");
    await putConfigItem(h.ddb, p.configTable, "TemplateStatus", "shipping_label:en_US", {
      name: "shipping_label",
      language: "en_US",
      status: "PAUSED",
      category: "UTILITY",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[7] as string,
      message: m.templateMessage({
        name: "shipping_label",
        language: "en_US",
        header: { text: ["#1"] },
        body: ["Ana", "#1"],
      }),
      idempotencyKey: "paused:2",
    });
    // Act
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, { idleMs: 1500, timeoutMs: 10_000 });
    // Assess
    const letters = (await readAll(h.sqs, p.dlqUrl)).map(
      (x) => JSON.parse(x.Body ?? "{}") as { reason: string; detail: string },
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]?.detail).toBe("template shipping_label (en_US) is PAUSED, not APPROVED; refusing to send");
    expect(h.emu.admin.sentMessages()).toEqual([]);
  });
});

describe("retry port: failed statuses", () => {
  it("replaces a free-form message refused with 131047 by the fallback template, and dead-letters it without one", async () => {
    // Prepare
    const p = await createPipeline(h);
    await createTemplate(TEMPLATES[1] as Record<string, unknown>);
    await p.approve("shipping_label", "en_US");
    const failures: Array<{
      wamid: string;
      recipientId: string;
      errors: { code: number; title?: string }[];
      timestamp: string;
    }> = [];
    const off = h.emu.onEvent((e) => {
      const entry = JSON.parse(e.envelope.whatsAppWebhookEntry) as {
        changes: { value: { statuses?: Array<Record<string, unknown>> } }[];
      };
      for (const s of entry.changes.flatMap((c) => c.value.statuses ?? []))
        if (s["status"] === "failed")
          failures.push({
            wamid: String(s["id"]),
            recipientId: String(s["recipient_id"]),
            errors: s["errors"] as { code: number }[],
            timestamp: String(s["timestamp"]),
          });
    });
    const user = USERS[8] as string;
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: user,
      message: m.textMessage("window closed"),
      idempotencyKey: "win:1",
    });
    await p.outbound.enqueue({
      originationPhoneNumberId: PHONE,
      to: USERS[9] as string,
      message: m.textMessage("no fallback"),
      idempotencyKey: "win:2",
    });
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, { until: () => failures.length >= 2, timeoutMs: 10_000 });
    const fallback = m.templateMessage({
      name: "shipping_label",
      language: "en_US",
      header: { text: ["#1"] },
      body: ["Ana", "#1"],
    });
    const retry = createRetryPort({
      ddb: h.ddb,
      table: p.table,
      enqueueAt: p.outbound.enqueueAt,
      deadLetter: (await import("../../../../src/runtime/outbound/dead-letter.ts")).createDeadLetterSink(
        h.sqs,
        p.dlqUrl,
      ),
      fallbackTemplate: (r) => (r.to === user ? fallback : undefined),
    });
    // Act
    const outcomes = await Promise.all(failures.map((f) => retry.onFailedStatus(f)));
    const unknown = await retry.onFailedStatus({
      wamid: "wamid.nope",
      recipientId: user,
      errors: [{ code: 131000 }],
      timestamp: "0",
    });
    await drainQueue(h.sqs, p.queueUrl, p.sender.handler, { until: () => p.sent.length >= 3, timeoutMs: 10_000 });
    off();
    // Assess
    expect(failures.map((f) => f.errors[0]?.code)).toEqual([131047, 131047]);
    expect(outcomes.sort()).toEqual(["dead-lettered", "retried"]);
    expect(unknown).toBe("unknown-message");
    expect(h.emu.admin.sentMessages({ to: user }).map((s) => s.message["type"])).toEqual(["text", "template"]);
    const letters = (await readAll(h.sqs, p.dlqUrl)).map(
      (x) => JSON.parse(x.Body ?? "{}") as { reason: string; idempotencyKey: string },
    );
    expect(letters).toEqual([expect.objectContaining({ reason: "meta-131047", idempotencyKey: "win:2" })]);
  });
});
