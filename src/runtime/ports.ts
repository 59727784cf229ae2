/**
 * Contracts between the inbound and outbound halves of the runtime, so each side is built and tested alone.
 */

/** A Cloud API message object as EUM's SendWhatsAppMessage passes it through (`messaging_product`, `to`, `type`, …). */
export type CloudApiMessage = Record<string, unknown> & { type?: string };

/** A request to send one message; the outbound pipeline paces, retries and records it. */
export interface OutboundRequest {
  /** EUM origination phone number id (`phone-number-id-…`) or its ARN. */
  originationPhoneNumberId: string;
  /** Recipient: a phone number (wa_id) or a business-scoped user id. */
  to: string;
  /** The Cloud API message without `messaging_product` and `to` (the pipeline adds them). */
  message: CloudApiMessage;
  /** Deduplicates retries of the same logical send (e.g. `reply:<inbound wamid>:<n>`). */
  idempotencyKey: string;
  /** Free-form tag for logs and metrics (`welcome`, `menu`, `order_status`, …). */
  purpose?: string;
}

/** What inbound handlers use to send. The outbound module implements it over the SQS FIFO send queue. */
export interface OutboundPort {
  enqueue(request: OutboundRequest): Promise<void>;
}

/** What the inbound status handler calls when a `failed` status arrives for a message we sent. */
export interface RetryPort {
  onFailedStatus(failure: {
    wamid: string;
    recipientId: string;
    errors: ReadonlyArray<{ code: number; title?: string; message?: string; details?: string }>;
    timestamp: string;
  }): Promise<"retried" | "dead-lettered" | "unknown-message">;
}
