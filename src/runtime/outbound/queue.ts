/**
 * The send queue (SQS FIFO): `createSqsOutbound` implements `OutboundPort`. One message group per origination phone
 * and recipient keeps each user's messages in order; the deduplication id is the hashed idempotency key, so SQS drops
 * a repeated enqueue within its 5-minute window and the sender's DynamoDB claim drops it after that.
 */
import { createHash } from "node:crypto";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { z } from "zod";
import type { CachedConfigReader, TemplateStatusContent } from "../config-store.ts";
import { isReadReceipt, normalizeRecipient } from "../messages/envelope.ts";
import { MessageValidationError } from "../messages/errors.ts";
import type { CloudApiMessage, OutboundPort, OutboundRequest } from "../ports.ts";
import { AwsCallError } from "../shared/aws.ts";

/** The JSON body of one queued send. */
export interface QueuedSend {
  v: 1;
  request: OutboundRequest;
  enqueuedAt: number;
  /** Do not send before this time (ms); set by failed-status retries. */
  notBefore?: number;
  /** How many failed-status retries led to this send. */
  statusRetry?: number;
}

/** zod schema of a queued send (the sender parses every record with it). */
export const queuedSendSchema = z.object({
  v: z.literal(1),
  request: z.object({
    originationPhoneNumberId: z.string().min(1),
    to: z.string().min(1),
    message: z.record(z.string(), z.unknown()),
    idempotencyKey: z.string().min(1),
    purpose: z.string().optional(),
  }),
  enqueuedAt: z.number(),
  notBefore: z.number().optional(),
  statusRetry: z.number().int().nonnegative().optional(),
});

/** SQS FIFO ids allow ≤ 128 chars of `[A-Za-z0-9!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~]`; longer or other ids are hashed. */
function fifoId(raw: string): string {
  return raw.length <= 128 && /^[\x21-\x7e]+$/.test(raw) ? raw : createHash("sha256").update(raw).digest("hex");
}

/** Message group of a send: origination phone + recipient. */
export function messageGroupId(originationPhoneNumberId: string, to: string): string {
  return fifoId(`${originationPhoneNumberId.split("/").pop()}#${normalizeRecipient(to)}`);
}

/** Deduplication id of a send: sha256 of the idempotency key (64 hex chars). */
export function deduplicationId(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("hex");
}

/** A template send refused because the runtime config store does not know the template as APPROVED. */
export class TemplateNotApprovedError extends Error {
  readonly templateName: string;
  readonly language: string;
  readonly status: string;
  constructor(name: string, language: string, status: string) {
    super(
      status === "UNKNOWN"
        ? `template ${name} (${language}) is not in the runtime config store; declare and deploy it before sending`
        : `template ${name} (${language}) is ${status}, not APPROVED; refusing to send`,
    );
    this.name = "TemplateNotApprovedError";
    this.templateName = name;
    this.language = language;
    this.status = status;
  }
}

/** Throws `TemplateNotApprovedError` if `message` is a template the store does not know as APPROVED. */
export async function assertTemplateApproved(reader: CachedConfigReader, message: CloudApiMessage): Promise<void> {
  if (message.type !== "template") return;
  const t = message["template"] as { name?: string; language?: { code?: string } } | undefined;
  const name = t?.name ?? "";
  const language = t?.language?.code ?? "";
  const item = await reader.get<TemplateStatusContent>("TemplateStatus", `${name}:${language}`);
  const status = item?.content.status ?? "UNKNOWN";
  if (status !== "APPROVED") throw new TemplateNotApprovedError(name, language, status);
}

/** Options of `createSqsOutbound`. */
export interface SqsOutboundOptions {
  queueUrl: string;
  sqs: SQSClient;
  /** When given, template sends are refused at enqueue time unless the store says APPROVED (the sender checks again). */
  templates?: CachedConfigReader;
  now?: () => number;
}

/** Checks a request's shape (recipient, message type) before it is queued. */
export function checkOutboundRequest(r: OutboundRequest): void {
  const issues: { path: string; message: string }[] = [];
  if (typeof r.originationPhoneNumberId !== "string" || r.originationPhoneNumberId === "")
    issues.push({ path: "originationPhoneNumberId", message: "is required" });
  if (typeof r.idempotencyKey !== "string" || r.idempotencyKey === "")
    issues.push({ path: "idempotencyKey", message: "is required" });
  if (typeof r.message !== "object" || r.message === null) issues.push({ path: "message", message: "is required" });
  else if (typeof r.message.type !== "string" && !isReadReceipt(r.message))
    issues.push({ path: "message.type", message: "is required (build messages with src/runtime/messages)" });
  if (issues.length > 0) throw new MessageValidationError(r.message?.type ?? "message", issues);
  normalizeRecipient(r.to);
}

/** Enqueues sends onto the SQS FIFO send queue. */
export function createSqsOutbound(
  o: SqsOutboundOptions,
): OutboundPort & { enqueueAt(r: OutboundRequest, extra: Partial<QueuedSend>): Promise<void> } {
  const enqueueAt = async (request: OutboundRequest, extra: Partial<QueuedSend>): Promise<void> => {
    checkOutboundRequest(request);
    if (o.templates !== undefined) await assertTemplateApproved(o.templates, request.message);
    const body: QueuedSend = { v: 1, request, enqueuedAt: (o.now ?? Date.now)(), ...extra };
    try {
      await o.sqs.send(
        new SendMessageCommand({
          QueueUrl: o.queueUrl,
          MessageBody: JSON.stringify(body),
          MessageGroupId: messageGroupId(request.originationPhoneNumberId, request.to),
          MessageDeduplicationId: deduplicationId(request.idempotencyKey),
          MessageAttributes: { purpose: { DataType: "String", StringValue: request.purpose ?? "unspecified" } },
        }),
      );
    } catch (err) {
      throw new AwsCallError("SendMessage", o.queueUrl, err);
    }
  };
  return { enqueue: (r) => enqueueAt(r, {}), enqueueAt };
}
