/**
 * Send pipeline throughput: messages preloaded onto a real SQS FIFO queue (moto_server), drained by the local event
 * source stand-in into the sender (outbound table on moto's DynamoDB) and sent through the real SDK client to the EUM
 * emulator running in its own process. Pacing is set to --rate msg/s per origination phone (default 1,000).
 *
 * Prints: achieved rate, max sends in any 1-second window (at dispatch and as the emulator received them),
 * pair-rate violations against Meta's limit and against our stricter pacer, per-message CPU of the sender process.
 * Then the handler alone (SQS events built in memory, queue out of the picture) for comparison.
 *
 * moto_server is far slower than SQS and DynamoDB (FIFO SendMessageBatch cost grows with queue depth; conditional
 * UpdateItem peaks near 160/s), so the full pipeline and the DynamoDB-backed handler run with --moto-messages
 * (default 300) and show moto's ceiling; the pacing figures at 1,000 msg/s come from the handler with the outbound
 * bookkeeping in process (createMemoryOutboundStore), the EUM emulator and the real SDK client still in the path.
 *
 *   npm run bench:send -- [--messages 10000] [--moto-messages 300] [--rate 1000] [--users 3000] [--pollers 8] [--inflight 24]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent } from "node:http";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { CreateQueueCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { startEmulator } from "../src/emulator/index.ts";
import { textMessage } from "../src/runtime/messages/basic.ts";
import { createDeadLetterSink } from "../src/runtime/outbound/dead-letter.ts";
import { drainQueue } from "../src/runtime/outbound/local-poller.ts";
import { countPairViolations, maxInWindow } from "../src/runtime/outbound/pacing.ts";
import { deduplicationId, messageGroupId, type QueuedSend } from "../src/runtime/outbound/queue.ts";
import { createSender, type SentInfo } from "../src/runtime/outbound/sender.ts";
import { createMemoryOutboundStore } from "../src/runtime/outbound/store.ts";
import { outboundTableDefinition } from "../src/runtime/outbound/tables.ts";

const PHONE = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SELF = new URL(import.meta.url).pathname;
const creds = { accessKeyId: "bench", secretAccessKey: "bench" };

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => (a !== null && typeof a === "object" ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

async function startMotoServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("moto_server did not start");
}

async function admin<T>(url: string, method: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${url}/_admin/${method}`, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`admin ${method}: HTTP ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

function startEmulatorChild(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SELF, "--serve-emulator"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (url) => resolve({ url, child }));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

interface Plan {
  to: string;
  key: string;
}

/** Most users get one or two messages; a few "chatty" users get more than the pair burst, to exercise pair pacing. */
function plan(messages: number, users: number, chatty: number, perChatty: number): Plan[] {
  const out: Plan[] = [];
  const user = (n: number): string => `5511${String(n).padStart(9, "0")}`;
  for (let c = 0; c < chatty; c++)
    for (let k = 0; k < perChatty; k++) out.push({ to: user(c), key: `bench:${c}:${k}` });
  for (let i = 0; out.length < messages; i++) out.push({ to: user(chatty + (i % users)), key: `bench:u:${i}` });
  return out;
}

function report(
  label: string,
  sent: SentInfo[],
  received: number[],
  cpuMicros: number,
  wallMs: number,
  rate: number,
): void {
  const at = sent.map((s) => s.at).sort((a, b) => a - b);
  const first = at[0] ?? 0;
  const buckets = new Map<number, number>();
  for (const t of at)
    buckets.set(Math.floor((t - first) / 1000), (buckets.get(Math.floor((t - first) / 1000)) ?? 0) + 1);
  const full = [...buckets.entries()]
    .filter(([b]) => b > 0 && b < Math.floor(((at.at(-1) ?? first) - first) / 1000))
    .map(([, n]) => n);
  const steady = full.length > 0 ? full.reduce((a, b) => a + b, 0) / full.length : Number.NaN;
  const pairs = sent.map((s) => ({ key: s.to, at: s.at }));
  console.log(`\n== ${label} ==`);
  console.log(`messages sent            ${sent.length} in ${(wallMs / 1000).toFixed(2)} s wall`);
  console.log(
    `achieved rate            ${(sent.length / Math.max(1, ((at.at(-1) ?? 0) - first) / 1000)).toFixed(0)} msg/s first→last send; steady-state ${Number.isNaN(steady) ? "n/a" : steady.toFixed(0)} msg/s (mean of full seconds); configured ${rate}`,
  );
  console.log(
    `max in any 1 s window    ${maxInWindow(at)} at dispatch${received.length > 0 ? `, ${maxInWindow(received)} as received by the emulator` : ""} (limit ${rate})`,
  );
  console.log(
    `pair-rate violations     ${countPairViolations(pairs, 6000, 45)} vs Meta (1/6 s, burst 45); ${countPairViolations(pairs, 6000, 6, 5)} vs our pacer (1/6 s, burst 6)`,
  );
  console.log(
    `sender CPU               ${(cpuMicros / Math.max(1, sent.length)).toFixed(0)} µs per message (${(cpuMicros / 1e6).toFixed(2)} s total, incl. SDK clients for SQS, DynamoDB, EUM)`,
  );
}

