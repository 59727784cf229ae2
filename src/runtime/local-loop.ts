/**
 * The local loop: the whole runtime on a laptop. moto_server stands in for SNS, SQS, DynamoDB and S3; the EUM
 * emulator for EUM and Meta. The loop creates the topic, queues, tables and bucket, points every WABA's event
 * destination at the topic (through the EUM API, as the deployment does), loads `config/` into the runtime config
 * store, and feeds the inbound queue to the ingest handler and the send queue to the sender — the same handler code
 * the Lambdas run. "User sends hi" in the emulator then produces the declared welcome and menu in its sent log.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  ListLinkedWhatsAppBusinessAccountsCommand,
  PutWhatsAppBusinessAccountEventDestinationsCommand,
} from "@aws-sdk/client-socialmessaging";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { loadConfig } from "../config/load.ts";
import type { Problem } from "../config/problem.ts";
import type { RunningEmulator } from "../emulator/index.ts";
import { putConfigItem } from "./config-store.ts";
import { type LoggerPort, MemoryMetrics } from "./inbound/deps.ts";
import { createIngestDeps, ingestEnvSchema } from "./inbound/handler.ts";
import { createIngestProcessor, type IngestProcessor } from "./inbound/processor.ts";
import { inboundTableDefinition } from "./inbound/tables.ts";
import { createSenderFromEnv } from "./outbound/handler.ts";
import { pollOnce } from "./outbound/local-poller.ts";
import type { Sender } from "./outbound/sender.ts";
import { outboundTableDefinition } from "./outbound/tables.ts";
import { createRuntimeClients, type RuntimeClients } from "./shared/aws.ts";
import { parseEnv } from "./shared/env.ts";

/** Options of `startLocalLoop`. */
export interface LocalLoopOptions {
  /** moto_server URL (`startMotoServer` starts one). */
  motoUrl: string;
  /** A running emulator; its `awsEndpoint` must be `motoUrl` so it can publish to the topic and write media. */
  emulator: RunningEmulator;
  /** Config tree to load into the runtime config store; default `config`. */
  configRoot?: string;
  /** Environment overlay; default `local`. */
  env?: string;
  /** SNS raw message delivery to the inbound queue (default false, AWS's default). */
  rawDelivery?: boolean;
  /** Physical-name prefix; default `waba-local-<random>` so loops never share resources. */
  prefix?: string;
  region?: string;
  logger?: LoggerPort;
}

/** Names of everything the loop created. */
export interface LocalLoopResources {
  topicArn: string;
  inboundQueueUrl: string;
  deadLetterQueueUrl: string;
  sendQueueUrl: string;
  sendDeadLetterQueueUrl: string;
  tables: { inbound: string; conversations: string; orders: string; config: string; outbound: string };
  mediaBucket: string;
  env: Record<string, string>;
}

