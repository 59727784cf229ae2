import { describe, expect, it } from "vitest";
import { checkTransition, priceOrder, referenceIdOf } from "../../../../src/runtime/inbound/features/payments.ts";
import { infoTopicOf, isOpenAt, profileReply } from "../../../../src/runtime/inbound/features/profile.ts";
import { createIngestProcessor } from "../../../../src/runtime/inbound/processor.ts";
import type { RetryPort } from "../../../../src/runtime/ports.ts";
import {
  envelope,
  loadExampleConfig,
  MESSAGES,
  memoryDeps,
  messageEnvelope,
  messagesValue,
  STATUSES,
  sqsEvent,
  sqsRecord,
  TEMPLATE_EVENTS,
  USER,
  userMessage,
} from "./build.ts";

const HOUR = 3600_000;
// A Tuesday, 11:00 IST: inside the example profile's opening hours.
const T0 = Date.parse("2026-11-24T05:30:00Z");

async function setup(extra: Parameters<typeof memoryDeps>[0] = {}) {
  let now = T0;
  const m = memoryDeps({ now: () => now, ...extra });
  const cfg = await loadExampleConfig(m.config);
  const ingest = createIngestProcessor(m.deps);
  const send = async (sample: Record<string, unknown>, contactName?: string) => {
    const msg = userMessage(sample, { tsSec: Math.floor(now / 1000) });
    const res = await ingest.handler(sqsEvent([sqsRecord(JSON.stringify(messageEnvelope([msg], contactName)))]));
    expect(res.batchItemFailures).toEqual([]);
    return msg;
  };
  const sendStatuses = async (list: unknown[]) => {
    const res = await ingest.handler(
      sqsEvent([sqsRecord(JSON.stringify(envelope("messages", messagesValue({ statuses: list }))))]),
    );
    expect(res.batchItemFailures).toEqual([]);
  };
  const purposes = () => m.sent.map((s) => s.purpose);
  return {
    ...m,
    ...cfg,
    ingest,
    send,
    sendStatuses,
    purposes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const text = (body: string) => ({ type: "text", text: { body } });

describe("welcome and menu", () => {
  it("welcomes again only after the declared silence (72 h)", async () => {
    const s = await setup();
    await s.send(text("hello there"));
    s.advance(71 * HOUR);
    await s.send(text("thanks"));
    s.advance(72 * HOUR);
    await s.send(text("back again"));
    // "thanks" is not a keyword: the declared fallback shows the menu.
    expect(s.purposes()).toEqual(["welcome", "menu", "menu", "welcome", "menu"]);
  });

  it("shows the menu on a keyword in any case, and runs /commands' routes", async () => {
    const s = await setup();
    await s.send(text("hi"));
    await s.send(text("  MENU "));
    await s.send(text("/orders"));
    expect(s.purposes()).toEqual(["welcome", "menu", "menu", "route:track_order"]);
    expect(s.sent[3]?.message).toMatchObject({
      type: "interactive",
      interactive: {
        type: "flow",
        action: { name: "flow", parameters: { flow_name: "order_tracking", flow_cta: "Track order" } },
      },
    });
  });

  it("answers list and button selections per routes, with profile placeholders filled", async () => {
    const s = await setup();
    await s.send(text("hi"));
    await s.send(MESSAGES["list_reply"] as Record<string, unknown>);
    expect(s.sent.at(-1)?.message).toEqual({ type: "text", text: { body: s.profile.info_reply } });
    await s.send(MESSAGES["button_reply"] as Record<string, unknown>);
    expect(s.purposes().at(-1)).toBe("route:track_order");
  });

  it("fills template parameters from the contact's name for send_template routes", async () => {
    const s = await setup();
    await s.send(
      { type: "interactive", interactive: { type: "list_reply", list_reply: { id: "sale", title: "Festival sale" } } },
      "Asha Rao",
    );
    const tpl = s.sent.find((x) => x.purpose === "route:sale")?.message;
    expect(tpl).toMatchObject({
      type: "template",
      template: {
        name: "festival_flash_sale",
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Asha" },
              { type: "text", text: "FEST30" },
            ],
          },
        ],
      },
    });
  });

  it("hands off to a human and stays quiet until the user asks for the menu", async () => {
    const s = await setup();
    await s.send(text("hi"));
    await s.send({
      type: "interactive",
      interactive: { type: "list_reply", list_reply: { id: "order_help", title: "Problem" } },
    });
    await s.send(text("my parcel is damaged"));
    await s.send(text("menu"));
    await s.send(text("whatever"));
    expect(s.purposes()).toEqual(["welcome", "menu", "route:order_help", "menu", "menu"]);
    const conv = [...s.conversations.items.values()][0];
    expect(JSON.parse(conv?.json ?? "{}").state).toBe("bot");
  });

  it("sends the CTWA welcome sequence chosen by the ad's source_id, then its route on the autofill text", async () => {
    const s = await setup();
    await s.send(MESSAGES["referral_ctwa"] as Record<string, unknown>);
    expect(s.purposes()).toEqual(["ctwa_welcome", "route:sale"]);
    expect(s.sent[0]?.message).toEqual({
      type: "text",
      text: { body: s.flow.ctwa_welcome_sequences?.["120210000000000001"]?.text },
    });
    const conv = JSON.parse([...s.conversations.items.values()][0]?.json ?? "{}");
    expect(conv.freeEntryUntil - conv.lastInboundAt).toBe(72 * HOUR);
  });

  it("tracks the 24-hour service window per user", async () => {
    const s = await setup();
    await s.send(text("hi"));
    s.advance(5 * HOUR);
    await s.send(MESSAGES["reaction"] as Record<string, unknown>);
    const conv = JSON.parse([...s.conversations.items.values()][0]?.json ?? "{}");
    expect(conv.windowExpiresAt).toBe(T0 + 5 * HOUR + 24 * HOUR);
    expect(conv.waId).toBe(USER);
  });

  it("does not answer group messages or system notices", async () => {
    const s = await setup();
    await s.send(MESSAGES["group_text"] as Record<string, unknown>);
    await s.send(MESSAGES["system"] as Record<string, unknown>);
    expect(s.sent).toEqual([]);
    expect(s.metrics.counts.get("GroupMessages")).toBe(1);
  });

  it("records unknown message types and keeps going", async () => {
    const s = await setup();
    const msg = await s.send(MESSAGES["future_type"] as Record<string, unknown>);
    expect(s.records.items.get(`unknown#msg:${msg.id}`)).toMatchObject({ kind: "message", type: "poll_vote" });
  });
});

