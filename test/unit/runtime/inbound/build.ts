/** Builders for inbound tests: EUM envelopes (eum-api.md §3.3), SNS/SQS wrappings, and in-memory ingest deps. */
import { readFileSync } from "node:fs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import type { BusinessProfile } from "../../../../schemas/generated/business-profile.ts";
import type { ConversationFlow } from "../../../../schemas/generated/conversation-flow.ts";
import type { PaymentConfiguration } from "../../../../schemas/generated/payment-configuration.ts";
import {
  type InboundDeps,
  MemoryConfigSource,
  MemoryMetrics,
  silentLogger,
} from "../../../../src/runtime/inbound/deps.ts";
import type { Conversation } from "../../../../src/runtime/inbound/features/conversation.ts";
import type { MediaDownloader } from "../../../../src/runtime/inbound/features/media.ts";
import type { Order } from "../../../../src/runtime/inbound/features/payments.ts";
import { MemoryStatusStore } from "../../../../src/runtime/inbound/features/statuses.ts";
import {
  MemoryIdempotencyStore,
  MemoryRecordSink,
  MemoryVersionedStore,
} from "../../../../src/runtime/inbound/stores.ts";
import type { DeadLetter } from "../../../../src/runtime/outbound/dead-letter.ts";
import type { OutboundRequest, RetryPort } from "../../../../src/runtime/ports.ts";

export const META_WABA = "310000000000001";
export const META_PHONE = "420000000000001";
export const PHONE_ARN =
  "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const USER = "919800000001";

const fixtures = new URL("../../../fixtures/events/", import.meta.url);
/** Sample inbound messages of every §6.2 type, without `from`/`id`/`timestamp`. */
export const MESSAGES = JSON.parse(readFileSync(new URL("messages.json", fixtures), "utf8")) as Record<
  string,
  Record<string, unknown>
>;
/** Sample statuses (§6.3) and payment statuses (§5.3). */
export const STATUSES = JSON.parse(readFileSync(new URL("statuses.json", fixtures), "utf8")) as Record<
  string,
  Record<string, unknown>
>;
/** Sample template webhooks (§6.4) by field. */
export const TEMPLATE_EVENTS = JSON.parse(readFileSync(new URL("template-events.json", fixtures), "utf8")) as Record<
  string,
  Record<string, unknown>
>;
/** The §3.3 illustrative envelope. */
export const DOC_ENVELOPE = readFileSync(new URL("eum-envelope-text.json", fixtures), "utf8");

let seq = 0;
/** A user message with fresh wamid and timestamp `tsSec`. */
export function userMessage(
  sample: Record<string, unknown>,
  opts: { from?: string; id?: string; tsSec?: number } = {},
) {
  return {
    from: opts.from ?? USER,
    id: opts.id ?? `wamid.T${++seq}.${Math.random().toString(36).slice(2, 8)}`,
    timestamp: String(opts.tsSec ?? Math.floor(Date.now() / 1000)),
    ...structuredClone(sample),
  };
}

/** EUM envelope around one change. */
export function envelope(field: string, value: unknown, opts: { time?: string } = {}): Record<string, unknown> {
  return {
    context: {
      MetaWabaIds: [
        {
          wabaId: META_WABA,
          arn: "arn:aws:social-messaging:us-east-1:111122223333:waba/0123456789abcdef0123456789abcdef",
        },
      ],
      MetaPhoneNumberIds: [{ metaPhoneNumberId: META_PHONE, arn: PHONE_ARN }],
    },
    whatsAppWebhookEntry: JSON.stringify({ id: META_WABA, changes: [{ field, value }] }),
    aws_account_id: "111122223333",
    message_timestamp: opts.time ?? new Date().toISOString(),
  };
}

/** A `messages` change value. */
export function messagesValue(parts: {
  messages?: unknown[];
  statuses?: unknown[];
  contactName?: string;
  from?: string;
}) {
  return {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "919876500001", phone_number_id: META_PHONE },
    ...(parts.messages === undefined
      ? {}
      : { contacts: [{ profile: { name: parts.contactName ?? "Asha Rao" }, wa_id: parts.from ?? USER }] }),
    ...(parts.messages === undefined ? {} : { messages: parts.messages }),
    ...(parts.statuses === undefined ? {} : { statuses: parts.statuses }),
  };
}

