/**
 * Decodes one SQS record body into EUM's envelope and the Meta `entry` inside it. Both SNS → SQS delivery modes are
 * accepted: raw (the body is EUM's envelope) and non-raw (the body is an SNS notification whose `Message` is the
 * envelope, checked with Powertools' `SnsSqsNotificationSchema`). A body that cannot be decoded is poison: the result
 * names the layer and the reason, and the caller dead-letters it.
 */
import { SnsSqsNotificationSchema } from "@aws-lambda-powertools/parser/schemas/sns";
import { describeIssues, type EumEnvelope, eumEnvelopeSchema, type MetaEntry, metaEntrySchema } from "./schemas.ts";

/** A decoded record: the envelope, its entry, and how SNS delivered it. */
export interface DecodedRecord {
  ok: true;
  envelope: EumEnvelope;
  entry: MetaEntry;
  delivery: "raw" | "sns";
}

/** A record that cannot be decoded; `reason` is machine-readable, `detail` says where and what. */
export interface UndecodableRecord {
  ok: false;
  reason:
    | "body-not-json"
    | "sns-notification-invalid"
    | "sns-message-not-json"
    | "envelope-invalid"
    | "entry-not-json"
    | "entry-invalid";
  detail: string;
}

function tryJson(s: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(s) as unknown };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Decodes an SQS body (raw or SNS-wrapped) down to the Meta entry. Never throws. */
export function decodeRecordBody(body: string): DecodedRecord | UndecodableRecord {
  const outer = tryJson(body);
  if (!outer.ok) return { ok: false, reason: "body-not-json", detail: `SQS body is not JSON: ${outer.error}` };
  let inner: unknown = outer.value;
  let delivery: DecodedRecord["delivery"] = "raw";
  const o = outer.value as Record<string, unknown> | null;
  if (o !== null && typeof o === "object" && o["Type"] === "Notification" && !("whatsAppWebhookEntry" in o)) {
    const sns = SnsSqsNotificationSchema.safeParse(o);
    if (!sns.success)
      return {
        ok: false,
        reason: "sns-notification-invalid",
        detail: `SNS notification: ${describeIssues(sns.error)}`,
      };
    const msg = tryJson(sns.data.Message);
    if (!msg.ok) return { ok: false, reason: "sns-message-not-json", detail: `SNS Message is not JSON: ${msg.error}` };
    inner = msg.value;
    delivery = "sns";
  }
  const env = eumEnvelopeSchema.safeParse(inner);
  if (!env.success)
    return { ok: false, reason: "envelope-invalid", detail: `EUM envelope: ${describeIssues(env.error)}` };
  const raw = tryJson(env.data.whatsAppWebhookEntry);
  if (!raw.ok) return { ok: false, reason: "entry-not-json", detail: `whatsAppWebhookEntry is not JSON: ${raw.error}` };
  const entry = metaEntrySchema.safeParse(raw.value);
  if (!entry.success)
    return { ok: false, reason: "entry-invalid", detail: `whatsAppWebhookEntry: ${describeIssues(entry.error)}` };
  return { ok: true, envelope: env.data, entry: entry.data, delivery };
}
