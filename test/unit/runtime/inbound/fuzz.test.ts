/**
 * 10,000 fuzzed and mutated SQS records through the ingest core (in process, in-memory stores, the example config):
 * no record may crash the handler or be reported for retry; everything undecodable or malformed must land in the
 * DLQ with a reason.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIngestProcessor } from "../../../../src/runtime/inbound/processor.ts";
import { checkOutboundRequest } from "../../../../src/runtime/outbound/queue.ts";
import {
  envelope,
  loadExampleConfig,
  MESSAGES,
  memoryDeps,
  messagesValue,
  STATUSES,
  snsBody,
  sqsRecord,
  TEMPLATE_EVENTS,
  userMessage,
} from "./build.ts";

type J = unknown;

/** Replaces (or deletes) the node reached by following `path` (indices modulo the keys at each level). */
function mutate(root: J, path: number[], replacement: J, del: boolean): J {
  if (path.length === 0 || root === null || typeof root !== "object") return replacement;
  const copy: Record<string, J> | J[] = Array.isArray(root) ? [...root] : { ...(root as Record<string, J>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const k = keys[(path[0] ?? 0) % keys.length] as string;
  const child = (copy as Record<string, J>)[k];
  if (path.length === 1 && del && !Array.isArray(copy)) delete (copy as Record<string, J>)[k];
  else (copy as Record<string, J>)[k] = mutate(child, path.slice(1), replacement, del);
  return copy;
}

const samples: { field: string; value: J }[] = [
  ...Object.values(MESSAGES).map((m) => ({ field: "messages", value: messagesValue({ messages: [userMessage(m)] }) })),
  ...Object.values(STATUSES).map((s) => ({ field: "messages", value: messagesValue({ statuses: [s] }) })),
  ...Object.entries(TEMPLATE_EVENTS).map(([field, value]) => ({ field, value })),
  { field: "account_update", value: { event: "VERIFIED_ACCOUNT" } },
];

let fresh = 0;
/** Fresh wamids per generated record, so mutations reach the handlers instead of the duplicate check. */
function withFreshIds(s: { field: string; value: J }): { field: string; value: J } {
  const v = structuredClone(s.value) as { messages?: { id: string }[]; statuses?: { id: string }[] };
  for (const x of [...(v.messages ?? []), ...(v.statuses ?? [])]) x.id = `wamid.FUZZ${++fresh}`;
  return { field: s.field, value: v };
}

const mutatedEnvelope = fc
  .record({
    sample: fc.constantFrom(...samples),
    path: fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
    replacement: fc.oneof(fc.jsonValue(), fc.constantFrom(null, "", -1, 1e308, "NaN", [], {}, "wamid.X")),
    del: fc.boolean(),
    layer: fc.constantFrom("value", "value", "value", "envelope", "entry-string"),
    sns: fc.boolean(),
  })
  .map(({ sample: original, path, replacement, del, layer, sns }) => {
    const sample = withFreshIds(original);
    let env: J;
    if (layer === "value") env = envelope(sample.field, mutate(sample.value, path, replacement, del));
    else if (layer === "envelope") env = mutate(envelope(sample.field, sample.value), path, replacement, del);
    else {
      const e = envelope(sample.field, sample.value) as { whatsAppWebhookEntry: string };
      e.whatsAppWebhookEntry = e.whatsAppWebhookEntry.slice(0, (path[0] ?? 0) * 7);
      env = e;
    }
    return sns ? snsBody(env) : JSON.stringify(env);
  });

const body = fc.oneof(
  { weight: 6, arbitrary: mutatedEnvelope },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => snsBody(v)) },
  {
    weight: 1,
    arbitrary: fc
      .jsonValue()
      .map((v) => JSON.stringify(envelope("messages", { metadata: { phone_number_id: "1" }, messages: [v] }))),
  },
);

describe("ingest core under fuzzing", () => {
  it("survives 10,000 fuzzed and mutated records: no crash, no retry, every rejection dead-lettered with a reason", async () => {
    // Prepare
    const m = memoryDeps({ now: () => Date.parse("2026-11-24T05:30:00Z") });
    await loadExampleConfig(m.config);
    const real = m.deps.outbound.enqueue;
    // Recording port that validates like the real SQS outbound (recipient, message type) before recording.
    m.deps.outbound = {
      async enqueue(r) {
        checkOutboundRequest(r);
        await real(r);
      },
    };
    // Sequential records: mutated samples share wamids, and a parallel in-flight duplicate is (rightly) retried.
    const ingest = createIngestProcessor(m.deps, { poisonAfterReceives: 1, parallel: false });
    const bodies = fc.sample(body, { numRuns: 10_000, seed: 20261125 });
    let failures = 0;
    // Act
    for (let i = 0; i < bodies.length; i += 10) {
      const res = await ingest.handler({ Records: bodies.slice(i, i + 10).map((b) => sqsRecord(b)) });
      failures += res.batchItemFailures.length;
    }
    // Assess
    expect(bodies).toHaveLength(10_000);
    expect(failures).toBe(0);
    expect(m.dlq.length).toBeGreaterThan(1000);
    // Enough mutated records stay valid to exercise the feature handlers, not just the parsers.
    const handled = [...m.metrics.counts].filter(([k]) => k.startsWith("Messages{") || k.startsWith("Statuses{"));
    expect(handled.reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(700);
    expect(m.sent.length).toBeGreaterThan(200);
    for (const d of m.dlq) {
      expect(d.reason).toMatch(
        /^(poison:|message-invalid|status-invalid|payment-status-invalid|messages-value-invalid|template-event-invalid|reply-refused:)/,
      );
      expect(d.detail.length).toBeGreaterThan(5);
    }
    expect(m.dlq.filter((d) => d.reason.startsWith("handler-error"))).toEqual([]);
  }, 60_000);
});
