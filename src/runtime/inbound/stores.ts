/**
 * Storage ports of the ingest handler, each with a DynamoDB implementation (deployed, local loop, integration tests)
 * and an in-memory one (unit tests, fuzzing, the in-memory benchmark). Handlers see only the interfaces.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { AwsCallError } from "../shared/aws.ts";
import { IDEMPOTENCY_TTL_SECONDS, idemKey, STATE_TTL_SECONDS } from "./tables.ts";

/** Outcome of claiming an event key. */
export type ClaimResult = "claimed" | "completed" | "in-progress";

/**
 * Exactly-once gate per event key: `claim` is one conditional write, so of two near-simultaneous copies only one
 * gets `claimed`; the other sees `in-progress` (and is retried later) or `completed` (and is dropped).
 */
export interface IdempotencyStore {
  claim(key: string, nowMs: number, leaseMs: number): Promise<ClaimResult>;
  complete(key: string, nowMs: number): Promise<void>;
  /** Gives the key back after a failure, so a redelivery processes the event again. */
  release(key: string): Promise<void>;
}

/** A JSON document with an optimistic-concurrency version. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** Documents (conversations, orders) updated by read–modify–conditional-write. */
export interface VersionedStore<T> {
  get(key: string): Promise<Versioned<T> | undefined>;
  /** Writes when the stored version is `expectedVersion` (undefined: when absent). False on a lost race. */
  put(key: string, value: T, expectedVersion: number | undefined, nowMs: number): Promise<boolean>;
}

/** Append-style records (media downloads, unknown events, orphan statuses). */
export interface RecordSink {
  put(pk: string, item: Record<string, unknown>, nowMs: number): Promise<void>;
}

const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err as Error)?.name === "ConditionalCheckFailedException";