async function main(): Promise<void> {
  const messages = arg("messages", 10000);
  const rate = arg("rate", 1000);
  const users = arg("users", 3000);
  const pollers = arg("pollers", 8);
  const inflight = arg("inflight", 24);
  const chatty = arg("chatty", 20);
  const perChatty = arg("per-chatty", 7);
  const moto = await startMotoServer();
  const emu = await startEmulatorChild();
  try {
    const requestHandler = { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) };
    const sqs = new SQSClient({
      endpoint: moto.url,
      region: "us-east-1",
      credentials: creds,
      maxAttempts: 3,
      requestHandler,
    });
    const ddb = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: moto.url,
        region: "us-east-1",
        credentials: creds,
        maxAttempts: 3,
        requestHandler,
      }),
    );
    const eum = new SocialMessagingClient({
      endpoint: emu.url,
      region: "us-east-1",
      credentials: creds,
      maxAttempts: 1,
      requestHandler,
    });
    let runs = 0;
    const run = async (label: string, viaQueue: boolean, n: number, memoryStore: boolean): Promise<void> => {
      const id = `r${++runs}x${Date.now() % 100000}`;
      const queueUrl = (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: `send-${id}.fifo`,
            Attributes: { FifoQueue: "true", VisibilityTimeout: "30" },
          }),
        )
      ).QueueUrl as string;
      const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `dlq-${id}` }))).QueueUrl as string;
      const table = `outbound-${id}`;
      await ddb.send(new CreateTableCommand(outboundTableDefinition(table)));
      const p = plan(n, users, viaQueue ? chatty : 0, perChatty);
      const tos = [...new Set(p.map((x) => x.to))];
      for (let i = 0; i < tos.length; i += 200)
        await Promise.all(
          tos.slice(i, i + 200).map((from) =>
            admin(emu.url, "injectInboundMessage", {
              from,
              to: PHONE,
              message: { type: "text", text: { body: "hi" } },
            }),
          ),
        );
      const bodies = p.map(
        (x, i): QueuedSend => ({
          v: 1,
          request: {
            originationPhoneNumberId: PHONE,
            to: x.to,
            message: textMessage(`bench ${i}`),
            idempotencyKey: `${id}:${x.key}`,
          },
          enqueuedAt: Date.now(),
        }),
      );
      if (viaQueue) {
        const t0 = Date.now();
        const chunks: QueuedSend[][] = [];
        for (let i = 0; i < bodies.length; i += 10) chunks.push(bodies.slice(i, i + 10));
        for (let i = 0; i < chunks.length; i += 16)
          await Promise.all(
            chunks.slice(i, i + 16).map((c) =>
              sqs.send(
                new SendMessageBatchCommand({
                  QueueUrl: queueUrl,
                  Entries: c.map((b, k) => ({
                    Id: String(k),
                    MessageBody: JSON.stringify(b),
                    MessageGroupId: messageGroupId(PHONE, b.request.to),
                    MessageDeduplicationId: deduplicationId(b.request.idempotencyKey),
                  })),
                }),
              ),
            ),
          );
        console.log(
          `preloaded ${bodies.length} messages onto the FIFO queue in ${((Date.now() - t0) / 1000).toFixed(1)} s (${pollers} pollers will drain it)`,
        );
      }
      const sent: SentInfo[] = [];
      const sender = createSender({
        eum,
        ddb,
        sqs,
        queueUrl,
        table,
        deadLetter: createDeadLetterSink(sqs, dlqUrl),
        ...(memoryStore ? { store: createMemoryOutboundStore() } : {}),
        phoneRate: rate,
        // 2% wider window than 1 s absorbs network jitter between dispatch and the emulator's clock.
        phoneWindowMs: 1020,
        ...(process.argv.includes("--burst") ? { phoneBurst: arg("burst", 200) } : {}),
        onSent: (s) => sent.push(s),
      });
      const sinceMs = (await admin<{ now: number }>(emu.url, "now")).now;
      const cpu0 = process.cpuUsage();
      const t0 = Date.now();
      if (viaQueue) {
        await drainQueue(sqs, queueUrl, sender.handler, {
          pollers,
          timeoutMs: 300_000,
          until: () => sent.length >= bodies.length,
        });
      } else {
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < bodies.length) {
            const batch = bodies.slice(next, next + 10);
            next += 10;
            const event: SQSEvent = {
              Records: batch.map(
                (b, k): SQSRecord => ({
                  messageId: `${b.request.idempotencyKey}`,
                  receiptHandle: `rh-${next}-${k}`,
                  body: JSON.stringify(b),
                  attributes: {
                    ApproximateReceiveCount: "1",
                    SentTimestamp: "0",
                    SenderId: "bench",
                    ApproximateFirstReceiveTimestamp: "0",
                    MessageGroupId: messageGroupId(PHONE, b.request.to),
                  },
                  messageAttributes: {},
                  md5OfBody: "",
                  eventSource: "aws:sqs",
                  eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:bench.fifo",
                  awsRegion: "us-east-1",
                }),
              ),
            };
            await sender.handler(event);
          }
        };
        await Promise.all(Array.from({ length: inflight }, worker));
      }
      const wall = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const got = await admin<Array<{ at: number }>>(emu.url, "sentMessages", {
        originationPhoneNumberId: PHONE,
        sinceMs,
      });
      report(
        label,
        sent,
        got.map((g) => g.at),
        cpu.user + cpu.system,
        wall,
        rate,
      );
    };
    const motoMessages = arg("moto-messages", 300);
    if (motoMessages > 0) {
      await run("full pipeline: SQS FIFO (moto) → sender (DynamoDB on moto) → EUM emulator", true, motoMessages, false);
      await run(
        "handler only, DynamoDB on moto: in-memory SQS events → sender → EUM emulator",
        false,
        motoMessages,
        false,
      );
    }
    await run(
      "handler only, in-memory store: in-memory SQS events → sender (bookkeeping in process) → EUM emulator",
      false,
      messages,
      true,
    );
  } finally {
    emu.child.kill("SIGTERM");
    moto.child.kill("SIGTERM");
  }
}

if (process.argv.includes("--serve-emulator")) {
  const emu = await startEmulator({ historyLimit: 200_000 });
  process.stdout.write(`${emu.url}\n`);
} else {
  await main();
}
