/**
 * The ingest Lambda: an SQS event source on the inbound queue (subscribed to EUM's SNS topic, raw or not), with
 * `ReportBatchItemFailures` enabled.
 *
 * Environment (parsed once per cold start):
 *   INBOUND_TABLE, CONVERSATIONS_TABLE, ORDERS_TABLE, CONFIG_TABLE   required (tables.ts, config-store.ts)
 *   DEAD_LETTER_QUEUE_URL   poison records and refused replies, with the reason          required
 *   SEND_QUEUE_URL          the outbound FIFO queue replies are enqueued on              required
 *   OUTBOUND_TABLE          the sender's table: statuses recorded there, failed sends retried through it (optional)
 *   OUTBOUND_DEAD_LETTER_QUEUE_URL  where the retry port dead-letters unretryable sends (default DEAD_LETTER_QUEUE_URL)
 *   MEDIA_BUCKET            inbound media are downloaded here (optional: without it media are recorded only)
 *   MEDIA_PREFIX            default `inbound/`
 *   FLOW_ID, PROFILE_ID, PAYMENT_CONFIG_ID  declared document ids (default: the only one of its kind)
 *   CONFIG_CACHE_MS         default 30000;  POISON_AFTER_RECEIVES  default 3
 *   METRICS_NAMESPACE       default `waba`
 */
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { z } from "zod";
import { CachedConfigReader } from "../config-store.ts";
import { createDeadLetterSink } from "../outbound/dead-letter.ts";
import { createSqsOutbound } from "../outbound/queue.ts";
import { createRetryPort } from "../outbound/retry.ts";
import { createRuntimeClients, type RuntimeClients } from "../shared/aws.ts";
import { parseEnv } from "../shared/env.ts";
import { createLogger } from "../shared/logger.ts";
import { dynamoConfigSource, type InboundDeps, type LoggerPort, type MetricsPort } from "./deps.ts";
import { createEumMediaDownloader } from "./features/media.ts";
import { DynamoStatusStore } from "./features/statuses.ts";
import { createIngestProcessor, type IngestProcessor } from "./processor.ts";
import { DynamoIdempotencyStore, DynamoRecordSink, DynamoVersionedStore } from "./stores.ts";

const int = (dflt: number) => z.coerce.number().int().positive().default(dflt);
const table = z.string().min(3).max(255);

/** The ingest handler's environment. */
export const ingestEnvSchema = z.object({
  INBOUND_TABLE: table,
  CONVERSATIONS_TABLE: table,
  ORDERS_TABLE: table,
  CONFIG_TABLE: table,
  DEAD_LETTER_QUEUE_URL: z.string().url(),
  SEND_QUEUE_URL: z.string().url(),
  OUTBOUND_TABLE: table.optional(),
  OUTBOUND_DEAD_LETTER_QUEUE_URL: z.string().url().optional(),
  MEDIA_BUCKET: z.string().min(3).optional(),
  MEDIA_PREFIX: z.string().default("inbound/"),
  FLOW_ID: z.string().min(1).optional(),
  PROFILE_ID: z.string().min(1).optional(),
  PAYMENT_CONFIG_ID: z.string().min(1).optional(),
  CONFIG_CACHE_MS: z.coerce.number().int().nonnegative().default(30_000),
  POISON_AFTER_RECEIVES: int(3),
  METRICS_NAMESPACE: z.string().min(1).default("waba"),
});
export type IngestEnv = z.infer<typeof ingestEnvSchema>;

