/**
 * The sender: drains SQS FIFO batches, paces per origination phone and per recipient, sends through EUM exactly once
 * per idempotency key, records wamid ↔ key, and reports partial batch failures through Powertools.
 *
 * Exactly once: before calling EUM the sender claims `send#<key>` with a conditional write (state `sending` with a
 * lease). A redelivered message finds `sent` (or `dead`) and is dropped; an in-flight claim defers it. A send that
 * failed with a known EUM error releases its claim so a later receive may try again.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { SendWhatsAppMessageCommand, type SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { CachedConfigReader } from "../config-store.ts";
import { isReadReceipt, toCloudApiPayload } from "../messages/envelope.ts";
import { MessageValidationError } from "../messages/errors.ts";
import type { OutboundRequest } from "../ports.ts";
import type { DeadLetterSink } from "./dead-letter.ts";
import { type MediaCache, MediaRejectedError } from "./media.ts";
import { PairLimiter, SlidingWindowLimiter } from "./pacing.ts";
import {
  assertTemplateApproved,
  messageGroupId,
  type QueuedSend,
  queuedSendSchema,
  TemplateNotApprovedError,
} from "./queue.ts";
import { type BackoffOptions, DEFAULT_BACKOFF, decideEumError } from "./retry-policy.ts";
import { createDynamoOutboundStore, type OutboundStore } from "./store.ts";

/** A record that must wait: the batch reports it failed and its visibility is set to `delayMs`. */
export class DeferError extends Error {
  readonly delayMs: number;
  constructor(delayMs: number, why: string) {
    super(`deferred ${Math.round(delayMs)} ms: ${why}`);
    this.name = "DeferError";
    this.delayMs = Math.max(0, delayMs);
  }
}

/** Failed because an earlier record of the same group failed in this batch. */
class BehindError extends DeferError {
  constructor(delayMs: number) {
    super(delayMs, "behind an earlier message of the same user");
    this.name = "BehindError";
  }
}

/** Deferred by the pair-rate limiter (not a failure: the claim is released without counting one). */
class PairDeferError extends DeferError {
  constructor(delayMs: number) {
    super(delayMs, "pair rate");
    this.name = "PairDeferError";
  }
}

/** What the sender reports for each message it sent (metrics, benchmarks). */
export interface SentInfo {
  originationPhoneNumberId: string;
  to: string;
  idempotencyKey: string;
  wamid: string;
  /** When the EUM call started (ms). */
  at: number;
  purpose?: string;
}

/** Options of `createSender`. */
export interface SenderOptions {
  eum: SocialMessagingClient;
  ddb: DynamoDBDocumentClient;
  /** Bookkeeping; default the outbound table in DynamoDB (`ddb`, `table`). */
  store?: OutboundStore;
  sqs: SQSClient;
  /** The send queue (for visibility changes of deferred records). */
  queueUrl: string;
  /** Outbound table (see tables.ts). */
  table: string;
  deadLetter: DeadLetterSink;
  /** Required for S3 media references. */
  media?: MediaCache;
  /** Runtime config store reader; when set, template sends are refused unless APPROVED. */
  templates?: CachedConfigReader;
  /** Default v20.0. */
  metaApiVersion?: string;
  /** Messages per second per origination phone for THIS process; default 80. */
  phoneRate?: number;
  /** Most sends released back to back per phone; default 1/5 of the rate (200 ms worth). */
  phoneBurst?: number;
  /** Window of the phone limiter; default 1000 ms. A little more absorbs network jitter at the receiver. */
  phoneWindowMs?: number;
  /** Pair rate interval; default 6000 ms (Meta: 1 message per 6 s to one user). */
  pairIntervalMs?: number;
  /** Pair burst; default 6 (Meta tolerates up to 45). */
  pairBurst?: number;
  /** Longest wait done inside the handler; longer waits defer the record through its visibility. Default 8000 ms. */
  maxInlineWaitMs?: number;
  /** Claim lease; a crashed sender's claim is taken over after this. Default 60 s. */
  leaseMs?: number;
  backoff?: BackoffOptions;
  logger?: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onSent?: (info: SentInfo) => void;
}

/** The sender: a Lambda-shaped batch handler plus its parts for tests. */
export interface Sender {
  handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse>;
  readonly phoneLimiters: Map<string, SlidingWindowLimiter>;
  readonly pairLimiter: PairLimiter;
}

const PERMANENT_EUM = new Set([
  "ValidationException",
  "InvalidParametersException",
  "AccessDeniedException",
  "AccessDeniedByMetaException",
  "ResourceNotFoundException",
]);

