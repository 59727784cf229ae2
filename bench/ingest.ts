/**
 * Ingest throughput: parse (SQS → SNS → EUM envelope → Meta entry → zod) + dedupe (idempotency claim) + route
 * (conversation state, welcome/menu/profile decisions, status records) per core, with the example config/ loaded.
 *
 *   in-memory  every store in memory; events per CPU-second of this process (one core)
 *   dynamodb   the DynamoDB stores on moto_server (real SDK clients); moto dominates, so this is a floor
 *
 * Replies go to a recording OutboundPort (the send pipeline has its own benchmark, bench/send.ts). Then both Lambda
 * bundles are built and their size and module init time measured (scripts/bundle-lambdas.ts).
 *
 *   npm run bench:ingest -- [--events 20000] [--ddb-events 1000] [--runs 3]
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import type { SQSRecord } from "aws-lambda";
import { bundleAndMeasure } from "../scripts/bundle-lambdas.ts";
import { loadConfig } from "../src/config/load.ts";
import { CachedConfigReader, putConfigItem } from "../src/runtime/config-store.ts";
import {
  dynamoConfigSource,
  type InboundDeps,
  MemoryConfigSource,
  MemoryMetrics,
  silentLogger,
} from "../src/runtime/inbound/deps.ts";
import type { Conversation } from "../src/runtime/inbound/features/conversation.ts";
import type { Order } from "../src/runtime/inbound/features/payments.ts";
import { DynamoStatusStore, MemoryStatusStore } from "../src/runtime/inbound/features/statuses.ts";
import { createIngestProcessor } from "../src/runtime/inbound/processor.ts";
import {
  DynamoIdempotencyStore,
  DynamoRecordSink,
  DynamoVersionedStore,
  MemoryIdempotencyStore,
  MemoryRecordSink,
  MemoryVersionedStore,
} from "../src/runtime/inbound/stores.ts";
import { inboundTableDefinition } from "../src/runtime/inbound/tables.ts";
import { startMotoServer } from "../src/runtime/local-loop.ts";
import { createRuntimeClients } from "../src/runtime/shared/aws.ts";

const ROOT = resolve(new URL(".", import.meta.url).pathname, "..");
const META_PHONE = "420000000000001";
const ARN = "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

function envelope(value: unknown): string {
  return JSON.stringify({
    context: {
      MetaWabaIds: [{ wabaId: "310000000000001", arn: "arn:aws:social-messaging:us-east-1:111122223333:waba/0123" }],
      MetaPhoneNumberIds: [{ metaPhoneNumberId: META_PHONE, arn: ARN }],
    },
    whatsAppWebhookEntry: JSON.stringify({ id: "310000000000001", changes: [{ field: "messages", value }] }),
    aws_account_id: "111122223333",
    message_timestamp: new Date().toISOString(),
  });
}

const metadata = { display_phone_number: "919876500001", phone_number_id: META_PHONE };

/** A realistic mix: 45% texts (keywords, free text, info), 15% list selections, 40% delivery statuses. */
function records(n: number, users: number): SQSRecord[] {
  const out: SQSRecord[] = [];
  const texts = ["hi", "menu", "where is my order?", "hours", "/orders", "thanks!"];
  const ts = String(Math.floor(Date.now() / 1000));
  for (let i = 0; i < n; i++) {
    const from = String(919800000000 + (i % users));
    const r = i % 20;
    let value: unknown;
    if (r < 9) {
      const body = texts[i % texts.length] as string;
      value = {
        messaging_product: "whatsapp",
        metadata,
        contacts: [{ profile: { name: "Asha Rao" }, wa_id: from }],
        messages: [{ from, id: `wamid.B${i}`, timestamp: ts, type: "text", text: { body } }],
      };
    } else if (r < 12) {
      const id = ["hours", "track_order", "sale"][i % 3] as string;
      value = {
        messaging_product: "whatsapp",
        metadata,
        contacts: [{ profile: { name: "Asha Rao" }, wa_id: from }],
        messages: [
          {
            from,
            id: `wamid.B${i}`,
            timestamp: ts,
            type: "interactive",
            interactive: { type: "list_reply", list_reply: { id, title: id } },
          },
        ],
      };
    } else {
      const status = ["sent", "delivered", "read"][i % 3] as string;
      value = {
        messaging_product: "whatsapp",
        metadata,
        statuses: [
          {
            id: `wamid.OUT${Math.floor(i / 3)}`,
            status,
            timestamp: ts,
            recipient_id: from,
            pricing: { pricing_model: "PMP", category: "service", type: "free_customer_service" },
          },
        ],
      };
    }
    const env = envelope(value);
    // Half raw delivery, half wrapped in an SNS notification (the default subscription).
    const body =
      i % 2 === 0
        ? env
        : JSON.stringify({
            Type: "Notification",
            MessageId: randomUUID(),
            TopicArn: "arn:aws:sns:us-east-1:111122223333:waba-events",
            Message: env,
            Timestamp: new Date().toISOString(),
            SignatureVersion: "1",
            Signature: "x",
            SigningCertURL: "https://sns.us-east-1.amazonaws.com/cert.pem",
            UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
          });
    out.push({
      messageId: `m${i}`,
      receiptHandle: "r",
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "0",
        SenderId: "b",
        ApproximateFirstReceiveTimestamp: "0",
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:111122223333:inbound",
      awsRegion: "us-east-1",
    });
  }
  return out;
}