describe("business profile", () => {
  it("recognises info requests", () => {
    expect(["Info", "hours?", "ADDRESS", "email"].map(infoTopicOf)).toEqual(["info", "hours", "address", "contact"]);
    expect(infoTopicOf("where is my order")).toBeUndefined();
  });

  it("answers address from the declared profile and adds the closed message out of hours", async () => {
    const s = await setup();
    expect(isOpenAt(s.profile, T0)).toBe(true);
    const sunday = Date.parse("2026-11-29T06:00:00Z");
    expect(isOpenAt(s.profile, sunday)).toBe(false);
    expect(profileReply(s.profile, "address", sunday)).toBe(`${s.profile.address}\n${s.profile.hours?.closed_message}`);
    await s.send(text("hi"));
    await s.send(text("address"));
    expect(s.sent.at(-1)).toMatchObject({ purpose: "profile", message: { text: { body: s.profile.address } } });
  });
});

describe("payments (India)", () => {
  it("prices a cart with the declared tax and discount, in paise", () => {
    const p = priceOrder(
      [
        { product_retailer_id: "a", quantity: 2, item_price: 499.5 },
        { product_retailer_id: "b", quantity: 1, item_price: 1200 },
      ],
      {
        configuration_name: "c",
        provider_name: "razorpay",
        purpose_code: "00",
        merchant_category_code: "5651",
        tax: { description: "GST", percent: 12 },
        discount: { description: "d", percent: 5 },
      },
    );
    expect(p).toMatchObject({ subtotal: 219900, tax: 26388, discount: 10995, total: 235293 });
  });

  it("follows Meta's order transitions (§5.3)", () => {
    expect(checkTransition("pending", "shipped", false)).toEqual({ ok: true });
    expect(checkTransition("shipped", "partially_shipped", true)).toEqual({ ok: true });
    expect(checkTransition("completed", "shipped", true)).toMatchObject({ ok: false, code: 2046 });
    expect(checkTransition("processing", "pending", true)).toMatchObject({ ok: false, code: 2046 });
    expect(checkTransition("processing", "canceled", true)).toMatchObject({ ok: false, code: 2047 });
    expect(checkTransition("processing", "canceled", false)).toEqual({ ok: true });
  });

  it("turns an order message into an order and order_details, and a capture into processing + order_status", async () => {
    const s = await setup();
    const msg = await s.send(MESSAGES["order"] as Record<string, unknown>);
    const ref = referenceIdOf(msg.id);
    expect(ref).toMatch(/^[A-Za-z0-9_.-]{1,35}$/);
    const details = s.sent.find((x) => x.purpose === "order_details")?.message as {
      interactive: Record<string, unknown>;
    };
    expect(details.interactive).toMatchObject({
      type: "order_details",
      action: {
        name: "review_and_pay",
        parameters: {
          reference_id: ref,
          currency: "INR",
          total_amount: { value: 235293, offset: 100 },
          payment_settings: [
            { type: "payment_gateway", payment_gateway: { type: "razorpay", configuration_name: "acme-razorpay-in" } },
          ],
        },
      },
    });
    const captured = structuredClone(STATUSES["payment_captured"]) as { payment: { reference_id: string } };
    captured.payment.reference_id = ref;
    const failedTx = structuredClone(STATUSES["payment_failed"]) as { payment: { reference_id: string } };
    failedTx.payment.reference_id = ref;
    await s.sendStatuses([failedTx, captured, captured]);
    const order = JSON.parse(s.orders.items.get(`order#${ref}`)?.json ?? "{}");
    expect(order).toMatchObject({ status: "processing", paid: true });
    expect(order.payments.map((p: { transactionStatus: string }) => p.transactionStatus)).toEqual([
      "failed",
      "success",
    ]);
    expect(s.sent.filter((x) => x.purpose === "order_status").map((x) => x.message)).toEqual([
      expect.objectContaining({
        interactive: expect.objectContaining({
          type: "order_status",
          action: {
            name: "review_order",
            parameters: { reference_id: ref, order: { status: "processing", description: "Payment received" } },
          },
        }),
      }),
    ]);
  });
});

