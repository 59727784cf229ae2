import { describe, expect, it } from "vitest";
import { createIngestProcessor } from "../../../../src/runtime/inbound/processor.ts";
import { AwsCallError } from "../../../../src/runtime/shared/aws.ts";
import { loadExampleConfig, MESSAGES, memoryDeps, messageEnvelope, sqsEvent, sqsRecord, userMessage } from "./build.ts";

const hi = () => userMessage({ type: "text", text: { body: "hi" } });

describe("createIngestProcessor", () => {
  it("answers a first 'hi' with the declared welcome then the menu, once", async () => {
    // Prepare
    const m = memoryDeps();
    const { flow } = await loadExampleConfig(m.config);
    const ingest = createIngestProcessor(m.deps);
    // Act
    const res = await ingest.handler(sqsEvent([sqsRecord(JSON.stringify(messageEnvelope([hi()])))]));
    // Assess
    expect(res.batchItemFailures).toEqual([]);
    expect(m.sent.map((s) => s.purpose)).toEqual(["welcome", "menu"]);
    expect(m.sent[0]?.message).toEqual({
      type: "text",
      text: { body: flow.welcome?.message.type === "text" ? flow.welcome.message.text : "" },
    });
    expect(m.sent[1]?.message).toEqual({ type: "interactive", interactive: flow.menu?.interactive });
    expect(m.sent[0]?.originationPhoneNumberId).toMatch(/^arn:aws:social-messaging:.*phone-number-id\//);
  });

  it("drops a redelivered record: the event is claimed once", async () => {
    const m = memoryDeps();
    await loadExampleConfig(m.config);
    const ingest = createIngestProcessor(m.deps);
    const body = JSON.stringify(messageEnvelope([hi()]));
    await ingest.handler(sqsEvent([sqsRecord(body)]));
    const again = await ingest.handler(sqsEvent([sqsRecord(body), sqsRecord(body)]));
    expect(again.batchItemFailures).toEqual([]);
    expect(m.sent).toHaveLength(2);
    expect(m.metrics.counts.get("Duplicates")).toBe(2);
  });

  it("fails only the record whose event another delivery holds in progress", async () => {
    const m = memoryDeps();
    await loadExampleConfig(m.config);
    const ingest = createIngestProcessor(m.deps);
    const busy = hi();
    await m.idempotency.claim(`msg:${busy.id}`, Date.now(), 60_000);
    const a = sqsRecord(JSON.stringify(messageEnvelope([busy])));
    const b = sqsRecord(JSON.stringify(messageEnvelope([hi()]), undefined), { messageId: "other" });
    const res = await ingest.handler(sqsEvent([a, b]));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: a.messageId }]);
  });

  it("acknowledges poison and dead-letters it with the reason", async () => {
    const m = memoryDeps();
    const ingest = createIngestProcessor(m.deps);
    const res = await ingest.handler(sqsEvent([sqsRecord("{oops", { messageId: "p1" })]));
    expect(res.batchItemFailures).toEqual([]);
    expect(m.dlq).toEqual([
      expect.objectContaining({ reason: "poison:body-not-json", payload: { sqsMessageId: "p1", body: "{oops" } }),
    ]);
  });

  it("dead-letters an invalid message and still answers its sibling", async () => {
    const m = memoryDeps();
    await loadExampleConfig(m.config);
    const ingest = createIngestProcessor(m.deps);
    const bad = userMessage({ type: "location", location: { latitude: "north" } });
    await ingest.handler(sqsEvent([sqsRecord(JSON.stringify(messageEnvelope([bad, hi()])))]));
    expect(m.dlq.map((d) => d.reason)).toEqual(["message-invalid:location"]);
    expect(m.dlq[0]?.detail).toMatch(/location\.latitude/);
    expect(m.sent.map((s) => s.purpose)).toEqual(["welcome", "menu"]);
  });

  it("retries a transient failure: the claim is released and the reply goes out once", async () => {
    const m = memoryDeps();
    await loadExampleConfig(m.config);
    const real = m.deps.outbound.enqueue;
    let fail = 1;
    m.deps.outbound = {
      enqueue: async (r) => {
        await real(r);
        // Fails after the first reply was queued: the retry must not queue it twice.
        if (r.purpose === "welcome" && fail-- > 0)
          throw new AwsCallError("SendMessage", "q", { name: "InternalError", $metadata: {} });
      },
    };
    const ingest = createIngestProcessor(m.deps);
    const rec = sqsRecord(JSON.stringify(messageEnvelope([hi()])));
    const first = await ingest.handler(sqsEvent([rec]));
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: rec.messageId }]);
    const second = await ingest.handler(
      sqsEvent([{ ...rec, attributes: { ...rec.attributes, ApproximateReceiveCount: "2" } }]),
    );
    expect(second.batchItemFailures).toEqual([]);
    expect(m.sent.map((s) => s.purpose)).toEqual(["welcome", "menu"]);
  });

  it("dead-letters an event whose handler keeps failing with a bug after the configured receives", async () => {
    const m = memoryDeps();
    m.deps.conversations = {
      get: async () => {
        throw new TypeError("boom");
      },
      put: async () => true,
    };
    const ingest = createIngestProcessor(m.deps, { poisonAfterReceives: 2 });
    const body = JSON.stringify(messageEnvelope([userMessage(MESSAGES["text"] as Record<string, unknown>)]));
    const first = await ingest.handler(sqsEvent([sqsRecord(body, { messageId: "r" })]));
    expect(first.batchItemFailures).toHaveLength(1);
    const second = await ingest.handler(sqsEvent([sqsRecord(body, { messageId: "r", receives: 2 })]));
    expect(second.batchItemFailures).toEqual([]);
    expect(m.dlq).toEqual([expect.objectContaining({ reason: "handler-error:TypeError" })]);
  });
});
