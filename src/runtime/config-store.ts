/**
 * The runtime config store: one DynamoDB table holding every declared document the handlers act on
 * (business profile, welcome/menu flows, payment configurations) and the last known status of each template.
 *
 * Writers: the Pulumi providers (declared kinds) and the inbound status handler (template status events).
 * Readers: the runtime handlers, through `CachedConfigReader` (short TTL, keyed by version).
 *
 * Item shape (table key: `pk` string):
 *   pk        `${kind}#${id}`
 *   kind      one of ConfigKind
 *   id        the document id (a template's id is `${name}:${language}`)
 *   version   monotonically increasing integer, bumped on every content change
 *   hash      sha256 of the canonical JSON of `content`
 *   content   the document as a JSON string
 *   updatedAt ISO-8601
 */
import { createHash } from "node:crypto";
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";

export type ConfigKind = "BusinessProfile" | "ConversationFlow" | "PaymentConfiguration" | "TemplateStatus";

export interface ConfigItem<T = unknown> {
  kind: ConfigKind;
  id: string;
  version: number;
  hash: string;
  content: T;
  updatedAt: string;
}

/** Content of a `TemplateStatus` item. */
export interface TemplateStatusContent {
  name: string;
  language: string;
  status: string;
  category: string;
  metaTemplateId?: string;
  /** Parameter names (named) or count (positional) per component, so sends can be checked at run time. */
  parameterFormat?: "NAMED" | "POSITIONAL";
}

/** JSON with object keys sorted recursively, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

export function configKey(kind: ConfigKind, id: string): string {
  return `${kind}#${id}`;
}

interface RawItem {
  pk: string;
  kind: ConfigKind;
  id: string;
  version: number;
  hash: string;
  content: string;
  updatedAt: string;
}

function fromRaw<T>(raw: RawItem): ConfigItem<T> {
  return {
    kind: raw.kind,
    id: raw.id,
    version: raw.version,
    hash: raw.hash,
    content: JSON.parse(raw.content) as T,
    updatedAt: raw.updatedAt,
  };
}

export async function getConfigItem<T>(
  db: DynamoDBDocumentClient,
  table: string,
  kind: ConfigKind,
  id: string,
): Promise<ConfigItem<T> | undefined> {
  const res = await db.send(
    new GetCommand({ TableName: table, Key: { pk: configKey(kind, id) }, ConsistentRead: true }),
  );
  return res.Item === undefined ? undefined : fromRaw<T>(res.Item as RawItem);
}

/**
 * Writes `content` if it differs from what is stored (by hash). Returns the stored item.
 * Conditional on the version read (see `updateConfigItem`), so concurrent writers are safe.
 */
export async function putConfigItem<T>(
  db: DynamoDBDocumentClient,
  table: string,
  kind: ConfigKind,
  id: string,
  content: T,
  now: () => Date = () => new Date(),
): Promise<ConfigItem<T>> {
  return updateConfigItem<T>(db, table, kind, id, () => content, now);
}

/**
 * Read–modify–write of one item: `update` gets the current content (undefined when absent) and returns the new one.
 * The write is conditional on the version read, so concurrent updaters (two template events for one template) never
 * lose each other's change: a lost race re-reads and re-applies `update`.
 */
export async function updateConfigItem<T>(
  db: DynamoDBDocumentClient,
  table: string,
  kind: ConfigKind,
  id: string,
  update: (current: T | undefined) => T,
  now: () => Date = () => new Date(),
  attempts = 8,
): Promise<ConfigItem<T>> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await getConfigItem<T>(db, table, kind, id);
    const content = update(current?.content);
    const hash = contentHash(content);
    if (current !== undefined && current.hash === hash) return current;
    const item: RawItem = {
      pk: configKey(kind, id),
      kind,
      id,
      version: (current?.version ?? 0) + 1,
      hash,
      content: canonicalJson(content),
      updatedAt: now().toISOString(),
    };
    try {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: item,
          ConditionExpression: current === undefined ? "attribute_not_exists(pk)" : "version = :v",
          ...(current === undefined ? {} : { ExpressionAttributeValues: { ":v": current.version } }),
        }),
      );
      return fromRaw<T>(item);
    } catch (err) {
      if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
  }
  throw new Error(
    `config store: could not update ${configKey(kind, id)} after ${attempts} attempts (concurrent writers)`,
  );
}

export async function deleteConfigItem(
  db: DynamoDBDocumentClient,
  table: string,
  kind: ConfigKind,
  id: string,
): Promise<void> {
  await db.send(new DeleteCommand({ TableName: table, Key: { pk: configKey(kind, id) } }));
}

export async function listConfigItems<T>(
  db: DynamoDBDocumentClient,
  table: string,
  kind?: ConfigKind,
): Promise<ConfigItem<T>[]> {
  const out: ConfigItem<T>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.send(
      new ScanCommand({
        TableName: table,
        ExclusiveStartKey: start,
        ...(kind === undefined ? {} : { FilterExpression: "kind = :k", ExpressionAttributeValues: { ":k": kind } }),
      }),
    );
    for (const raw of res.Items ?? []) out.push(fromRaw<T>(raw as RawItem));
    start = res.LastEvaluatedKey;
  } while (start !== undefined);
  return out;
}

/** Reads config items with a short per-process cache, as handlers do on every invocation. */
export class CachedConfigReader {
  readonly #cache = new Map<string, { at: number; item: ConfigItem | undefined }>();
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #ttlMs: number;
  readonly #clock: () => number;

  constructor(db: DynamoDBDocumentClient, table: string, ttlMs = 30_000, clock: () => number = Date.now) {
    this.#db = db;
    this.#table = table;
    this.#ttlMs = ttlMs;
    this.#clock = clock;
  }

  async get<T>(kind: ConfigKind, id: string): Promise<ConfigItem<T> | undefined> {
    const key = configKey(kind, id);
    const hit = this.#cache.get(key);
    if (hit !== undefined && this.#clock() - hit.at < this.#ttlMs) return hit.item as ConfigItem<T> | undefined;
    const item = await getConfigItem<T>(this.#db, this.#table, kind, id);
    this.#cache.set(key, { at: this.#clock(), item });
    return item;
  }

  invalidate(): void {
    this.#cache.clear();
  }
}