class PermanentError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = "PermanentError";
    this.reason = reason;
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Creates the sender. */
export function createSender(o: SenderOptions): Sender {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const metaApiVersion = o.metaApiVersion ?? "v20.0";
  const phoneRate = o.phoneRate ?? 80;
  const phoneWindowMs = o.phoneWindowMs ?? 1000;
  const maxInlineWaitMs = o.maxInlineWaitMs ?? 8000;
  const leaseMs = o.leaseMs ?? 60_000;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const pairLimiter = new PairLimiter(o.pairIntervalMs ?? 6000, o.pairBurst ?? 6);
  const phoneLimiters = new Map<string, SlidingWindowLimiter>();
  const limiterFor = (phone: string): SlidingWindowLimiter => {
    let l = phoneLimiters.get(phone);
    if (l === undefined) {
      l = new SlidingWindowLimiter(
        phoneRate,
        phoneWindowMs,
        o.now ?? (() => performance.timeOrigin + performance.now()),
        o.phoneBurst ?? Math.ceil(phoneRate / 5),
      );
      phoneLimiters.set(phone, l);
    }
    return l;
  };
  const store = o.store ?? createDynamoOutboundStore(o.ddb, o.table);

  const claim = async (key: string): Promise<{ failures: number } | "done"> => {
    const c = await store.claim(key, now(), leaseMs);
    if (c.claimed) return { failures: c.failures };
    if (c.done) return "done";
    throw new DeferError(c.busyForMs + 100, "another sender holds the claim");
  };
  const release = (key: string, failures: number, keep: boolean): Promise<number> => store.release(key, failures, keep);
  const markDead = (key: string, reason: string): Promise<void> => store.markDead(key, reason);

  async function send(q: QueuedSend, group: string, failures: number): Promise<string> {
    const r: OutboundRequest = q.request;
    let payload: Record<string, unknown>;
    try {
      payload = toCloudApiPayload(r.to, r.message);
      if (o.templates !== undefined) await assertTemplateApproved(o.templates, r.message);
      if (JSON.stringify(payload).includes('"s3"')) {
        if (o.media === undefined)
          throw new PermanentError(
            "media-not-configured",
            "message references S3 media but the sender has no media cache",
          );
        payload = await o.media.resolve(r.originationPhoneNumberId, payload);
      }
    } catch (err) {
      if (err instanceof MessageValidationError) throw new PermanentError("invalid-message", err.message);
      if (err instanceof TemplateNotApprovedError) throw new PermanentError("template-not-approved", err.message);
      if (err instanceof MediaRejectedError) throw new PermanentError("media-rejected", err.message);
      throw err;
    }
    const t = now();
    let at = t;
    if (!isReadReceipt(r.message)) {
      const pairAt = pairLimiter.peek(group, t);
      if (pairAt - t > maxInlineWaitMs) throw new PairDeferError(pairAt - t);
      at = pairLimiter.reserve(group, t);
    }
    const body = new TextEncoder().encode(JSON.stringify(payload));
    const inlineDeadline = t + maxInlineWaitMs;
    // Short backoffs are waited out here (the claim stays held); longer ones defer the record through SQS.
    for (let local = 0; ; local++) {
      const pairWait = at - now();
      if (pairWait > 0) await sleep(pairWait);
      const started = await limiterFor(r.originationPhoneNumberId).acquire();
      try {
        const res = await o.eum.send(
          new SendWhatsAppMessageCommand({
            originationPhoneNumberId: r.originationPhoneNumberId,
            message: body,
            metaApiVersion,
          }),
        );
        const wamid = res.messageId ?? "";
        if (local > 0) await release(r.idempotencyKey, local, true);
        o.onSent?.({
          originationPhoneNumberId: r.originationPhoneNumberId,
          to: r.to,
          idempotencyKey: r.idempotencyKey,
          wamid,
          at: started,
          ...(r.purpose === undefined ? {} : { purpose: r.purpose }),
        });
        return wamid;
      } catch (err) {
        const name = (err as Error).name;
        if (PERMANENT_EUM.has(name)) throw new PermanentError(`eum-${name}`, (err as Error).message);
        const decision = decideEumError(name, failures + local, backoff);
        if (decision.kind === "fatal") throw new PermanentError(decision.reason, (err as Error).message);
        if (!decision.retry) throw new PermanentError(decision.reason, (err as Error).message);
        const delay = decision.delayMs ?? 0;
        if (now() + delay <= inlineDeadline) {
          o.logger?.debug("send failed, retrying inline", {
            idempotencyKey: r.idempotencyKey,
            error: name,
            delayMs: delay,
          });
          await sleep(delay);
          at = now();
          continue;
        }
        const total = await release(r.idempotencyKey, local + 1, false);
        o.logger?.warn("send failed, deferred", {
          idempotencyKey: r.idempotencyKey,
          error: name,
          delayMs: delay,
          failures: total,
        });
        throw new DeferError(delay, `${name} (failure ${total})`);
      }
    }
  }

  async function processRecord(record: SQSRecord): Promise<void> {
    let q: QueuedSend;
    try {
      q = queuedSendSchema.parse(JSON.parse(record.body)) as QueuedSend;
    } catch (err) {
      await o.deadLetter({
        reason: "poison-body",
        detail: (err as Error).message.slice(0, 2000),
        payload: record.body,
      });
      o.logger?.error("poison message dead-lettered", { messageId: record.messageId });
      return;
    }
    const r = q.request;
    const t = now();
    if (q.notBefore !== undefined && q.notBefore > t) {
      if (q.notBefore - t > maxInlineWaitMs) throw new DeferError(q.notBefore - t, "not before");
      await sleep(q.notBefore - t);
    }
    const claimed = await claim(r.idempotencyKey);
    if (claimed === "done") {
      o.logger?.info("duplicate delivery dropped", { idempotencyKey: r.idempotencyKey });
      return;
    }
    let group: string;
    try {
      group = record.attributes.MessageGroupId ?? messageGroupId(r.originationPhoneNumberId, r.to);
    } catch {
      group = `${r.originationPhoneNumberId}#${r.to}`;
    }
    let wamid: string;
    try {
      wamid = await send(q, group, claimed.failures);
    } catch (err) {
      if (err instanceof PermanentError) {
        await markDead(r.idempotencyKey, err.reason);
        await o.deadLetter({ reason: err.reason, detail: err.message, idempotencyKey: r.idempotencyKey, payload: q });
        o.logger?.warn("send dead-lettered", { idempotencyKey: r.idempotencyKey, reason: err.reason });
        return;
      }
      if (err instanceof PairDeferError) await release(r.idempotencyKey, 0, false);
      throw err;
    }
    await store.recordSent(r.idempotencyKey, wamid, r, q.statusRetry ?? 0, now());
    o.logger?.debug("sent", { idempotencyKey: r.idempotencyKey, wamid, purpose: r.purpose });
  }

  async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
    const processor = new BatchProcessor(EventType.SQS);
    const chains = new Map<string, Promise<DeferError | undefined>>();
    const delays = new Map<string, number>();
    const recordHandler = async (record: SQSRecord): Promise<void> => {
      // Records of one group run in arrival order; once one fails, the rest of its group fails too (FIFO order).
      const group = record.attributes.MessageGroupId ?? record.messageId;
      const prev = chains.get(group);
      let settle: (v: DeferError | undefined) => void = () => {};
      chains.set(group, new Promise((res) => (settle = res)));
      try {
        const blocked = prev === undefined ? undefined : await prev;
        if (blocked !== undefined) throw new BehindError(blocked.delayMs);
        await processRecord(record);
        settle(undefined);
      } catch (err) {
        const d = err instanceof DeferError ? err : new DeferError(0, (err as Error).message);
        if (!(err instanceof DeferError))
          o.logger?.error("send failed", { messageId: record.messageId, error: (err as Error).message });
        // Records behind a failed one become visible at once: SQS FIFO still holds them while the group's first
        // failed record is in flight, and releasing them keeps the group's order when it comes back.
        delays.set(record.receiptHandle, err instanceof BehindError ? 0 : d.delayMs);
        settle(d);
        throw err;
      }
    };
    const res = await processPartialResponse(event, recordHandler, processor, {
      ...(context === undefined ? {} : { context }),
      throwOnFullBatchFailure: false,
    });
    if (delays.size > 0) {
      const entries = [...delays].map(([receiptHandle, ms], n) => ({
        Id: String(n),
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.min(43_200, Math.ceil(ms / 1000)),
      }));
      for (let i = 0; i < entries.length; i += 10)
        await o.sqs
          .send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: o.queueUrl, Entries: entries.slice(i, i + 10) }))
          .catch((err: Error) => o.logger?.warn("could not change visibility", { error: err.message }));
    }
    return res;
  }

  return { handler, phoneLimiters, pairLimiter };
}
