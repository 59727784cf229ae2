/** EUM call failures, wrapped with what was being done so an error names the operation and the resource. */

/** Names of the EUM exceptions that are worth retrying (the SDK marks them `$retryable` or server faults). */
export const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  "ThrottledRequestException",
  "DependencyException",
  "InternalServiceException",
]);

interface SdkLikeError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** An AWS API call that failed: operation, resource id, SDK error `name`, HTTP status and request id; `cause` is the SDK error. */
export class AwsCallError extends Error {
  readonly operation: string;
  readonly resourceId: string;
  readonly errorName: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(operation: string, resourceId: string, cause: unknown) {
    const e = (cause ?? {}) as SdkLikeError;
    const errorName = typeof e.name === "string" ? e.name : "Error";
    const status = e.$metadata?.httpStatusCode;
    const requestId = e.$metadata?.requestId;
    super(
      `${operation} ${resourceId} failed: ${errorName}: ${e.message ?? String(cause)}` +
        `${status === undefined ? "" : ` (HTTP ${status}`}${requestId === undefined ? (status === undefined ? "" : ")") : `${status === undefined ? " (" : ", "}requestId ${requestId})`}`,
      { cause },
    );
    this.name = "AwsCallError";
    this.operation = operation;
    this.resourceId = resourceId;
    this.errorName = errorName;
    this.status = status;
    this.requestId = requestId;
  }
}

/** The SDK error `name` of an error, looking through an `AwsCallError`. */
export function errorName(err: unknown): string | undefined {
  if (err instanceof AwsCallError) return err.errorName;
  const n = (err as SdkLikeError | undefined)?.name;
  return typeof n === "string" ? n : undefined;
}

/** True when the error means the object does not exist. */
export function isNotFound(err: unknown): boolean {
  return errorName(err) === "ResourceNotFoundException";
}

/** A change the provider refuses before calling AWS, because Meta would refuse it or it would be unsafe. */
export class RefusedChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedChangeError";
  }
}
