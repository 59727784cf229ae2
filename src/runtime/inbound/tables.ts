/**
 * The inbound DynamoDB tables. Each has a string partition key `pk` and a TTL attribute `ttl` (epoch seconds);
 * tests, the local loop and the deployment create them from these definitions so all agree.
 *
 *   inbound        idem#<event key>      idempotency claims (state INPROGRESS|COMPLETED, leaseUntil)
 *                  status#<wamid>        statuses of messages the outbound table does not know
 *                  media#<media id>      downloaded inbound media (S3 key, MIME type, size)
 *                  unknown#<event key>   events of unknown types/fields, kept for inspection
 *   conversations  conv#<phone>#<wa_id>  per-user state: service window, welcome, menu, handoff, CTWA source
 *   orders         order#<reference_id> India payments orders: items, amounts, status, payment
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** Attribute names of every inbound table's key and TTL. */
export const INBOUND_TABLE_KEY = "pk";
export const INBOUND_TABLE_TTL = "ttl";

/** The logical inbound tables. */
export type InboundTableName = "inbound" | "conversations" | "orders";

/** CreateTable input of one inbound table (on-demand billing). */
export function inboundTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: INBOUND_TABLE_KEY, AttributeType: "S" }],
    KeySchema: [{ AttributeName: INBOUND_TABLE_KEY, KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  };
}

/** Keys. */
export const idemKey = (eventKey: string): string => `idem#${eventKey}`;
export const orphanStatusKey = (wamid: string): string => `status#${wamid}`;
export const mediaRecordKey = (mediaId: string): string => `media#${mediaId}`;
export const unknownKey = (eventKey: string): string => `unknown#${eventKey}`;
export const conversationKey = (phone: string, waId: string): string => `conv#${phone}#${waId}`;
export const orderKey = (referenceId: string): string => `order#${referenceId}`;

/** How long idempotency records live: longer than Meta's longest documented webhook retry (7 days). */
export const IDEMPOTENCY_TTL_SECONDS = 8 * 24 * 3600;
/** Conversation and order records live 90 days after their last change. */
export const STATE_TTL_SECONDS = 90 * 24 * 3600;