/** A running loop. */
export interface LocalLoop {
  resources: LocalLoopResources;
  ingest: IngestProcessor;
  sender: Sender;
  metrics: MemoryMetrics;
  clients: RuntimeClients;
  /** Config problems found while loading (errors mean those documents were not loaded). */
  problems: Problem[];
  /** Polls both queues until neither yields work for `idleRounds` rounds (tests, scripted demos). */
  settle(opts?: { idleRounds?: number; timeoutMs?: number }): Promise<{ ingested: number; sent: number }>;
  /** Polls forever (the CLI) until `stop()`. */
  run(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts moto_server on a free loopback port (the CLI uses it when no `--moto-url` is given). */
export async function startMotoServer(timeoutMs = 30_000): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => (a !== null && typeof a === "object" ? resolve(a.port) : reject(new Error("no free port"))));
    });
  });
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}; is it installed?`);
    try {
      await fetch(`${url}/moto-api/`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const res = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  const arn = res.Attributes?.["QueueArn"];
  if (arn === undefined) throw new Error(`queue ${url} has no QueueArn`);
  return arn;
}

/** Creates the resources, wires the emulator, loads config and returns the loop (not yet polling). */
export async function startLocalLoop(o: LocalLoopOptions): Promise<LocalLoop> {
  const region = o.region ?? "us-east-1";
  const prefix = o.prefix ?? `waba-local-${randomUUID().slice(0, 8)}`;
  // moto and the emulator accept any credentials; the SDK's default chain (used by the handlers) needs some.
  process.env["AWS_ACCESS_KEY_ID"] ??= "test";
  process.env["AWS_SECRET_ACCESS_KEY"] ??= "test";
  const base: Record<string, string> = {
    AWS_REGION: region,
    AWS_ENDPOINT_URL_SQS: o.motoUrl,
    AWS_ENDPOINT_URL_DYNAMODB: o.motoUrl,
    AWS_ENDPOINT_URL_S3: o.motoUrl,
    AWS_ENDPOINT_URL_SNS: o.motoUrl,
    EUM_ENDPOINT: o.emulator.url,
  };
  const clients = createRuntimeClients(base, { maxAttempts: 2 });
  const sns = new SNSClient({ region, endpoint: o.motoUrl });

  const tables = {
    inbound: `${prefix}-inbound`,
    conversations: `${prefix}-conversations`,
    orders: `${prefix}-orders`,
    config: `${prefix}-config`,
    outbound: `${prefix}-outbound`,
  };
  for (const t of [tables.inbound, tables.conversations, tables.orders, tables.config])
    await clients.ddb.send(new CreateTableCommand(inboundTableDefinition(t)));
  await clients.ddb.send(new CreateTableCommand(outboundTableDefinition(tables.outbound)));
  const mk = async (name: string, attrs: Record<string, string> = {}) =>
    (await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attrs }))).QueueUrl as string;
  // A short visibility timeout: a record that failed (a duplicate in flight, a lost race) is retried within seconds.
  const inboundQueueUrl = await mk(`${prefix}-inbound`, { VisibilityTimeout: "2" });
  const deadLetterQueueUrl = await mk(`${prefix}-inbound-dlq`);
  const sendQueueUrl = await mk(`${prefix}-send.fifo`, { FifoQueue: "true", VisibilityTimeout: "30" });
  const sendDeadLetterQueueUrl = await mk(`${prefix}-send-dlq`);
  const mediaBucket = `${prefix}-media`;
  await clients.s3.send(new CreateBucketCommand({ Bucket: mediaBucket }));
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: `${prefix}-events` }))).TopicArn as string;
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: "sqs",
      Endpoint: await queueArn(clients.sqs, inboundQueueUrl),
      Attributes: { RawMessageDelivery: o.rawDelivery === true ? "true" : "false" },
    }),
  );

  // Every linked WABA publishes to the topic, set through the EUM API as the EventDestination provider does.
  const wabas = await clients.eum.send(new ListLinkedWhatsAppBusinessAccountsCommand({}));
  for (const w of wabas.linkedAccounts ?? [])
    await clients.eum.send(
      new PutWhatsAppBusinessAccountEventDestinationsCommand({
        id: w.id,
        eventDestinations: [{ eventDestinationArn: topicArn }],
      }),
    );

  const { model, problems } = await loadConfig(o.configRoot ?? "config", { env: o.env ?? "local" });
  const load = async (
    kind: "ConversationFlow" | "BusinessProfile" | "PaymentConfiguration",
    docs: { key: string; value: unknown; valid: boolean }[],
  ) => {
    for (const d of docs) if (d.valid) await putConfigItem(clients.ddb, tables.config, kind, d.key, d.value);
  };
  await load("ConversationFlow", model.flows);
  await load("BusinessProfile", model.profiles);
  await load("PaymentConfiguration", model.paymentConfigs);

  const env: Record<string, string> = {
    ...base,
    INBOUND_TABLE: tables.inbound,
    CONVERSATIONS_TABLE: tables.conversations,
    ORDERS_TABLE: tables.orders,
    CONFIG_TABLE: tables.config,
    OUTBOUND_TABLE: tables.outbound,
    DEAD_LETTER_QUEUE_URL: deadLetterQueueUrl,
    OUTBOUND_DEAD_LETTER_QUEUE_URL: sendDeadLetterQueueUrl,
    SEND_QUEUE_URL: sendQueueUrl,
    MEDIA_BUCKET: mediaBucket,
    CONFIG_CACHE_MS: "1000",
  };
  const metrics = new MemoryMetrics();
  const deps = createIngestDeps(parseEnv(ingestEnvSchema, env), clients, {
    metrics,
    ...(o.logger === undefined ? {} : { logger: o.logger }),
  });
  const ingest = createIngestProcessor(deps);
  // The sender reads its own environment, exactly as its Lambda does.
  const sender = createSenderFromEnv({
    ...env,
    DEAD_LETTER_QUEUE_URL: sendDeadLetterQueueUrl,
    PAIR_INTERVAL_MS: "200",
    MAX_INLINE_WAIT_MS: "2000",
  });
  const sendHandler = (e: SQSEvent): Promise<SQSBatchResponse> => sender.handler(e);

  let stopped = false;
  let running: Promise<void> | undefined;
  const round = async (): Promise<{ ingested: number; sent: number }> => {
    await o.emulator.admin.drainEvents();
    const a = await pollOnce(clients.sqs, inboundQueueUrl, (e) => ingest.handler(e));
    const b = await pollOnce(clients.sqs, sendQueueUrl, sendHandler);
    return { ingested: a.received - a.failed, sent: b.received - b.failed };
  };

  return {
    resources: {
      topicArn,
      inboundQueueUrl,
      deadLetterQueueUrl,
      sendQueueUrl,
      sendDeadLetterQueueUrl,
      tables,
      mediaBucket,
      env,
    },
    ingest,
    sender,
    metrics,
    clients,
    problems,
    async settle(opts = {}) {
      const idleRounds = opts.idleRounds ?? 3;
      const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
      const total = { ingested: 0, sent: 0 };
      let idle = 0;
      while (idle < idleRounds && Date.now() < deadline) {
        const r = await round();
        total.ingested += r.ingested;
        total.sent += r.sent;
        if (r.ingested === 0 && r.sent === 0) {
          idle++;
          await new Promise((res) => setTimeout(res, 50));
        } else idle = 0;
      }
      return total;
    },
    run() {
      running ??= (async () => {
        while (!stopped) {
          const r = await round().catch((err: unknown) => {
            (o.logger ?? console).error(`local loop: ${(err as Error).message}`);
            return { ingested: 0, sent: 0 };
          });
          if (r.ingested === 0 && r.sent === 0) await new Promise((res) => setTimeout(res, 200));
        }
      })();
      return running;
    },
    async stop() {
      stopped = true;
      await running;
      sns.destroy();
      clients.sqs.destroy();
      clients.ddb.destroy();
      clients.s3.destroy();
      clients.eum.destroy();
    },
  };
}
