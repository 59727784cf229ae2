/** The outbound half of the runtime: queue, sender, pacing, retry policy, media cache and table definitions. */
export { createDeadLetterSink, type DeadLetter, type DeadLetterSink } from "./dead-letter.ts";
export { drainQueue, pollOnce, toSqsEvent } from "./local-poller.ts";
export { checkMediaLimits, MEDIA_LIMITS, MediaCache, MediaRejectedError } from "./media.ts";
export { countPairViolations, maxInWindow, PairLimiter, SlidingWindowLimiter } from "./pacing.ts";
export {
  assertTemplateApproved,
  checkOutboundRequest,
  createSqsOutbound,
  deduplicationId,
  messageGroupId,
  type QueuedSend,
  queuedSendSchema,
  type SqsOutboundOptions,
  TemplateNotApprovedError,
} from "./queue.ts";
export { createRetryPort, type RetryPortOptions } from "./retry.ts";
export {
  type BackoffOptions,
  DEFAULT_BACKOFF,
  decideEumError,
  decideMetaCode,
  fullJitter,
  RETRYABLE_EUM_ERRORS,
  RETRYABLE_META_CODES,
  type RetryDecision,
} from "./retry-policy.ts";
export { createSender, DeferError, type Sender, type SenderOptions, type SentInfo } from "./sender.ts";
export {
  type ClaimResult,
  createDynamoOutboundStore,
  createMemoryOutboundStore,
  type OutboundStore,
  type SentRecord,
} from "./store.ts";
export { OUTBOUND_TABLE_KEY, OUTBOUND_TABLE_TTL, outboundTableDefinition } from "./tables.ts";
