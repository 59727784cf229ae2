import { describe, expect, it } from "vitest";
import { decodeRecordBody } from "../../../../src/runtime/inbound/envelope.ts";
import { type InboundEvent, toEvents } from "../../../../src/runtime/inbound/events.ts";
import {
  DOC_ENVELOPE,
  envelope,
  MESSAGES,
  messageEnvelope,
  messagesValue,
  PHONE_ARN,
  STATUSES,
  snsBody,
  TEMPLATE_EVENTS,
  userMessage,
} from "./build.ts";

function eventsOf(body: string): InboundEvent[] {
  const d = decodeRecordBody(body);
  if (!d.ok) throw new Error(`${d.reason}: ${d.detail}`);
  return toEvents(d);
}

describe("decodeRecordBody", () => {
  it("decodes the documented EUM envelope delivered raw", () => {
    // Act
    const d = decodeRecordBody(DOC_ENVELOPE);
    // Assess
    expect(d.ok && d.delivery).toBe("raw");
    expect(d.ok && d.entry.id).toBe("310000000000111");
  });

  it("decodes the same envelope inside an SNS notification (non-raw delivery)", () => {
    const d = decodeRecordBody(snsBody(JSON.parse(DOC_ENVELOPE)));
    expect(d.ok && d.delivery).toBe("sns");
    expect(d.ok && d.envelope.context.MetaPhoneNumberIds[0]?.metaPhoneNumberId).toBe("420000000000222");
  });

  // One poison case per layer, each naming the layer.
  it.each([
    ["not json", "body-not-json", /SQS body is not JSON/],
    [JSON.stringify({ Type: "Notification", Message: "{}" }), "sns-notification-invalid", /SNS notification: TopicArn/],
    [
      snsBody("x").replace(JSON.stringify(JSON.stringify("x")), JSON.stringify("{nope")),
      "sns-message-not-json",
      /SNS Message is not JSON/,
    ],
    [JSON.stringify({ context: {} }), "envelope-invalid", /whatsAppWebhookEntry/],
    [
      JSON.stringify({ context: {}, whatsAppWebhookEntry: "{bad" }),
      "entry-not-json",
      /whatsAppWebhookEntry is not JSON/,
    ],
    [
      JSON.stringify({ context: {}, whatsAppWebhookEntry: JSON.stringify({ id: 1 }) }),
      "entry-invalid",
      /id: .*changes/,
    ],
  ])("names the layer of a poison body %#", (body, reason, detail) => {
    const d = decodeRecordBody(body);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.reason).toBe(reason);
    expect(d.detail).toMatch(detail);
  });
});

describe("toEvents", () => {
  it("types every §6.2 sample message, keeps unknown fields and maps the phone ARN from context", () => {
    for (const [name, sample] of Object.entries(MESSAGES)) {
      const msg = userMessage(sample);
      const [ev, ...rest] = eventsOf(JSON.stringify(messageEnvelope([msg])));
      expect(rest, name).toEqual([]);
      expect(ev?.kind, name).toBe("message");
      if (ev?.kind !== "message") continue;
      expect(ev.key).toBe(`msg:${msg.id}`);
      expect(ev.phone.arn).toBe(PHONE_ARN);
      expect(ev.contactName).toBe("Asha Rao");
      expect(ev.known, name).toBe(name !== "future_type");
      expect(ev.message).toMatchObject({ ...JSON.parse(JSON.stringify(msg)), timestamp: Number(msg.timestamp) });
    }
  });

  it("keys statuses by wamid and status, and payment updates by reference, status and transaction", () => {
    const evs = eventsOf(JSON.stringify(envelope("messages", messagesValue({ statuses: Object.values(STATUSES) }))));
    expect(evs.map((e) => e.key)).toEqual([
      "status:wamid.OUT1:sent",
      "status:wamid.OUT1:delivered",
      "status:wamid.OUT1:read",
      "status:wamid.OUT2:failed",
      "status:wamid.OUT3:sent",
      "payment:REF:captured:tx-1:success",
      "payment:REF:pending:tx-0:failed",
    ]);
  });

  it("turns template webhooks into template events and unknown fields into unknown events", () => {
    for (const [field, value] of Object.entries(TEMPLATE_EVENTS)) {
      const [ev] = eventsOf(JSON.stringify(envelope(field, value)));
      expect(ev?.kind).toBe("template");
    }
    const [other] = eventsOf(JSON.stringify(envelope("account_update", { event: "VERIFIED_ACCOUNT" })));
    expect(other).toMatchObject({ kind: "unknown", field: "account_update" });
  });

  it("isolates a malformed message: its siblings still become events", () => {
    const good = userMessage(MESSAGES["text"] as Record<string, unknown>);
    const bad = userMessage({ type: "image", image: { caption: "no id" } });
    const evs = eventsOf(JSON.stringify(messageEnvelope([bad, good])));
    expect(evs[0]).toMatchObject({ kind: "invalid", reason: "message-invalid:image" });
    expect((evs[0] as { detail: string }).detail).toMatch(/messages\[0\] \(image wamid\..*\): image\.id/);
    expect(evs[1]).toMatchObject({ kind: "message", key: `msg:${good.id}` });
  });

  it("reports system-level errors on a messages change without messages or statuses", () => {
    const value = { ...messagesValue({}), errors: [{ code: 131052, title: "Media download error" }] };
    const [ev] = eventsOf(JSON.stringify(envelope("messages", value)));
    expect(ev).toMatchObject({ kind: "errors", errors: [{ code: 131052 }] });
  });
});