async function run(deps: InboundDeps, recs: SQSRecord[]): Promise<{ events: number; wallMs: number; cpuMs: number }> {
  const ingest = createIngestProcessor(deps);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < recs.length; i += 10) {
    const res = await ingest.handler({ Records: recs.slice(i, i + 10) });
    if (res.batchItemFailures.length > 0)
      throw new Error(`bench batch failed: ${JSON.stringify(res.batchItemFailures)}`);
  }
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { events: recs.length, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const { model } = await loadConfig(resolve(ROOT, "config"), { env: "local" });
const docs = [
  ["ConversationFlow", model.flows[0]],
  ["BusinessProfile", model.profiles[0]],
  ["PaymentConfiguration", model.paymentConfigs[0]],
] as const;

function memoryDeps(): InboundDeps {
  const config = new MemoryConfigSource();
  for (const [kind, d] of docs) if (d !== undefined) void config.put(kind, d.key, d.value);
  return {
    outbound: { enqueue: async () => undefined },
    config,
    idempotency: new MemoryIdempotencyStore(),
    conversations: new MemoryVersionedStore<Conversation>(),
    orders: new MemoryVersionedStore<Order>(),
    records: new MemoryRecordSink(),
    statuses: new MemoryStatusStore(),
    deadLetter: async (l) => {
      throw new Error(`unexpected dead letter: ${l.reason} ${l.detail}`);
    },
    metrics: new MemoryMetrics(),
    logger: silentLogger,
    now: Date.now,
  };
}

const n = arg("events", 20_000);
const users = Math.max(1, Math.floor(n / 10));
// Warm-up (JIT), then the measured run on fresh stores.
await run(memoryDeps(), records(2_000, 200));
const mem = await run(memoryDeps(), records(n, users));
process.stdout.write(
  `in-memory  ${mem.events} events: ${(mem.events / (mem.cpuMs / 1000)).toFixed(0)} events/s per core (cpu), ` +
    `${(mem.events / (mem.wallMs / 1000)).toFixed(0)} events/s wall, ${((mem.cpuMs * 1000) / mem.events).toFixed(0)} µs cpu/event\n`,
);

const moto = await startMotoServer();
try {
  process.env["AWS_ACCESS_KEY_ID"] ??= "bench";
  process.env["AWS_SECRET_ACCESS_KEY"] ??= "bench";
  const clients = createRuntimeClients({ AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: moto.url }, { maxAttempts: 3 });
  const t = { inbound: "b-inbound", conversations: "b-conv", orders: "b-orders", config: "b-config" };
  for (const name of Object.values(t)) await clients.ddb.send(new CreateTableCommand(inboundTableDefinition(name)));
  for (const [kind, d] of docs) if (d !== undefined) await putConfigItem(clients.ddb, t.config, kind, d.key, d.value);
  const ddbDeps: InboundDeps = {
    ...memoryDeps(),
    config: dynamoConfigSource(clients.ddb, t.config, new CachedConfigReader(clients.ddb, t.config)),
    idempotency: new DynamoIdempotencyStore(clients.ddb, t.inbound),
    conversations: new DynamoVersionedStore(clients.ddb, t.conversations),
    orders: new DynamoVersionedStore(clients.ddb, t.orders),
    records: new DynamoRecordSink(clients.ddb, t.inbound),
    statuses: new DynamoStatusStore(clients.ddb, { inbound: t.inbound }),
  };
  const dn = arg("ddb-events", 1_000);
  const ddb = await run(ddbDeps, records(dn, Math.max(1, Math.floor(dn / 10))));
  process.stdout.write(
    `dynamodb   ${ddb.events} events on moto_server: ${(ddb.events / (ddb.wallMs / 1000)).toFixed(0)} events/s wall ` +
      `(${((ddb.cpuMs * 1000) / ddb.events).toFixed(0)} µs cpu/event in this process; moto is the bottleneck)\n`,
  );
  clients.ddb.destroy();
} finally {
  await moto.stop();
}

for (const f of await bundleAndMeasure(resolve(ROOT, "dist/lambdas"), arg("runs", 3)))
  process.stdout.write(
    `bundle     ${f.build.padEnd(6)} ${f.name.padEnd(6)} ${(f.bytes / 1024).toFixed(0).padStart(5)} KB, module init ${f.importMs.toFixed(0)} ms ` +
      `(cpu ${f.importCpuMs.toFixed(0)} ms), init + first call ${f.coldMs.toFixed(0)} ms\n`,
  );
process.stdout.write(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} (figures are wall-clock sensitive)\n`,
);
