/**
 * Delivery statuses: recorded on the outbound record of the message (`wamid#<wamid>` in the outbound table, owned by
 * the sender), or in the inbound table when the sender does not know the wamid. Statuses arrive out of order (`read`
 * may come before `delivered`), so each status keeps its own timestamp and `lastStatus` only moves forward.
 * A `failed` status goes to the outbound retry entry point, which retries, falls back or dead-letters it.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { wamidKey } from "../../outbound/tables.ts";
import { AwsCallError } from "../../shared/aws.ts";
import type { InboundDeps } from "../deps.ts";
import type { StatusEvent } from "../events.ts";
import type { MetaStatus } from "../schemas.ts";
import { orphanStatusKey, STATE_TTL_SECONDS } from "../tables.ts";

/** Where a status was recorded. */
export type StatusRecorded = "outbound" | "orphan";

/** Records statuses. */
export interface StatusStore {
  record(s: MetaStatus, nowMs: number): Promise<StatusRecorded>;
}

/** Forward order of statuses; `failed` ranks last so it is never hidden by a late `sent`. */
export const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, played: 4, failed: 5 };

function statusFields(s: MetaStatus, nowMs: number) {
  const values: Record<string, unknown> = {
    ":ts": Number(s.timestamp),
    ":now": nowMs,
  };
  const sets = [`#sa = :ts`, "statusUpdatedAt = :now"];
  const names: Record<string, string> = { "#sa": `status_${s.status.replace(/[^a-z_]/gi, "_").slice(0, 40)}` };
  if (s.pricing !== undefined) {
    sets.push("pricing = :pricing");
    values[":pricing"] = JSON.stringify(s.pricing);
  }
  if (s.errors !== undefined) {
    sets.push("statusErrors = :errors");
    values[":errors"] = JSON.stringify(s.errors);
  }
  if (s.conversation?.id !== undefined) {
    sets.push("conversationId = :conv");
    values[":conv"] = s.conversation.id;
  }
  return { sets, names, values };
}

/** DynamoDB status store: the outbound table when it knows the wamid, else the inbound table. */
export class DynamoStatusStore implements StatusStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #outbound: string | undefined;
  readonly #inbound: string;
  constructor(db: DynamoDBDocumentClient, tables: { outbound?: string | undefined; inbound: string }) {
    this.#db = db;
    this.#outbound = tables.outbound;
    this.#inbound = tables.inbound;
  }

  async #update(
    table: string,
    pk: string,
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], "TableName" | "Key">,
  ): Promise<boolean> {
    try {
      await this.#db.send(new UpdateCommand({ TableName: table, Key: { pk }, ...update }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || (err as Error).name === "ConditionalCheckFailedException")
        return false;
      throw new AwsCallError("UpdateItem", `${table}/${pk}`, err);
    }
  }

  async record(s: MetaStatus, nowMs: number): Promise<StatusRecorded> {
    const f = statusFields(s, nowMs);
    const rank = STATUS_RANK[s.status] ?? 0;
    if (this.#outbound !== undefined) {
      const pk = wamidKey(s.id);
      const advanced = await this.#update(this.#outbound, pk, {
        UpdateExpression: `SET ${[...f.sets, "lastStatus = :st", "statusRank = :rank"].join(", ")}`,
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(statusRank) OR statusRank < :rank)",
        ExpressionAttributeNames: f.names,
        ExpressionAttributeValues: { ...f.values, ":st": s.status, ":rank": rank },
      });
      if (advanced) return "outbound";
      const kept = await this.#update(this.#outbound, pk, {
        UpdateExpression: `SET ${f.sets.join(", ")}`,
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: f.names,
        ExpressionAttributeValues: f.values,
      });
      if (kept) return "outbound";
    }
    await this.#update(this.#inbound, orphanStatusKey(s.id), {
      UpdateExpression: `SET ${[...f.sets, "recipientId = :rcpt", "#ttl = :ttl"].join(", ")}`,
      ExpressionAttributeNames: { ...f.names, "#ttl": "ttl" },
      ExpressionAttributeValues: {
        ...f.values,
        ":rcpt": s.recipient_id ?? "",
        ":ttl": Math.floor(nowMs / 1000) + STATE_TTL_SECONDS,
      },
    });
    return "orphan";
  }
}

/** In-memory status store: `known` wamids play the outbound table. */
export class MemoryStatusStore implements StatusStore {
  readonly known = new Set<string>();
  readonly records = new Map<
    string,
    { statuses: Record<string, number>; lastStatus?: string; where: StatusRecorded }
  >();
  async record(s: MetaStatus): Promise<StatusRecorded> {
    const where: StatusRecorded = this.known.has(s.id) ? "outbound" : "orphan";
    const r = this.records.get(s.id) ?? { statuses: {}, where };
    r.statuses[s.status] = Number(s.timestamp);
    if ((STATUS_RANK[s.status] ?? 0) > (STATUS_RANK[r.lastStatus ?? ""] ?? 0)) r.lastStatus = s.status;
    this.records.set(s.id, r);
    return where;
  }
}

/** How long a failed status may wait for the sender to record its wamid. */
export const OUTBOUND_RECORD_GRACE_MS = 120_000;

/** A failed status for a wamid the outbound table does not know yet; the event is retried (transient). */
export class OutboundRecordPendingError extends Error {
  constructor(wamid: string) {
    super(`failed status for ${wamid} arrived before the sender recorded it; retrying`);
    this.name = "OutboundRecordPendingError";
  }
}

/** Records a status, counts it, and hands `failed` ones to the retry entry point. */
export async function onStatus(deps: InboundDeps, ev: StatusEvent): Promise<void> {
  const s = ev.status;
  const where = await deps.statuses.record(s, deps.now());
  deps.metrics.count("Statuses", { status: s.status });
  if (s.pricing?.category !== undefined) deps.metrics.count("BillableStatuses", { category: s.pricing.category });
  if (s.status !== "failed") return;
  const errors = (s.errors ?? []).map((e) => ({
    code: Number(e.code),
    ...(e.title === undefined ? {} : { title: e.title }),
    ...(e.message === undefined ? {} : { message: e.message }),
    ...(e.error_data?.details === undefined ? {} : { details: e.error_data.details }),
  }));
  deps.metrics.count("SendFailures", { code: String(errors[0]?.code ?? "none") });
  if (deps.retry === undefined) return;
  if (where === "orphan") {
    // EUM can report a failure before the sender has recorded the wamid: retry the event for a while, then accept
    // that the message was not ours.
    if (deps.now() - Number(s.timestamp) * 1000 < OUTBOUND_RECORD_GRACE_MS) throw new OutboundRecordPendingError(s.id);
    return;
  }
  const result = await deps.retry.onFailedStatus({
    wamid: s.id,
    recipientId: s.recipient_id ?? "",
    errors,
    timestamp: String(s.timestamp),
  });
  deps.metrics.count("FailedStatusOutcome", { outcome: result });
}
