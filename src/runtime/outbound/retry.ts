/**
 * `RetryPort` for the inbound status handler: when a `failed` status arrives for a message we sent, look the wamid up
 * in the outbound table and either re-enqueue the original request after a delay (retryable Meta codes), replace it
 * with a fallback template (131047, window closed, when configured), or dead-letter it with the reason.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { CloudApiMessage, OutboundRequest, RetryPort } from "../ports.ts";
import type { DeadLetterSink } from "./dead-letter.ts";
import type { QueuedSend } from "./queue.ts";
import { type BackoffOptions, DEFAULT_BACKOFF, decideMetaCode } from "./retry-policy.ts";
import { createDynamoOutboundStore, type OutboundStore } from "./store.ts";

/** Options of `createRetryPort`. */
export interface RetryPortOptions {
  ddb: DynamoDBDocumentClient;
  table: string;
  /** Default: the outbound table in DynamoDB. */
  store?: OutboundStore;
  /** Re-enqueues onto the send queue (`createSqsOutbound(...).enqueueAt`). */
  enqueueAt(request: OutboundRequest, extra: Partial<QueuedSend>): Promise<void>;
  deadLetter: DeadLetterSink;
  /** Template to send instead of a free-form message refused with 131047 (user's 24-hour window closed). */
  fallbackTemplate?: (request: OutboundRequest) => CloudApiMessage | undefined;
  backoff?: BackoffOptions;
  now?: () => number;
}

/** Creates the retry port over the outbound table and the send queue. */
export function createRetryPort(o: RetryPortOptions): RetryPort {
  const now = o.now ?? Date.now;
  const store = o.store ?? createDynamoOutboundStore(o.ddb, o.table);
  const backoff = o.backoff ?? { ...DEFAULT_BACKOFF, maxAttempts: 5 };
  return {
    async onFailedStatus(failure) {
      const found = await store.findByWamid(failure.wamid);
      if (found === undefined) return "unknown-message";
      const { request, statusRetry } = found;
      const first = failure.errors[0];
      const code = first?.code ?? 0;
      const decision = decideMetaCode(code, statusRetry, backoff);
      const detail = [first?.title, first?.message, first?.details].filter(Boolean).join(": ") || `error ${code}`;
      if (decision.retry) {
        await o.enqueueAt(
          { ...request, idempotencyKey: `${request.idempotencyKey}~retry${statusRetry + 1}` },
          { notBefore: now() + (decision.delayMs ?? 0), statusRetry: statusRetry + 1 },
        );
        return "retried";
      }
      if (
        decision.kind === "window-closed" &&
        request.message.type !== "template" &&
        o.fallbackTemplate !== undefined
      ) {
        const fallback = o.fallbackTemplate(request);
        if (fallback !== undefined) {
          await o.enqueueAt(
            {
              ...request,
              message: fallback,
              idempotencyKey: `${request.idempotencyKey}~fallback`,
              purpose: `${request.purpose ?? "send"}:fallback`,
            },
            { statusRetry: statusRetry + 1 },
          );
          return "retried";
        }
      }
      await o.deadLetter({
        reason: decision.reason,
        detail,
        idempotencyKey: request.idempotencyKey,
        wamid: failure.wamid,
        payload: { request, errors: failure.errors, timestamp: failure.timestamp },
      });
      return "dead-lettered";
    },
  };
}
