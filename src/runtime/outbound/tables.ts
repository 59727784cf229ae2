/**
 * The outbound DynamoDB table: one table, string partition key `pk`, TTL attribute `ttl` (epoch seconds).
 * Tests and the deployment create it from `outboundTableDefinition` so both agree.
 *
 * Items:
 *   send#<idempotency key>            state sending|sent|dead, leaseUntil, wamid, attempts — the exactly-once claim
 *   wamid#<wamid>                     idempotencyKey, request (JSON), statusRetries — for failed-status retries
 *   media#<phone>#<bucket>/<key>#<etag>  mediaId, expiresAt — uploaded media ids, re-uploaded on expiry
 */
import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** Attribute names of the outbound table's key and TTL. */
export const OUTBOUND_TABLE_KEY = "pk";
export const OUTBOUND_TABLE_TTL = "ttl";

/** CreateTable input for the outbound table (on-demand billing). */
export function outboundTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: OUTBOUND_TABLE_KEY, AttributeType: "S" }],
    KeySchema: [{ AttributeName: OUTBOUND_TABLE_KEY, KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
  };
}

/** Key of the exactly-once claim of one idempotency key. */
export const sendKey = (idempotencyKey: string): string => `send#${idempotencyKey}`;
/** Key of the wamid → request record. */
export const wamidKey = (wamid: string): string => `wamid#${wamid}`;
/** Key of a cached media id for one S3 object version on one origination phone. */
export const mediaKey = (phoneId: string, bucket: string, key: string, etag: string): string =>
  `media#${phoneId}#${bucket}/${key}#${etag}`;

/** How long send claims and wamid records are kept (for redelivery dedup and late failed statuses). */
export const RECORD_TTL_SECONDS = 14 * 24 * 3600;
