/**
 * At-least-once delivery, made exactly-once: every SQS record of a burst of conversations is replayed three times in
 * shuffled order, concurrently, while the outbound port throws mid-batch; failed records are redelivered until they
 * pass. Real parts: emulator, moto SNS/SQS/DynamoDB, the DynamoDB conditional claim, the real SQS FIFO outbound and
 * sender. Expect exactly the declared replies per inbound message, nothing lost, nothing dead-lettered.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSRecord } from "aws-lambda";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../../src/emulator/index.ts";
import { MemoryMetrics, silentLogger } from "../../../../src/runtime/inbound/deps.ts";
import { createIngestDeps, ingestEnvSchema } from "../../../../src/runtime/inbound/handler.ts";
import { createIngestProcessor } from "../../../../src/runtime/inbound/processor.ts";
import { idemKey } from "../../../../src/runtime/inbound/tables.ts";
import { type LocalLoop, startLocalLoop } from "../../../../src/runtime/local-loop.ts";
import { toSqsEvent } from "../../../../src/runtime/outbound/local-poller.ts";
import { AwsCallError } from "../../../../src/runtime/shared/aws.ts";
import { parseEnv } from "../../../../src/runtime/shared/env.ts";

const MOTO = process.env["MOTO_URL"] as string;
const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const CONFIG = new URL("../../../../config", import.meta.url).pathname;

let emu: RunningEmulator;
let loop: LocalLoop;

beforeAll(async () => {
  process.env["POWERTOOLS_LOG_LEVEL"] = "ERROR";
  emu = await startEmulator({ awsEndpoint: MOTO });
  loop = await startLocalLoop({ motoUrl: MOTO, emulator: emu, configRoot: CONFIG, logger: silentLogger });
});

afterAll(async () => {
  await loop?.stop();
  await emu?.stop();
});

/** Takes every record currently in the inbound queue off it (the test plays the event source). */
async function takeAll(): Promise<SQSRecord[]> {
  const out: SQSRecord[] = [];
  for (let idle = 0; idle < 3; ) {
    await emu.admin.drainEvents();
    const res = await loop.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: loop.resources.inboundQueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 120,
      }),
    );
    const msgs = res.Messages ?? [];
    if (msgs.length === 0) {
      idle++;
      continue;
    }
    out.push(...toSqsEvent(msgs).Records);
    await loop.clients.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: loop.resources.inboundQueueUrl,
        Entries: msgs.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
      }),
    );
  }
  return out;
}

describe("replayed and failing deliveries", () => {
  it("yields exactly one of each reply per inbound message when every record arrives 3× shuffled and batches fail midway", async () => {
    // Prepare: 12 users each say "hi" (welcome + menu) and 6 of them then ask for the address (1 profile reply).
    const users = Array.from({ length: 12 }, (_, i) => String(919811000000 + i));
    const wamids: string[] = [];
    for (const u of users)
      wamids.push(
        emu.admin.injectInboundMessage({ from: u, to: PHONE, message: { type: "text", text: { body: "hi" } } }).wamid,
      );
    const first = await takeAll();
    for (const u of users.slice(0, 6))
      wamids.push(
        emu.admin.injectInboundMessage({ from: u, to: PHONE, message: { type: "text", text: { body: "address" } } })
          .wamid,
      );
    const second = await takeAll();
    expect(first).toHaveLength(12);
    expect(second).toHaveLength(6);

    const deps = createIngestDeps(parseEnv(ingestEnvSchema, loop.resources.env), loop.clients, {
      metrics: new MemoryMetrics(),
      logger: silentLogger,
    });
    const real = deps.outbound;
    let calls = 0;
    deps.outbound = {
      async enqueue(r) {
        // Among the first 100 enqueues, every 7th fails before the message is queued and every 4th after it: both
        // kinds of failure must converge to one copy. (Failing forever would only test the redrive policy.)
        calls++;
        const inject = calls <= 100;
        if (inject && calls % 7 === 0)
          throw new AwsCallError("SendMessage", "send-queue", { name: "InternalError", $metadata: {} });
        await real.enqueue(r);
        if (inject && calls % 4 === 0)
          throw new AwsCallError("SendMessage", "send-queue", { name: "ServiceUnavailable", $metadata: {} });
      },
    };
    const ingest = createIngestProcessor(deps);

    // Act: the first conversations, then the follow-ups, each replayed 3× in a shuffled order, 3 batches at a time.
    const replay = async (records: SQSRecord[], seed: number) => {
      let pending =
        fc.sample(fc.shuffledSubarray([...records, ...records, ...records], { minLength: records.length * 3 }), {
          numRuns: 1,
          seed,
        })[0] ?? [];
      let receives = 1;
      let rounds = 0;
      while (pending.length > 0 && rounds++ < 30) {
        const batches: SQSRecord[][] = [];
        for (let i = 0; i < pending.length; i += 10) batches.push(pending.slice(i, i + 10));
        const failed: SQSRecord[] = [];
        for (let i = 0; i < batches.length; i += 3) {
          const results = await Promise.all(
            batches.slice(i, i + 3).map(async (b) => {
              const batch = b.map((r) => ({
                ...r,
                attributes: { ...r.attributes, ApproximateReceiveCount: String(receives) },
              }));
              const res = await ingest.handler({ Records: batch });
              const ids = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
              return batch.filter((r) => ids.has(r.messageId));
            }),
          );
          failed.push(...results.flat());
        }
        pending = failed;
        receives++;
      }
      expect(pending).toEqual([]);
    };
    await replay(first, 1);
    await replay(second, 2);
    await loop.settle();

    // Assess: per user exactly welcome + menu (+ one profile reply for the six who asked), in that order.
    for (const [i, u] of users.entries()) {
      const sent = emu.admin.sentMessages({ to: u }).map((m) => (m.message as { type: string }).type);
      expect(sent, u).toEqual(i < 6 ? ["text", "interactive", "text"] : ["text", "interactive"]);
    }
    // Nothing lost: every inbound message has a completed claim; nothing was dead-lettered.
    for (const w of wamids) {
      const got = await loop.clients.ddb.send(
        new GetCommand({ TableName: loop.resources.tables.inbound, Key: { pk: idemKey(`msg:${w}`) } }),
      );
      expect(got.Item?.["st"], w).toBe("COMPLETED");
    }
    const dlq = await loop.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: loop.resources.deadLetterQueueUrl, MaxNumberOfMessages: 10 }),
    );
    expect(dlq.Messages ?? []).toEqual([]);
    expect(calls).toBeGreaterThan(30);
  }, 120_000);
});
