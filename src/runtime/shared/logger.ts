/**
 * Powertools logger for the runtime handlers, with phone numbers, user ids and message bodies redacted by default.
 * Redaction runs in the logger's JSON replacer, so it covers every attribute and nested object, not just known calls.
 */
import { Logger } from "@aws-lambda-powertools/logger";

/** Keys whose values are personal data or message content; their values are replaced wholesale. */
const SECRET_KEYS = new Set([
  "to",
  "from",
  "wa_id",
  "recipient",
  "recipient_id",
  "user_id",
  "phone",
  "phoneNumber",
  "body",
  "text",
  "caption",
  "emoji",
  "formatted_name",
  "first_name",
  "last_name",
  "address",
  "email",
  "latitude",
  "longitude",
]);

/** Digit runs long enough to be a phone number (with optional `+`), and business-scoped user ids. */
const PHONE_RE = /\+?\d{7,20}/g;
const BSUID_RE = /\b[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{6,128}\b/g;

/** Masks a phone number or user id, keeping the last 3 characters for correlation (`***567`). */
export function maskId(value: string): string {
  return value.length <= 3 ? "***" : `***${value.slice(-3)}`;
}

/** Replaces phone numbers and business-scoped user ids inside free text. */
export function redactText(s: string): string {
  return s.replace(BSUID_RE, (m) => maskId(m)).replace(PHONE_RE, (m) => maskId(m));
}

/** Returns a copy of `value` with personal data and message content redacted, as the logger writes it. */
export function redact(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, redactingReplacer)) as unknown;
}

/** A `JSON.stringify` replacer that redacts secret keys and phone-like strings. */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (SECRET_KEYS.has(key)) {
    if (typeof value === "string")
      return key === "to" || key === "from" || /id$/i.test(key)
        ? maskId(value)
        : `[redacted ${[...value].length} chars]`;
    if (typeof value === "number") return "[redacted]";
    if (typeof value === "object") return "[redacted]";
  }
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Options of `createLogger`. */
export interface RuntimeLoggerOptions {
  serviceName: string;
  /** Default from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, else INFO. */
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT" | "CRITICAL" | "TRACE";
  /** Turn redaction off (local debugging only; never in a deployed stack). */
  redact?: boolean;
}

/** Creates a Powertools `Logger` that redacts phone numbers, user ids and message bodies. */
export function createLogger(opts: RuntimeLoggerOptions): Logger {
  return new Logger({
    serviceName: opts.serviceName,
    ...(opts.logLevel === undefined ? {} : { logLevel: opts.logLevel }),
    ...(opts.redact === false ? {} : { jsonReplacerFn: redactingReplacer }),
  });
}