/** DynamoDB idempotency store over the `inbound` table. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async claim(key: string, nowMs: number, leaseMs: number): Promise<ClaimResult> {
    const pk = idemKey(key);
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            pk,
            st: "INPROGRESS",
            leaseUntil: nowMs + leaseMs,
            ttl: Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
          // An expired lease means the claimant died mid-event: take it over.
          ConditionExpression: "attribute_not_exists(pk) OR (st = :inp AND leaseUntil < :now)",
          ExpressionAttributeValues: { ":inp": "INPROGRESS", ":now": nowMs },
        }),
      );
      return "claimed";
    } catch (err) {
      if (!isConditionFailure(err)) throw new AwsCallError("PutItem", `${this.#table}/${pk}`, err);
    }
    const got = await this.#db
      .send(new GetCommand({ TableName: this.#table, Key: { pk }, ConsistentRead: true }))
      .catch((err: unknown) => {
        throw new AwsCallError("GetItem", `${this.#table}/${pk}`, err);
      });
    return got.Item?.["st"] === "COMPLETED" ? "completed" : "in-progress";
  }

  async complete(key: string, nowMs: number): Promise<void> {
    const pk = idemKey(key);
    await this.#db
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk },
          UpdateExpression: "SET st = :done, doneAt = :now REMOVE leaseUntil",
          ExpressionAttributeValues: { ":done": "COMPLETED", ":now": nowMs },
        }),
      )
      .catch((err: unknown) => {
        throw new AwsCallError("UpdateItem", `${this.#table}/${pk}`, err);
      });
  }

  async release(key: string): Promise<void> {
    const pk = idemKey(key);
    try {
      await this.#db.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: { pk },
          ConditionExpression: "st = :inp",
          ExpressionAttributeValues: { ":inp": "INPROGRESS" },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw new AwsCallError("DeleteItem", `${this.#table}/${pk}`, err);
    }
  }
}

/** In-memory idempotency store (single process). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly items = new Map<string, { st: "INPROGRESS" | "COMPLETED"; leaseUntil: number }>();
  async claim(key: string, nowMs: number, leaseMs: number): Promise<ClaimResult> {
    const cur = this.items.get(key);
    if (cur === undefined || (cur.st === "INPROGRESS" && cur.leaseUntil < nowMs)) {
      this.items.set(key, { st: "INPROGRESS", leaseUntil: nowMs + leaseMs });
      return "claimed";
    }
    return cur.st === "COMPLETED" ? "completed" : "in-progress";
  }
  async complete(key: string): Promise<void> {
    this.items.set(key, { st: "COMPLETED", leaseUntil: 0 });
  }
  async release(key: string): Promise<void> {
    if (this.items.get(key)?.st === "INPROGRESS") this.items.delete(key);
  }
}

/** DynamoDB versioned documents: item `{pk, v, data (JSON), ttl}`. */
export class DynamoVersionedStore<T> implements VersionedStore<T> {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async get(key: string): Promise<Versioned<T> | undefined> {
    const got = await this.#db
      .send(new GetCommand({ TableName: this.#table, Key: { pk: key }, ConsistentRead: true }))
      .catch((err: unknown) => {
        throw new AwsCallError("GetItem", `${this.#table}/${key}`, err);
      });
    if (got.Item === undefined) return undefined;
    return { value: JSON.parse(String(got.Item["data"])) as T, version: Number(got.Item["v"]) };
  }

  async put(key: string, value: T, expectedVersion: number | undefined, nowMs: number): Promise<boolean> {
    try {
      await this.#db.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            pk: key,
            v: (expectedVersion ?? 0) + 1,
            data: JSON.stringify(value),
            updatedAt: nowMs,
            ttl: Math.floor(nowMs / 1000) + STATE_TTL_SECONDS,
          },
          ConditionExpression: expectedVersion === undefined ? "attribute_not_exists(pk)" : "v = :v",
          ...(expectedVersion === undefined ? {} : { ExpressionAttributeValues: { ":v": expectedVersion } }),
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw new AwsCallError("PutItem", `${this.#table}/${key}`, err);
    }
  }
}

/** In-memory versioned documents. */
export class MemoryVersionedStore<T> implements VersionedStore<T> {
  readonly items = new Map<string, { json: string; version: number }>();
  async get(key: string): Promise<Versioned<T> | undefined> {
    const cur = this.items.get(key);
    return cur === undefined ? undefined : { value: JSON.parse(cur.json) as T, version: cur.version };
  }
  async put(key: string, value: T, expectedVersion: number | undefined): Promise<boolean> {
    const cur = this.items.get(key);
    if ((cur?.version ?? undefined) !== expectedVersion) return false;
    this.items.set(key, { json: JSON.stringify(value), version: (expectedVersion ?? 0) + 1 });
    return true;
  }
}

/** DynamoDB record sink. */
export class DynamoRecordSink implements RecordSink {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }
  async put(pk: string, item: Record<string, unknown>, nowMs: number): Promise<void> {
    await this.#db
      .send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...item, pk, recordedAt: nowMs, ttl: Math.floor(nowMs / 1000) + STATE_TTL_SECONDS },
        }),
      )
      .catch((err: unknown) => {
        throw new AwsCallError("PutItem", `${this.#table}/${pk}`, err);
      });
  }
}

/** In-memory record sink. */
export class MemoryRecordSink implements RecordSink {
  readonly items = new Map<string, Record<string, unknown>>();
  async put(pk: string, item: Record<string, unknown>): Promise<void> {
    this.items.set(pk, { ...item, pk });
  }
}

/**
 * Read–modify–write with optimistic concurrency: `update` gets the current value (or undefined) and returns the new
 * one (or undefined for "no change"); a lost race re-reads and re-runs it, up to `attempts` times.
 */
export async function updateVersioned<T, R>(
  store: VersionedStore<T>,
  key: string,
  nowMs: number,
  update: (current: T | undefined) => { value?: T; result: R },
  attempts = 12,
): Promise<R> {
  for (let i = 0; i < attempts; i++) {
    const cur = await store.get(key);
    const next = update(cur?.value);
    if (next.value === undefined) return next.result;
    if (await store.put(key, next.value, cur?.version, nowMs)) return next.result;
    // Every round has a winner, so n concurrent writers settle within n rounds; jitter spreads the retries.
    await new Promise((r) => setTimeout(r, Math.random() * 5 * (i + 1)));
  }
  throw new ConcurrentUpdateError(key, attempts);
}

/** Lost every optimistic-concurrency race on one document: retried by redelivery. */
export class ConcurrentUpdateError extends Error {
  constructor(key: string, attempts: number) {
    super(`${key}: lost ${attempts} concurrent updates in a row; the record will be retried`);
    this.name = "ConcurrentUpdateError";
  }
}