/** Powertools metrics behind the MetricsPort: counts are summed per name and dimensions, one EMF line each per batch. */
export function powertoolsMetrics(namespace: string, serviceName = "waba-ingest"): MetricsPort {
  const m = new Metrics({ namespace, serviceName });
  const pending = new Map<string, { name: string; dimensions: Record<string, string>; value: number }>();
  return {
    count(name, dimensions = {}, value = 1) {
      const key = `${name}|${JSON.stringify(dimensions)}`;
      const cur = pending.get(key);
      if (cur === undefined) pending.set(key, { name, dimensions, value });
      else cur.value += value;
    },
    flush() {
      for (const p of pending.values()) {
        const single = m.singleMetric();
        for (const [k, v] of Object.entries(p.dimensions)) single.addDimension(k, v);
        // A single metric is written when its value is added.
        single.addMetric(p.name, MetricUnit.Count, p.value);
      }
      pending.clear();
    },
  };
}

/** Wires the ingest deps from an environment and clients (exported for the local loop and tests). */
export function createIngestDeps(
  e: IngestEnv,
  clients: RuntimeClients,
  extra: { logger?: LoggerPort; metrics?: MetricsPort; now?: () => number } = {},
): InboundDeps {
  const reader = new CachedConfigReader(clients.ddb, e.CONFIG_TABLE, e.CONFIG_CACHE_MS);
  const outbound = createSqsOutbound({ queueUrl: e.SEND_QUEUE_URL, sqs: clients.sqs });
  const deadLetter = createDeadLetterSink(clients.sqs, e.DEAD_LETTER_QUEUE_URL);
  const documents = {
    ...(e.FLOW_ID === undefined ? {} : { flow: e.FLOW_ID }),
    ...(e.PROFILE_ID === undefined ? {} : { profile: e.PROFILE_ID }),
    ...(e.PAYMENT_CONFIG_ID === undefined ? {} : { payment: e.PAYMENT_CONFIG_ID }),
  };
  return {
    outbound,
    ...(e.OUTBOUND_TABLE === undefined
      ? {}
      : {
          retry: createRetryPort({
            ddb: clients.ddb,
            table: e.OUTBOUND_TABLE,
            enqueueAt: outbound.enqueueAt,
            deadLetter: createDeadLetterSink(clients.sqs, e.OUTBOUND_DEAD_LETTER_QUEUE_URL ?? e.DEAD_LETTER_QUEUE_URL),
          }),
        }),
    config: dynamoConfigSource(clients.ddb, e.CONFIG_TABLE, reader, e.CONFIG_CACHE_MS),
    idempotency: new DynamoIdempotencyStore(clients.ddb, e.INBOUND_TABLE),
    conversations: new DynamoVersionedStore(clients.ddb, e.CONVERSATIONS_TABLE),
    orders: new DynamoVersionedStore(clients.ddb, e.ORDERS_TABLE),
    records: new DynamoRecordSink(clients.ddb, e.INBOUND_TABLE),
    statuses: new DynamoStatusStore(clients.ddb, { outbound: e.OUTBOUND_TABLE, inbound: e.INBOUND_TABLE }),
    ...(e.MEDIA_BUCKET === undefined
      ? {}
      : {
          media: createEumMediaDownloader({
            eum: clients.eum,
            s3: clients.s3,
            bucket: e.MEDIA_BUCKET,
            prefix: e.MEDIA_PREFIX,
          }),
        }),
    deadLetter,
    metrics: extra.metrics ?? powertoolsMetrics(e.METRICS_NAMESPACE),
    logger: extra.logger ?? createLogger({ serviceName: "waba-ingest" }),
    now: extra.now ?? Date.now,
    documents,
  };
}

/** Builds the ingest core from an environment (`process.env` in Lambda). */
export function createIngestFromEnv(env: Record<string, string | undefined> = process.env): IngestProcessor {
  const e = parseEnv(ingestEnvSchema, env);
  return createIngestProcessor(createIngestDeps(e, createRuntimeClients(env)), {
    poisonAfterReceives: e.POISON_AFTER_RECEIVES,
  });
}

let ingest: IngestProcessor | undefined;

/** Lambda entry point (SQS batch → partial batch response). */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  ingest ??= createIngestFromEnv();
  return ingest.handler(event, context);
}
