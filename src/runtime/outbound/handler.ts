/**
 * The sender Lambda: an SQS FIFO event source on the send queue, `ReportBatchItemFailures` enabled.
 *
 * Environment (parsed once per cold start):
 *   SEND_QUEUE_URL, OUTBOUND_TABLE, DEAD_LETTER_QUEUE_URL    required
 *   CONFIG_TABLE           runtime config store; template sends are refused unless APPROVED there
 *   META_API_VERSION       default v20.0
 *   PHONE_RATE_MPS         per origination phone, default 80; divided by SENDER_CONCURRENCY
 *   SENDER_CONCURRENCY     the event source's maximum concurrency (pacing is per process), default 1
 *   PAIR_INTERVAL_MS       default 6000;  PAIR_BURST  default 6
 *   MAX_INLINE_WAIT_MS     default 8000;  MAX_SEND_ATTEMPTS  default 8
 *   MEDIA_ENABLED          "false" disables S3 media references (default enabled)
 */
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { z } from "zod";
import { CachedConfigReader } from "../config-store.ts";
import { createRuntimeClients } from "../shared/aws.ts";
import { parseEnv } from "../shared/env.ts";
import { createLogger } from "../shared/logger.ts";
import { createDeadLetterSink } from "./dead-letter.ts";
import { MediaCache } from "./media.ts";
import { DEFAULT_BACKOFF } from "./retry-policy.ts";
import { createSender, type Sender } from "./sender.ts";

const int = (dflt: number) => z.coerce.number().int().positive().default(dflt);

/** The sender's environment. */
export const senderEnvSchema = z.object({
  SEND_QUEUE_URL: z.string().url(),
  OUTBOUND_TABLE: z.string().min(3),
  DEAD_LETTER_QUEUE_URL: z.string().url(),
  CONFIG_TABLE: z.string().min(3).optional(),
  META_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v20.0")
    .default("v20.0"),
  PHONE_RATE_MPS: int(80),
  SENDER_CONCURRENCY: int(1),
  PAIR_INTERVAL_MS: int(6000),
  PAIR_BURST: int(6),
  MAX_INLINE_WAIT_MS: int(8000),
  MAX_SEND_ATTEMPTS: int(8),
  MEDIA_ENABLED: z.enum(["true", "false"]).default("true"),
});

/** Builds a sender from an environment (exported for tests; the Lambda uses `process.env`). */
export function createSenderFromEnv(env: Record<string, string | undefined> = process.env): Sender {
  const e = parseEnv(senderEnvSchema, env);
  const clients = createRuntimeClients(env);
  const logger = createLogger({ serviceName: "waba-sender" });
  return createSender({
    eum: clients.eum,
    ddb: clients.ddb,
    sqs: clients.sqs,
    queueUrl: e.SEND_QUEUE_URL,
    table: e.OUTBOUND_TABLE,
    deadLetter: createDeadLetterSink(clients.sqs, e.DEAD_LETTER_QUEUE_URL),
    ...(e.MEDIA_ENABLED === "true"
      ? { media: new MediaCache({ s3: clients.s3, eum: clients.eum, ddb: clients.ddb, table: e.OUTBOUND_TABLE }) }
      : {}),
    ...(e.CONFIG_TABLE === undefined ? {} : { templates: new CachedConfigReader(clients.ddb, e.CONFIG_TABLE) }),
    metaApiVersion: e.META_API_VERSION,
    phoneRate: Math.max(1, Math.floor(e.PHONE_RATE_MPS / e.SENDER_CONCURRENCY)),
    pairIntervalMs: e.PAIR_INTERVAL_MS,
    pairBurst: e.PAIR_BURST,
    maxInlineWaitMs: e.MAX_INLINE_WAIT_MS,
    backoff: { ...DEFAULT_BACKOFF, maxAttempts: e.MAX_SEND_ATTEMPTS },
    logger,
  });
}

let sender: Sender | undefined;

/** Lambda entry point (SQS batch → partial batch response). */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  sender ??= createSenderFromEnv();
  return sender.handler(event, context);
}