describe("statuses and template events", () => {
  it("records statuses, keeps the furthest one, and hands failed sends to the retry port", async () => {
    const calls: Parameters<RetryPort["onFailedStatus"]>[0][] = [];
    const s = await setup({
      retry: {
        async onFailedStatus(f) {
          calls.push(f);
          return "retried";
        },
      },
    });
    s.statuses.known.add("wamid.OUT1");
    s.statuses.known.add("wamid.OUT2");
    await s.sendStatuses([STATUSES["read"], STATUSES["sent"], STATUSES["delivered"], STATUSES["failed"]]);
    expect(s.statuses.records.get("wamid.OUT1")).toMatchObject({
      lastStatus: "read",
      statuses: { sent: 1772356600, delivered: 1772356601, read: 1772356602 },
    });
    expect(calls).toEqual([
      {
        wamid: "wamid.OUT2",
        recipientId: "34600000009",
        errors: [
          {
            code: 131047,
            title: "Re-engagement message",
            message: "Re-engagement message",
            details: "More than 24 hours since the customer last replied.",
          },
        ],
        timestamp: "1772356600",
      },
    ]);
    expect(s.metrics.counts.get("FailedStatusOutcome{outcome=retried}")).toBe(1);
  });

  it("writes template status, category and quality into TemplateStatus and counts them", async () => {
    const s = await setup();
    for (const [field, value] of Object.entries(TEMPLATE_EVENTS)) {
      const res = await s.ingest.handler(sqsEvent([sqsRecord(JSON.stringify(envelope(field, value)))]));
      expect(res.batchItemFailures).toEqual([]);
    }
    const item = await s.config.get("TemplateStatus", "order_confirmation:en_US");
    expect(item?.content).toMatchObject({
      status: "APPROVED",
      category: "MARKETING",
      previousCategory: "UTILITY",
      quality: "YELLOW",
      metaTemplateId: "1689556908129832",
    });
    expect(s.metrics.counts.get("TemplateQualityChanged{template=order_confirmation,quality=YELLOW}")).toBe(1);
  });
});

describe("failed status before the sender recorded its wamid", () => {
  it("is retried while young, then accepted as not ours", async () => {
    const calls: string[] = [];
    const s = await setup({
      retry: {
        async onFailedStatus(f) {
          calls.push(f.wamid);
          return "retried";
        },
      },
    });
    const young = { ...STATUSES["failed"], id: "wamid.EARLY", timestamp: String(Math.floor(T0 / 1000)) };
    const rec = sqsRecord(JSON.stringify(envelope("messages", messagesValue({ statuses: [young] }))));
    const first = await s.ingest.handler(sqsEvent([rec]));
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: rec.messageId }]);
    s.statuses.known.add("wamid.EARLY");
    const second = await s.ingest.handler(sqsEvent([rec]));
    expect(second.batchItemFailures).toEqual([]);
    expect(calls).toEqual(["wamid.EARLY"]);
    const old = { ...STATUSES["failed"], id: "wamid.FOREIGN", timestamp: String(Math.floor(T0 / 1000) - 600) };
    await s.sendStatuses([old]);
    expect(calls).toEqual(["wamid.EARLY"]);
  });
});
