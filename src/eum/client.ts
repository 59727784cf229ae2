/**
 * EUM (`socialmessaging`) client construction, bounded retries and pagination. The SDK's own retries are off
 * (`maxAttempts: 1` by default) so that `callEum` alone decides, within a time budget, what is retried.
 */
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { AwsCallError, RETRYABLE_NAMES } from "./errors.ts";

/** Where and how to reach EUM. */
export interface EumSettings {
  region: string;
  /** Custom endpoint (the emulator); otherwise `AWS_ENDPOINT_URL_SOCIALMESSAGING`, then the AWS default. */
  endpoint?: string | undefined;
  /** SDK-level attempts; keep 1 so `callEum` owns retries. */
  maxAttempts?: number | undefined;
}

/** Builds a client; honours `AWS_ENDPOINT_URL_SOCIALMESSAGING` when no endpoint is given. */
export function createEumClient(s: EumSettings): SocialMessagingClient {
  const endpoint = s.endpoint ?? process.env.AWS_ENDPOINT_URL_SOCIALMESSAGING;
  return new SocialMessagingClient({
    region: s.region,
    maxAttempts: s.maxAttempts ?? 1,
    ...(endpoint ? { endpoint } : {}),
  });
}

/** Retry policy of `callEum`. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** Stop retrying once this much time has passed since the first attempt. */
  budgetMs: number;
}

/** Default policy; `WABA_EUM_RETRY_BASE_MS` shortens the back-off (tests). */
export function defaultRetryPolicy(): RetryPolicy {
  const base = Number(process.env.WABA_EUM_RETRY_BASE_MS ?? "200");
  return { attempts: 6, baseDelayMs: Number.isFinite(base) && base >= 0 ? base : 200, budgetMs: 30_000 };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one EUM call, retrying throttling, dependency and internal failures with exponential back-off and jitter
 * within the policy's budget; any failure comes back as an `AwsCallError` naming `operation` and `resourceId`.
 */
export async function callEum<T>(
  operation: string,
  resourceId: string,
  fn: () => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy(),
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const name = (err as { name?: string }).name ?? "";
      const delay = policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      const retry =
        RETRYABLE_NAMES.has(name) && attempt < policy.attempts && Date.now() - started + delay < policy.budgetMs;
      if (!retry) throw new AwsCallError(operation, resourceId, err);
      await sleep(delay);
    }
  }
}

/** Collects every page of a `nextToken` listing (an empty-string token also ends it, as the SDK paginators do). */
export async function collectPages<P, I>(
  fetchPage: (nextToken: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly I[] | undefined,
  tokenOf: (page: P) => string | undefined,
): Promise<I[]> {
  const out: I[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...(itemsOf(page) ?? []));
    token = tokenOf(page) || undefined;
  } while (token !== undefined);
  return out;
}

/** Runs `fn` with at most `limit` calls in flight at once. */
export function limitConcurrency(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
