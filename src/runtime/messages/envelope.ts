/**
 * The Cloud API envelope around a built message: `messaging_product`, `recipient_type` and the recipient.
 *
 * Recipients: a phone number (wa_id, digits with optional `+`) goes in `to`; a business-scoped user id (BSUID,
 * `CC.<alphanumerics>` or a parent `CC.ENT.<alphanumerics>`, Meta 2026) goes in `recipient`, as Meta's BSUID guide
 * describes for users who hide their number behind a username. Read receipts and typing indicators carry no recipient.
 */
import type { CloudApiMessage } from "../ports.ts";
import { MessageValidationError } from "./errors.ts";

const PHONE_RE = /^\+?[0-9]{5,20}$/;
const BSUID_RE = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/** Whether `id` is a business-scoped user id rather than a phone number. */
export function isBusinessScopedUserId(id: string): boolean {
  return BSUID_RE.test(id);
}

/** Normalises a recipient for grouping and storage: phone numbers lose `+`, BSUIDs stay as given. */
export function normalizeRecipient(to: string): string {
  if (PHONE_RE.test(to)) return to.replace(/^\+/, "");
  if (BSUID_RE.test(to)) return to;
  throw new MessageValidationError("recipient", [
    {
      path: "to",
      message: `"${to.slice(0, 40)}" is neither a phone number (5–20 digits) nor a business-scoped user id (CC.xxxx)`,
    },
  ]);
}

/** Whether a message is a read receipt or typing indicator (no recipient, no wamid of its own). */
export function isReadReceipt(message: CloudApiMessage): boolean {
  return message["status"] === "read";
}

/** Wraps a built message for SendWhatsAppMessage. */
export function toCloudApiPayload(to: string, message: CloudApiMessage): Record<string, unknown> {
  if (isReadReceipt(message)) return { messaging_product: "whatsapp", ...message };
  const recipient = normalizeRecipient(to);
  const addr = isBusinessScopedUserId(recipient) ? { recipient } : { to: recipient };
  return { messaging_product: "whatsapp", recipient_type: "individual", ...addr, ...message };
}
