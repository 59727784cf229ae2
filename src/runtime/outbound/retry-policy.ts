/**
 * Retry policy keyed by error (whatsapp-rules.md §7.1, eum-api.md §1.3): which failures are retried, after how long,
 * and which go to the dead-letter queue. EUM API errors arrive synchronously from SendWhatsAppMessage; Meta codes
 * arrive later in `failed` status events (see `createRetryPort`).
 */

/** What to do with a failed send. */
export interface RetryDecision {
  retry: boolean;
  /** Short machine-readable reason, also the DLQ reason (`meta-131026`, `eum-ThrottledRequestException`, …). */
  reason: string;
  /** Policy row used (documented in docs/runtime-outbound.md). */
  kind: "backoff" | "pair-rate" | "maintenance" | "flow-throttle" | "spam-limit" | "fatal" | "window-closed";
  /** Delay before the next attempt (ms); only when `retry`. */
  delayMs?: number;
}

/** Backoff parameters; full jitter: delay = random(0, min(cap, base · 2^attempt)). */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Attempts (SQS receives, or failed-status retries) after which a retryable error is dead-lettered. */
  maxAttempts: number;
  random?: () => number;
}

/** Default backoff: 200 ms base, 5 min cap, 8 attempts. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, capMs: 300_000, maxAttempts: 8 };

/** Full-jitter exponential backoff for attempt `attempt` (0-based). */
export function fullJitter(attempt: number, o: BackoffOptions): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor((o.random ?? Math.random)() * ceiling);
}

/** EUM API errors (SDK `error.name`) that mean "try again later". */
export const RETRYABLE_EUM_ERRORS: ReadonlySet<string> = new Set([
  "ThrottledRequestException",
  "DependencyException",
  "InternalServiceException",
  // Transport-level failures from the SDK: the request may not have reached EUM.
  "TimeoutError",
  "RequestTimeout",
  "ECONNRESET",
  "ECONNREFUSED",
]);

/** Meta codes retried with full-jitter backoff: throughput, transient service errors, app/WABA rate limits. */
export const RETRYABLE_META_CODES: ReadonlySet<number> = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 133004]);

/** Decides about an EUM API error of attempt `attempt` (0-based). */
export function decideEumError(name: string, attempt: number, o: BackoffOptions = DEFAULT_BACKOFF): RetryDecision {
  const reason = `eum-${name}`;
  if (!RETRYABLE_EUM_ERRORS.has(name)) return { retry: false, reason, kind: "fatal" };
  if (attempt + 1 >= o.maxAttempts) return { retry: false, reason: `${reason}-exhausted`, kind: "backoff" };
  return { retry: true, reason, kind: "backoff", delayMs: fullJitter(attempt, o) };
}

/** Decides about a Meta error code from a `failed` status, for retry number `attempt` (0-based). */
export function decideMetaCode(code: number, attempt: number, o: BackoffOptions = DEFAULT_BACKOFF): RetryDecision {
  const reason = `meta-${code}`;
  const exhausted = attempt + 1 >= o.maxAttempts;
  const retry = (kind: RetryDecision["kind"], delayMs: number): RetryDecision =>
    exhausted ? { retry: false, reason: `${reason}-exhausted`, kind } : { retry: true, reason, kind, delayMs };
  const jitter = (o.random ?? Math.random)();
  if (RETRYABLE_META_CODES.has(code)) return retry("backoff", fullJitter(attempt, o));
  // Pair rate: Meta says retry after 4^X seconds; a little jitter keeps many users from retrying together.
  if (code === 131056) return retry("pair-rate", Math.min(o.capMs, 4 ** attempt * 1000) + Math.floor(jitter * 1000));
  // Account maintenance (throughput upgrade) lasts about a minute.
  if (code === 131057) return retry("maintenance", 60_000 + Math.floor(jitter * 15_000));
  // Flow throttled: 10 sends per hour.
  if (code === 132069) return retry("flow-throttle", 3_600_000);
  // Spam rate limit: the reference says "don't retry for now"; we retry slowly, at most 3 times, to ride out a dip.
  if (code === 131048)
    return attempt >= 2 ? { retry: false, reason, kind: "spam-limit" } : retry("spam-limit", 600_000 * (attempt + 1));
  if (code === 131047) return { retry: false, reason, kind: "window-closed" };
  return { retry: false, reason, kind: "fatal" };
}
