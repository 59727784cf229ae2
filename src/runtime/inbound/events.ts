/**
 * Turns one decoded entry into typed events, each with its idempotency key: a message per wamid, a status per
 * `wamid:status`, a payment update per reference/status/transaction, and account-level changes (template status,
 * quality, category) by content hash. A part that fails its schema becomes an `invalid` event (dead-lettered with the
 * reason) without affecting its siblings; an unknown message type or field is kept as `unknown`.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../config-store.ts";
import type { DecodedRecord } from "./envelope.ts";
import {
  describeIssues,
  type InboundMessage,
  type KnownMessageType,
  type MetaError,
  type MetaStatus,
  messageBaseSchema,
  messagePartSchemas,
  messagesValueSchema,
  type PaymentStatus,
  paymentStatusSchema,
  statusSchema,
  type TemplateEvent,
  templateEventSchema,
} from "./schemas.ts";

/** The business number an event concerns: Meta's id and, from EUM's context, the AWS phone number ARN. */
export interface PhoneRef {
  metaPhoneNumberId: string;
  /** `arn:aws:social-messaging:…:phone-number-id/…`; absent when the envelope's context does not list the number. */
  arn?: string;
}

/** A user's message. */
export interface MessageEvent {
  kind: "message";
  key: string;
  phone: PhoneRef;
  message: InboundMessage;
  /** Whether `message.type` is one this runtime knows (§6.2). */
  known: boolean;
  contactName?: string;
}

/** A delivery status of a message we sent. */
export interface StatusEvent {
  kind: "status";
  key: string;
  phone: PhoneRef;
  status: MetaStatus;
}

/** A payment status update (India payments). */
export interface PaymentEvent {
  kind: "payment";
  key: string;
  phone: PhoneRef;
  payment: PaymentStatus;
}

/** A template status, quality, category or components change. */
export interface TemplateChangeEvent {
  kind: "template";
  key: string;
  field: string;
  value: TemplateEvent;
}

/** `errors[]` on a `messages` change with no message or status (system-level errors). */
export interface ErrorsEvent {
  kind: "errors";
  key: string;
  phone: PhoneRef;
  errors: MetaError[];
}

/** A change this runtime has no handler for; recorded, never fatal. */
export interface UnknownEvent {
  kind: "unknown";
  key: string;
  field: string;
  value: unknown;
}

/** A part that failed its schema; dead-lettered with `reason` and `detail`. */
export interface InvalidEvent {
  kind: "invalid";
  key: string;
  reason: string;
  detail: string;
  payload: unknown;
}

/** Every event kind the router handles. */
export type InboundEvent =
  | MessageEvent
  | StatusEvent
  | PaymentEvent
  | TemplateChangeEvent
  | ErrorsEvent
  | UnknownEvent
  | InvalidEvent;

const TEMPLATE_FIELDS = new Set([
  "message_template_status_update",
  "message_template_quality_update",
  "template_category_update",
  "message_template_components_update",
]);

function hashOf(v: unknown): string {
  return createHash("sha256").update(canonicalJson(v)).digest("hex").slice(0, 32);
}

function phoneOf(d: DecodedRecord, metaPhoneNumberId: string): PhoneRef {
  const hit = d.envelope.context.MetaPhoneNumberIds.find((p) => p.metaPhoneNumberId === metaPhoneNumberId);
  return hit === undefined ? { metaPhoneNumberId } : { metaPhoneNumberId, arn: hit.arn };
}

function isKnownType(t: string): t is KnownMessageType {
  return Object.hasOwn(messagePartSchemas, t);
}

