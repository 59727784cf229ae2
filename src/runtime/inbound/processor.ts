/**
 * The ingest core: SQS batch → per record decode → events → claim (idempotency) → route. Partial batch failures are
 * reported through Powertools' `BatchProcessor`, so only records with a failed event are redelivered, and their
 * completed events are skipped the second time. Poison is acknowledged and dead-lettered with the reason: a body
 * that cannot be decoded, a part that fails its schema, or an event whose handler keeps failing with a bug-class
 * error after `poisonAfterReceives` deliveries. Transient failures (AWS calls, lost races, a duplicate in flight) are
 * retried by SQS; the queue's redrive policy is the last resort.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { AwsCallError } from "../shared/aws.ts";
import type { InboundDeps } from "./deps.ts";
import { decodeRecordBody } from "./envelope.ts";
import { type InboundEvent, toEvents } from "./events.ts";
import { OutboundRecordPendingError } from "./features/statuses.ts";
import { routeEvent } from "./router.ts";
import { ConcurrentUpdateError } from "./stores.ts";

/** Another delivery of the same event is being processed right now; this one retries later. */
export class EventInProgressError extends Error {
  constructor(key: string) {
    super(`event ${key} is being processed by another delivery; retrying later`);
    this.name = "EventInProgressError";
  }
}

/** What happened to one record. */
export interface RecordOutcome {
  poison?: string;
  events: number;
  processed: number;
  duplicates: number;
  deadLettered: number;
}

/** Options of `createIngestProcessor`. */
export interface IngestOptions {
  /** Deliveries after which a bug-class failure is dead-lettered instead of retried; default 3. */
  poisonAfterReceives?: number;
  /** Process the records of a batch concurrently (default true, as Powertools does). */
  parallel?: boolean;
}

/** Whether an error is worth a redelivery (infrastructure or concurrency), as opposed to a bug or bad data. */
export function isTransient(err: unknown): boolean {
  if (
    err instanceof AwsCallError ||
    err instanceof EventInProgressError ||
    err instanceof ConcurrentUpdateError ||
    err instanceof OutboundRecordPendingError
  )
    return true;
  const e = err as { $metadata?: unknown; name?: string } | null;
  return e !== null && typeof e === "object" && ("$metadata" in e || e.name === "TimeoutError");
}

const receivesOf = (r: SQSRecord): number => Number(r.attributes?.ApproximateReceiveCount ?? "1") || 1;

/** Creates the ingest core over `deps`. */
export function createIngestProcessor(deps: InboundDeps, opts: IngestOptions = {}) {
  const leaseMs = deps.leaseMs ?? 60_000;
  const poisonAfter = opts.poisonAfterReceives ?? 3;

  async function deadLetterEvent(
    ev: InboundEvent,
    record: SQSRecord,
    reason: string,
    detail: string,
    payload: unknown,
  ): Promise<void> {
    await deps.deadLetter({
      reason,
      detail,
      idempotencyKey: ev.key,
      ...(ev.kind === "message" ? { wamid: ev.message.id } : ev.kind === "status" ? { wamid: ev.status.id } : {}),
      payload: { sqsMessageId: record.messageId, part: payload },
    });
    deps.metrics.count("DeadLettered", { reason: reason.split(":")[0] ?? reason });
  }

  async function processEvent(ev: InboundEvent, record: SQSRecord, out: RecordOutcome): Promise<void> {
    const claim = await deps.idempotency.claim(ev.key, deps.now(), leaseMs);
    if (claim === "completed") {
      out.duplicates++;
      deps.metrics.count("Duplicates");
      return;
    }
    if (claim === "in-progress") throw new EventInProgressError(ev.key);
    try {
      if (ev.kind === "invalid") {
        await deadLetterEvent(ev, record, ev.reason, ev.detail, ev.payload);
        out.deadLettered++;
      } else {
        try {
          await routeEvent(deps, ev);
          out.processed++;
        } catch (err) {
          if (isTransient(err) || receivesOf(record) < poisonAfter) throw err;
          const e = err as Error;
          deps.logger.error("event handler keeps failing; dead-lettering the event", { key: ev.key, error: e });
          await deadLetterEvent(
            ev,
            record,
            `handler-error:${e?.name ?? "Error"}`,
            String(e?.stack ?? e).slice(0, 4000),
            ev,
          );
          out.deadLettered++;
        }
      }
      await deps.idempotency.complete(ev.key, deps.now());
    } catch (err) {
      await deps.idempotency.release(ev.key).catch(() => undefined);
      throw err;
    }
  }

  /** Processes one SQS record; throws when it must be redelivered. */
  async function processRecord(record: SQSRecord): Promise<RecordOutcome> {
    const out: RecordOutcome = { events: 0, processed: 0, duplicates: 0, deadLettered: 0 };
    const decoded = decodeRecordBody(record.body ?? "");
    if (!decoded.ok) {
      await deps.deadLetter({
        reason: `poison:${decoded.reason}`,
        detail: decoded.detail,
        idempotencyKey: `sqs:${record.messageId}`,
        payload: { sqsMessageId: record.messageId, body: String(record.body ?? "").slice(0, 200_000) },
      });
      deps.metrics.count("DeadLettered", { reason: "poison" });
      out.poison = decoded.reason;
      return out;
    }
    const events = toEvents(decoded);
    out.events = events.length;
    let failure: unknown;
    // Events of one entry run in order (a status series, a message then its status); a failure does not stop the rest.
    for (const ev of events) {
      try {
        await processEvent(ev, record, out);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
    return out;
  }

  /** The Lambda handler body: a partial batch response. */
  async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, processRecord, processor, {
        ...(context === undefined ? {} : { context }),
        processInParallel: opts.parallel ?? true,
        throwOnFullBatchFailure: false,
      });
    } finally {
      deps.metrics.flush();
    }
  }

  return { processRecord, handler };
}

/** The ingest core's type. */
export type IngestProcessor = ReturnType<typeof createIngestProcessor>;
