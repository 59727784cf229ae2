/**
 * The sender's exactly-once bookkeeping in the outbound table (see tables.ts), behind a small interface so the
 * benchmark can take DynamoDB out of a throughput measurement (`createMemoryOutboundStore`).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { OutboundRequest } from "../ports.ts";
import { OUTBOUND_TABLE_TTL, RECORD_TTL_SECONDS, sendKey, wamidKey } from "./tables.ts";

/** Outcome of a claim: the send may go (with its failures so far), was already done, or is held by another sender. */
export type ClaimResult =
  | { claimed: true; failures: number }
  | { claimed: false; done: true }
  | { claimed: false; done: false; busyForMs: number };

/** What a failed-status retry needs about a sent message. */
export interface SentRecord {
  idempotencyKey: string;
  request: OutboundRequest;
  statusRetry: number;
}

/** The sender's bookkeeping. */
export interface OutboundStore {
  claim(key: string, now: number, leaseMs: number): Promise<ClaimResult>;
  /** Adds `failures`; keeps the claim (`keep`) or releases it for a later receive. Returns total failures. */
  release(key: string, failures: number, keep: boolean): Promise<number>;
  markDead(key: string, reason: string): Promise<void>;
  /** Marks the key sent (first, so a crash after it cannot cause a resend) and records wamid → request. */
  recordSent(key: string, wamid: string, request: OutboundRequest, statusRetry: number, now: number): Promise<void>;
  findByWamid(wamid: string): Promise<SentRecord | undefined>;
}

const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err as Error).name === "ConditionalCheckFailedException";

/** The outbound store over DynamoDB (conditional writes on `send#<key>`). */
export function createDynamoOutboundStore(ddb: DynamoDBDocumentClient, table: string): OutboundStore {
  const ttl = (now: number): number => Math.ceil(now / 1000) + RECORD_TTL_SECONDS;
  return {
    async claim(key, now, leaseMs) {
      try {
        const res = await ddb.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: sendKey(key) },
            UpdateExpression: "SET #s = :sending, leaseUntil = :lease, #ttl = :ttl ADD claims :one",
            ConditionExpression: "attribute_not_exists(pk) OR #s = :retry OR (#s = :sending AND leaseUntil < :now)",
            ExpressionAttributeNames: { "#s": "state", "#ttl": OUTBOUND_TABLE_TTL },
            ExpressionAttributeValues: {
              ":sending": "sending",
              ":retry": "retry",
              ":lease": now + leaseMs,
              ":now": now,
              ":ttl": ttl(now),
              ":one": 1,
            },
            ReturnValues: "ALL_NEW",
          }),
        );
        return { claimed: true, failures: Number(res.Attributes?.["failures"] ?? 0) };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const got = await ddb.send(new GetCommand({ TableName: table, Key: { pk: sendKey(key) }, ConsistentRead: true }));
      const state = got.Item?.["state"];
      if (state === "sent" || state === "dead") return { claimed: false, done: true };
      return { claimed: false, done: false, busyForMs: Math.max(0, Number(got.Item?.["leaseUntil"] ?? now) - now) };
    },
    async release(key, failures, keep) {
      const res = await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: sendKey(key) },
          UpdateExpression: "SET #s = :state ADD failures :n",
          ExpressionAttributeNames: { "#s": "state" },
          ExpressionAttributeValues: { ":state": keep ? "sending" : "retry", ":n": failures },
          ReturnValues: "ALL_NEW",
        }),
      );
      return Number(res.Attributes?.["failures"] ?? failures);
    },
    async markDead(key, reason) {
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: sendKey(key) },
          UpdateExpression: "SET #s = :dead, reason = :r",
          ExpressionAttributeNames: { "#s": "state" },
          ExpressionAttributeValues: { ":dead": "dead", ":r": reason },
        }),
      );
    },
    async recordSent(key, wamid, request, statusRetry, now) {
      const sentAt = new Date(now).toISOString();
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: sendKey(key) },
          UpdateExpression: "SET #s = :sent, wamid = :w, sentAt = :at",
          ExpressionAttributeNames: { "#s": "state" },
          ExpressionAttributeValues: { ":sent": "sent", ":w": wamid, ":at": sentAt },
        }),
      );
      if (wamid === "" || request.message["status"] === "read") return;
      await ddb.send(
        new PutCommand({
          TableName: table,
          Item: {
            pk: wamidKey(wamid),
            idempotencyKey: key,
            request: JSON.stringify(request),
            statusRetry,
            sentAt,
            [OUTBOUND_TABLE_TTL]: ttl(now),
          },
        }),
      );
    },
    async findByWamid(wamid) {
      const got = await ddb.send(
        new GetCommand({ TableName: table, Key: { pk: wamidKey(wamid) }, ConsistentRead: true }),
      );
      if (got.Item === undefined) return undefined;
      return {
        idempotencyKey: String(got.Item["idempotencyKey"]),
        request: JSON.parse(String(got.Item["request"])) as OutboundRequest,
        statusRetry: Number(got.Item["statusRetry"] ?? 0),
      };
    },
  };
}

/** An in-process store with the same semantics, for one process only (benchmarks, local runs); not for Lambda. */
export function createMemoryOutboundStore(): OutboundStore {
  const claims = new Map<string, { state: string; leaseUntil: number; failures: number; wamid?: string }>();
  const sent = new Map<string, SentRecord>();
  return {
    async claim(key, now, leaseMs) {
      const c = claims.get(key);
      if (c === undefined || c.state === "retry" || (c.state === "sending" && c.leaseUntil < now)) {
        const failures = c?.failures ?? 0;
        claims.set(key, { state: "sending", leaseUntil: now + leaseMs, failures });
        return { claimed: true, failures };
      }
      if (c.state === "sent" || c.state === "dead") return { claimed: false, done: true };
      return { claimed: false, done: false, busyForMs: c.leaseUntil - now };
    },
    async release(key, failures, keep) {
      const c = claims.get(key) ?? { state: "retry", leaseUntil: 0, failures: 0 };
      c.failures += failures;
      c.state = keep ? "sending" : "retry";
      claims.set(key, c);
      return c.failures;
    },
    async markDead(key) {
      const c = claims.get(key) ?? { state: "dead", leaseUntil: 0, failures: 0 };
      c.state = "dead";
      claims.set(key, c);
    },
    async recordSent(key, wamid, request, statusRetry) {
      claims.set(key, { state: "sent", leaseUntil: 0, failures: claims.get(key)?.failures ?? 0, wamid });
      sent.set(wamid, { idempotencyKey: key, request, statusRetry });
    },
    async findByWamid(wamid) {
      return sent.get(wamid);
    },
  };
}