function messageEvent(phone: PhoneRef, raw: unknown, names: Map<string, string>, at: string): InboundEvent {
  const base = messageBaseSchema.safeParse(raw);
  if (!base.success)
    return {
      kind: "invalid",
      key: `invalid:${hashOf(raw)}`,
      reason: "message-invalid",
      detail: `${at}: ${describeIssues(base.error)}`,
      payload: raw,
    };
  let m = base.data as InboundMessage;
  const known = isKnownType(m.type);
  if (known) {
    const part = messagePartSchemas[m.type as KnownMessageType].safeParse(raw);
    if (!part.success)
      return {
        kind: "invalid",
        key: `invalid:${m.id}`,
        reason: `message-invalid:${m.type}`,
        detail: `${at} (${m.type} ${m.id}): ${describeIssues(part.error)}`,
        payload: raw,
      };
    m = { ...part.data, ...base.data } as InboundMessage;
  }
  const ev: MessageEvent = { kind: "message", key: `msg:${m.id}`, phone, message: m, known };
  const name = names.get(m.from);
  if (name !== undefined) ev.contactName = name;
  return ev;
}

function statusEvent(phone: PhoneRef, raw: unknown, at: string): InboundEvent {
  if ((raw as { type?: unknown } | null)?.type === "payment") {
    const p = paymentStatusSchema.safeParse(raw);
    if (!p.success)
      return {
        kind: "invalid",
        key: `invalid:${hashOf(raw)}`,
        reason: "payment-status-invalid",
        detail: `${at}: ${describeIssues(p.error)}`,
        payload: raw,
      };
    const t = p.data.payment.transaction;
    return {
      kind: "payment",
      key: `payment:${p.data.payment.reference_id}:${p.data.status}:${t?.id ?? "-"}:${t?.status ?? "-"}`,
      phone,
      payment: p.data,
    };
  }
  const s = statusSchema.safeParse(raw);
  if (!s.success)
    return {
      kind: "invalid",
      key: `invalid:${hashOf(raw)}`,
      reason: "status-invalid",
      detail: `${at}: ${describeIssues(s.error)}`,
      payload: raw,
    };
  return { kind: "status", key: `status:${s.data.id}:${s.data.status}`, phone, status: s.data };
}

/** Splits a decoded record into events. Never throws; bad parts become `invalid` events. */
export function toEvents(d: DecodedRecord): InboundEvent[] {
  const out: InboundEvent[] = [];
  d.entry.changes.forEach((change, c) => {
    const at = `changes[${c}]`;
    if (change.field === "messages") {
      const v = messagesValueSchema.safeParse(change.value);
      if (!v.success) {
        out.push({
          kind: "invalid",
          key: `invalid:${hashOf(change)}`,
          reason: "messages-value-invalid",
          detail: `${at}.value: ${describeIssues(v.error)}`,
          payload: change,
        });
        return;
      }
      const phone = phoneOf(d, v.data.metadata.phone_number_id);
      const names = new Map<string, string>();
      for (const ct of v.data.contacts ?? [])
        if (ct.wa_id !== undefined && ct.profile?.name !== undefined) names.set(ct.wa_id, ct.profile.name);
      (v.data.messages ?? []).forEach((m, i) => {
        out.push(messageEvent(phone, m, names, `${at}.value.messages[${i}]`));
      });
      (v.data.statuses ?? []).forEach((s, i) => {
        out.push(statusEvent(phone, s, `${at}.value.statuses[${i}]`));
      });
      if (v.data.errors !== undefined && v.data.messages === undefined && v.data.statuses === undefined)
        out.push({ kind: "errors", key: `errors:${hashOf(v.data)}`, phone, errors: v.data.errors });
      return;
    }
    if (TEMPLATE_FIELDS.has(change.field)) {
      const t = templateEventSchema.safeParse(change.value);
      if (!t.success) {
        out.push({
          kind: "invalid",
          key: `invalid:${hashOf(change)}`,
          reason: "template-event-invalid",
          detail: `${at} (${change.field}): ${describeIssues(t.error)}`,
          payload: change,
        });
        return;
      }
      out.push({
        kind: "template",
        key: `tmpl:${hashOf([d.entry.id, d.entry.time, d.envelope.message_timestamp, change])}`,
        field: change.field,
        value: t.data,
      });
      return;
    }
    out.push({
      kind: "unknown",
      key: `field:${change.field}:${hashOf([d.entry.id, d.entry.time, d.envelope.message_timestamp, change])}`,
      field: change.field,
      value: change.value,
    });
  });
  return out;
}