/** Envelope of user messages. */
export const messageEnvelope = (messages: unknown[], contactName?: string) =>
  envelope("messages", messagesValue({ messages, ...(contactName === undefined ? {} : { contactName }) }));

/** SNS notification body (non-raw delivery) around an envelope. */
export function snsBody(env: unknown): string {
  return JSON.stringify({
    Type: "Notification",
    MessageId: `sns-${++seq}`,
    TopicArn: "arn:aws:sns:us-east-1:111122223333:waba-events",
    Message: JSON.stringify(env),
    Timestamp: new Date().toISOString(),
    SignatureVersion: "1",
    Signature: "EXAMPLE",
    SigningCertURL: "https://sns.us-east-1.amazonaws.com/cert.pem",
    UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
  });
}

/** One SQS record. */
export function sqsRecord(body: string, opts: { messageId?: string; receives?: number } = {}): SQSRecord {
  return {
    messageId: opts.messageId ?? `sqs-${++seq}`,
    receiptHandle: "rh",
    body,
    attributes: {
      ApproximateReceiveCount: String(opts.receives ?? 1),
      SentTimestamp: "0",
      SenderId: "test",
      ApproximateFirstReceiveTimestamp: "0",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:111122223333:inbound",
    awsRegion: "us-east-1",
  };
}

export const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** In-memory deps plus what they recorded. Outbound is a recording port: the pipeline is not under test here. */
export function memoryDeps(opts: { now?: () => number; retry?: RetryPort; media?: MediaDownloader } = {}) {
  const sent: OutboundRequest[] = [];
  const dlq: Omit<DeadLetter, "failedAt">[] = [];
  const config = new MemoryConfigSource();
  const metrics = new MemoryMetrics();
  const idempotency = new MemoryIdempotencyStore();
  const conversations = new MemoryVersionedStore<Conversation>();
  const orders = new MemoryVersionedStore<Order>();
  const records = new MemoryRecordSink();
  const statuses = new MemoryStatusStore();
  const seen = new Set<string>();
  const deps: InboundDeps = {
    // Recording port standing in for the SQS FIFO pipeline, with its dedupe by idempotency key.
    outbound: {
      async enqueue(r) {
        if (seen.has(r.idempotencyKey)) return;
        seen.add(r.idempotencyKey);
        sent.push(structuredClone(r));
      },
    },
    config,
    idempotency,
    conversations,
    orders,
    records,
    statuses,
    deadLetter: async (l) => {
      dlq.push(l);
    },
    metrics,
    logger: silentLogger,
    now: opts.now ?? Date.now,
    ...(opts.retry === undefined ? {} : { retry: opts.retry }),
    ...(opts.media === undefined ? {} : { media: opts.media }),
  };
  return { deps, sent, dlq, config, metrics, idempotency, conversations, orders, records, statuses };
}

/** Loads the example estate's documents into a memory config source. */
export async function loadExampleConfig(config: MemoryConfigSource): Promise<{
  flow: ConversationFlow;
  profile: BusinessProfile;
  payment: PaymentConfiguration;
}> {
  const { loadConfig } = await import("../../../../src/config/load.ts");
  const { model, problems } = await loadConfig(new URL("../../../../config", import.meta.url).pathname, {
    env: "local",
  });
  if (problems.some((p) => p.severity === "error"))
    throw new Error(`config/ has problems: ${JSON.stringify(problems[0])}`);
  const flow = model.flows[0]?.value as ConversationFlow;
  const profile = model.profiles[0]?.value as BusinessProfile;
  const payment = model.paymentConfigs[0]?.value as PaymentConfiguration;
  await config.put("ConversationFlow", "main", flow);
  await config.put("BusinessProfile", "profile", profile);
  await config.put("PaymentConfiguration", "acme-razorpay", payment);
  return { flow, profile, payment };
}
