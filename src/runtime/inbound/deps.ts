/**
 * What the router and feature handlers depend on: ports only (outbound, retry, stores, config, metrics), so each
 * feature is tested with in-memory parts and the Lambda, the local loop and the integration tests wire real ones.
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type CachedConfigReader,
  type ConfigItem,
  type ConfigKind,
  contentHash,
  listConfigItems,
  putConfigItem,
  updateConfigItem,
} from "../config-store.ts";
import type { DeadLetterSink } from "../outbound/dead-letter.ts";
import type { OutboundPort, RetryPort } from "../ports.ts";
import type { PhoneRef } from "./events.ts";
import type { Conversation } from "./features/conversation.ts";
import type { MediaDownloader } from "./features/media.ts";
import type { Order } from "./features/payments.ts";
import type { StatusStore } from "./features/statuses.ts";
import type { IdempotencyStore, RecordSink, VersionedStore } from "./stores.ts";

/** The runtime config documents the handlers read, and the template statuses they write. */
export interface ConfigSource {
  get<T>(kind: ConfigKind, id: string): Promise<ConfigItem<T> | undefined>;
  list<T>(kind: ConfigKind): Promise<ConfigItem<T>[]>;
  put<T>(kind: ConfigKind, id: string, content: T): Promise<void>;
  /** Read–modify–write safe against concurrent updaters of the same document. */
  update<T>(kind: ConfigKind, id: string, fn: (current: T | undefined) => T): Promise<void>;
}

/** Counters emitted as metrics (Powertools EMF in Lambda). */
export interface MetricsPort {
  count(name: string, dimensions?: Record<string, string>, value?: number): void;
  /** Writes what was counted (once per batch). */
  flush(): void;
}

/** Minimal logger surface (Powertools `Logger` satisfies it). */
export interface LoggerPort {
  debug(message: string, ...extra: unknown[]): void;
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

/** Which declared documents apply (ids in the config store); absent: the only document of that kind, if one. */
export interface DocumentIds {
  flow?: string;
  profile?: string;
  payment?: string;
}

/** Everything the ingest core needs. */
export interface InboundDeps {
  /** Sends replies. The real one is `createSqsOutbound` (SQS FIFO → sender). */
  outbound: OutboundPort;
  /** Re-enters failed sends into the outbound pipeline; absent: failed statuses are only recorded. */
  retry?: RetryPort;
  config: ConfigSource;
  idempotency: IdempotencyStore;
  conversations: VersionedStore<Conversation>;
  orders: VersionedStore<Order>;
  records: RecordSink;
  statuses: StatusStore;
  /** Absent: media messages are recorded without downloading. */
  media?: MediaDownloader;
  deadLetter: DeadLetterSink;
  metrics: MetricsPort;
  logger: LoggerPort;
  now: () => number;
  documents?: DocumentIds;
  /** How long a claimed event may stay in progress before another delivery may take it over; default 60 s. */
  leaseMs?: number;
}

/** Where replies for an event go from: the EUM phone number ARN, or the Meta id when EUM's context omitted it. */
export function originationOf(phone: PhoneRef): string {
  return phone.arn ?? phone.metaPhoneNumberId;
}

/** Resolves a declared document: by configured id, else the only one of its kind. Cached by the source. */
export async function declared<T>(deps: InboundDeps, kind: ConfigKind, id: string | undefined): Promise<T | undefined> {
  if (id !== undefined) return (await deps.config.get<T>(kind, id))?.content;
  const all = await deps.config.list<T>(kind);
  return all.length === 1 ? all[0]?.content : undefined;
}

/** A `ConfigSource` over the DynamoDB config table: reads through `CachedConfigReader`, lists with a TTL cache. */
export function dynamoConfigSource(
  db: DynamoDBDocumentClient,
  table: string,
  reader: CachedConfigReader,
  ttlMs = 30_000,
  clock: () => number = Date.now,
): ConfigSource {
  const lists = new Map<ConfigKind, { at: number; items: ConfigItem[] }>();
  return {
    get: (kind, id) => reader.get(kind, id),
    async list<T>(kind: ConfigKind) {
      const hit = lists.get(kind);
      if (hit !== undefined && clock() - hit.at < ttlMs) return hit.items as ConfigItem<T>[];
      const items = await listConfigItems<T>(db, table, kind);
      lists.set(kind, { at: clock(), items });
      return items;
    },
    async put(kind, id, content) {
      await putConfigItem(db, table, kind, id, content);
      reader.invalidate();
      lists.delete(kind);
    },
    async update(kind, id, fn) {
      await updateConfigItem(db, table, kind, id, fn);
      reader.invalidate();
      lists.delete(kind);
    },
  };
}

/** An in-memory `ConfigSource` (tests, benchmark, fuzzing). */
export class MemoryConfigSource implements ConfigSource {
  readonly items = new Map<string, ConfigItem>();
  async get<T>(kind: ConfigKind, id: string): Promise<ConfigItem<T> | undefined> {
    return this.items.get(`${kind}#${id}`) as ConfigItem<T> | undefined;
  }
  async list<T>(kind: ConfigKind): Promise<ConfigItem<T>[]> {
    return [...this.items.values()].filter((i) => i.kind === kind) as ConfigItem<T>[];
  }
  async update<T>(kind: ConfigKind, id: string, fn: (current: T | undefined) => T): Promise<void> {
    await this.put(kind, id, fn((await this.get<T>(kind, id))?.content));
  }
  async put<T>(kind: ConfigKind, id: string, content: T): Promise<void> {
    const cur = this.items.get(`${kind}#${id}`);
    const hash = contentHash(content);
    if (cur?.hash === hash) return;
    this.items.set(`${kind}#${id}`, {
      kind,
      id,
      version: (cur?.version ?? 0) + 1,
      hash,
      content: structuredClone(content),
      updatedAt: new Date().toISOString(),
    });
  }
}

/** Metrics that only count in memory (tests, benchmark). */
export class MemoryMetrics implements MetricsPort {
  readonly counts = new Map<string, number>();
  count(name: string, dimensions: Record<string, string> = {}, value = 1): void {
    const dims = Object.entries(dimensions)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    const key = dims === "" ? name : `${name}{${dims}}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + value);
  }
  flush(): void {}
}

/** A logger that drops everything (tests, benchmark). */
export const silentLogger: LoggerPort = { debug() {}, info() {}, warn() {}, error() {} };
