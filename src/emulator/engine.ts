/** The emulator core: state, clock, persistence, scheduled Meta decisions, event publishing, faults and counters. */
import { readFileSync, rmSync } from "node:fs";
import { type EmulatorClock, OffsetClock, rfc3339Nanos } from "./clock.ts";
import { type EumErrorName, invalidParameters, notFound } from "./errors.ts";
import { type EumEnvelope, type EventSinkConfig, type PublishedEvent, Ring, SinkPublisher } from "./events.ts";
import { type EmulatorSeed, stateFromSeed } from "./seed.ts";
import {
  type EmulatorState,
  loadState,
  type PhoneRecord,
  saveState,
  type TemplateRecord,
  type WabaRecord,
  writeFileAtomic,
} from "./state.ts";

/** Resolved options of one emulator. */
export interface EngineOptions {
  seed: EmulatorSeed;
  statePath?: string | undefined;
  clock: EmulatorClock;
  reviewDelayMs: number;
  sinks: EventSinkConfig[];
  awsEndpoint?: string | undefined;
  historyLimit: number;
  accountId?: string | undefined;
  region?: string | undefined;
}

/** Every SendWhatsAppMessage the emulator accepted. */
export interface SentMessage {
  originationPhoneNumberId: string;
  to: string;
  message: Record<string, unknown>;
  wamid: string;
  at: number;
}

/** An injected fault: fail and/or delay the next `count` calls of `operation` (`*` = any). */
export interface Fault {
  operation: string;
  error?: EumErrorName | undefined;
  count: number;
  latencyMs: number;
  message?: string | undefined;
}

const DAY = 86_400_000;

/** One emulator instance: every operation and admin call works on it. */
export class Engine {
  state: EmulatorState;
  readonly clock: OffsetClock;
  readonly opts: EngineOptions;
  readonly sent: Ring<SentMessage>;
  readonly events: Ring<PublishedEvent>;
  readonly listeners = new Set<(e: PublishedEvent) => void>();
  readonly sinks: SinkPublisher[];
  private readonly destinationSinks = new Map<string, SinkPublisher>();
  faults: Fault[] = [];
  /** Meta-side delivery failures to report for upcoming sends (admin `injectDeliveryFailure`). */
  deliveryFailures: { code: number; count: number; to?: string | undefined; phoneNumberId?: string | undefined }[] = [];
  callCounts: Record<string, number> = {};
  readonly mediaBytes = new Map<string, Buffer>();
  url = "";
  private dirty = false;
  /** Earliest time something may become due; processDue is a no-op before it (keeps sends O(1)). */
  private dueAt = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.clock = new OffsetClock(opts.clock);
    const loaded = opts.statePath === undefined ? undefined : loadState(opts.statePath);
    this.state = loaded ?? this.fresh();
    this.clock.offsetMs = this.state.clockOffsetMs;
    this.sent = new Ring(opts.historyLimit);
    this.events = new Ring(opts.historyLimit);
    this.sinks = opts.sinks.map((s) => new SinkPublisher(s, this.state.region));
    if (loaded === undefined) this.markDirty();
    this.flush();
    this.scheduleAllPending();
  }

  private fresh(): EmulatorState {
    const seed: EmulatorSeed = { ...this.opts.seed };
    if (this.opts.accountId !== undefined) seed.accountId = this.opts.accountId;
    if (this.opts.region !== undefined) seed.region = this.opts.region;
    return stateFromSeed(seed, this.clock.now());
  }

  now(): number {
    return this.clock.now();
  }

  markDirty(): void {
    this.dirty = true;
    this.dueAt = 0;
  }

  private flushTimer: NodeJS.Timeout | undefined;
  private readonly warned = new Set<string>();

  /** Coalesces writes for high-rate admin changes (inbound messages opening windows). */
  flushSoon(): void {
    this.markDirty();
    if (this.flushTimer !== undefined || this.stopped) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, 50);
    this.flushTimer.unref();
  }

  /** Writes the state if anything changed since the last write (atomic, fsynced). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.state.clockOffsetMs = this.clock.offsetMs;
    if (this.opts.statePath !== undefined) saveState(this.opts.statePath, this.state);
  }

  // --- lookups -------------------------------------------------------------------------------------------------

  /** Finds a WABA by `waba-…` id or ARN; `missing` picks the error class the operation declares. */
  waba(ref: string, missing: "notFound" | "invalid" = "notFound"): WabaRecord {
    const direct = this.state.wabas[ref];
    if (direct) return direct;
    for (const w of Object.values(this.state.wabas)) if (w.arn === ref) return w;
    const msg = `WhatsApp Business Account ${ref} not found in account ${this.state.accountId} (${this.state.region})`;
    throw missing === "notFound" ? notFound(msg) : invalidParameters(msg);
  }

  /** Finds a phone number by `phone-number-id-…` id or ARN. */
  phone(ref: string, missing: "notFound" | "invalid" = "notFound"): PhoneRecord {
    const direct = this.state.phones[ref];
    if (direct) return direct;
    for (const p of Object.values(this.state.phones)) if (p.arn === ref) return p;
    const msg = `Phone number ${ref} not found in account ${this.state.accountId} (${this.state.region})`;
    throw missing === "notFound" ? notFound(msg) : invalidParameters(msg);
  }

  phonesOf(wabaId: string): PhoneRecord[] {
    return Object.values(this.state.phones).filter((p) => p.wabaId === wabaId);
  }

  templatesOf(wabaId: string): TemplateRecord[] {
    return Object.values(this.state.templates).filter((t) => t.wabaId === wabaId);
  }

  // --- events --------------------------------------------------------------------------------------------------

  /** Publishes one Meta webhook change for a WABA in EUM's envelope to every sink. */
  emit(waba: WabaRecord, phones: PhoneRecord[], field: string, value: Record<string, unknown>): void {
    const entry = { id: waba.metaWabaId, changes: [{ value, field }] };
    const envelope: EumEnvelope = {
      context: {
        MetaWabaIds: [{ wabaId: waba.metaWabaId, arn: waba.arn }],
        MetaPhoneNumberIds: phones.map((p) => ({ metaPhoneNumberId: p.metaPhoneNumberId, arn: p.arn })),
      },
      whatsAppWebhookEntry: JSON.stringify(entry),
      aws_account_id: this.state.accountId,
      message_timestamp: rfc3339Nanos(this.now()),
    };
    const event: PublishedEvent = { wabaId: waba.id, envelope };
    this.events.push(event);
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        process.stderr.write(`emulator: event listener threw: ${(err as Error).message}\n`);
      }
    }
    if (this.sinks.length === 0 && waba.eventDestinations.length === 0) return;
    const body = JSON.stringify(envelope);
    for (const s of this.sinks) s.publish(body);
    for (const d of waba.eventDestinations) this.destinationSink(d.eventDestinationArn)?.publish(body);
  }

  private destinationSink(arn: string): SinkPublisher | undefined {
    if (!arn.startsWith("arn:aws:sns:") || this.opts.awsEndpoint === undefined) {
      if (!this.warned.has(arn)) {
        this.warned.add(arn);
        process.stderr.write(
          `emulator: events for event destination ${arn} are not delivered (${arn.startsWith("arn:aws:sns:") ? "no awsEndpoint/--aws-endpoint configured" : "only SNS topics are emulated"})\n`,
        );
      }
      return undefined;
    }
    let s = this.destinationSinks.get(arn);
    if (!s) {
      const region = arn.split(":")[3] || this.state.region;
      s = new SinkPublisher({ type: "sns", topicArn: arn, endpoint: this.opts.awsEndpoint, region }, region);
      this.destinationSinks.set(arn, s);
    }
    return s;
  }

  /** Waits until every sink has sent what was published so far. */
  async drainSinks(): Promise<void> {
    await Promise.all([...this.sinks, ...this.destinationSinks.values()].map((s) => s.drain()));
  }

  /** Per-sink failure counts (for the admin API). */
  sinkStatus(): { sink: string; failures: number; lastError?: string }[] {
    return [...this.sinks, ...this.destinationSinks.values()].map((s) =>
      s.lastError === undefined
        ? { sink: s.label, failures: s.failures }
        : { sink: s.label, failures: s.failures, lastError: s.lastError },
    );
  }

  // --- scheduled Meta decisions ------------------------------------------------------------------------------

  /** Runs processDue after `delayMs` of real time (reviews with delay 0 happen on the next tick). */
  schedule(delayMs: number): void {
    if (this.stopped) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        this.processDue();
        this.flush();
      },
      Math.max(0, delayMs),
    );
    t.unref();
    this.timers.add(t);
  }

  private scheduleAllPending(): void {
    const now = this.now();
    for (const t of Object.values(this.state.templates))
      if (t.reviewAt !== undefined) this.schedule(Math.max(0, t.reviewAt - now));
  }

  /** Applies every decision whose time has come (template reviews, name locks, media expiry). */
  processDue(): void {
    const now = this.now();
    if (now < this.dueAt) return;
    let next = Number.POSITIVE_INFINITY;
    for (const t of Object.values(this.state.templates)) {
      if (t.reviewAt !== undefined && t.reviewAt > now) next = Math.min(next, t.reviewAt);
      if (t.reviewAt === undefined || t.reviewAt > now || t.status !== "PENDING") continue;
      const d = t.pendingDecision ?? { decision: "APPROVED", category: t.category };
      delete t.reviewAt;
      delete t.pendingDecision;
      t.updatedAt = now;
      if (d.decision === "APPROVED") {
        const old = t.category;
        if (d.category !== old) {
          t.previousCategory = old;
          t.category = d.category;
          this.emitTemplateEvent(t, "template_category_update", {
            previous_category: old,
            new_category: d.category,
          });
        }
        t.everApproved = true;
        this.setStatus(t, "APPROVED");
      } else {
        this.setStatus(t, "REJECTED", d.reason, { reason: d.reason, recommendation: d.recommendation });
      }
      this.markDirty();
    }
    for (const [k, until] of Object.entries(this.state.lockedNames)) {
      if (until <= now) {
        delete this.state.lockedNames[k];
        this.markDirty();
      } else next = Math.min(next, until);
    }
    for (const m of Object.values(this.state.media)) {
      if (m.expiresAt <= now) {
        delete this.state.media[m.mediaId];
        this.deleteMediaBytes(m.mediaId);
        this.markDirty();
      } else next = Math.min(next, m.expiresAt);
    }
    this.dueAt = next;
  }

  /** Changes a template's status and emits `message_template_status_update`. */
  setStatus(t: TemplateRecord, status: TemplateRecord["status"], reason?: string, rejectionInfo?: object): void {
    t.status = status;
    t.rejectedReason = status === "REJECTED" ? (reason ?? "NONE") : "NONE";
    if (status === "APPROVED") t.everApproved = true;
    const value: Record<string, unknown> = {
      event: status,
      message_template_id: Number(t.metaTemplateId),
      message_template_name: t.name,
      message_template_language: t.language,
      reason: status === "REJECTED" ? (reason ?? "NONE") : "NONE",
      message_template_category: t.category,
    };
    if (rejectionInfo !== undefined && reason === "INVALID_FORMAT") value.rejection_info = rejectionInfo;
    this.emitTemplateEvent(t, "message_template_status_update", value);
  }

  emitTemplateEvent(t: TemplateRecord, field: string, extra: Record<string, unknown>): void {
    const waba = this.state.wabas[t.wabaId];
    if (!waba) return;
    const value =
      field === "message_template_status_update"
        ? extra
        : {
            message_template_id: Number(t.metaTemplateId),
            message_template_name: t.name,
            message_template_language: t.language,
            ...extra,
          };
    this.emit(waba, this.phonesOf(waba.id), field, value);
  }

  /** The Meta error code the next send to `to` from `phoneId` must fail with, if one was injected. */
  takeDeliveryFailure(phoneId: string, to: string): number | undefined {
    const digits = to.replace(/^\+/, "");
    const f = this.deliveryFailures.find(
      (d) =>
        d.count > 0 &&
        (d.to === undefined || d.to.replace(/^\+/, "") === digits) &&
        (d.phoneNumberId === undefined || d.phoneNumberId === phoneId),
    );
    if (!f) return undefined;
    f.count--;
    this.deliveryFailures = this.deliveryFailures.filter((d) => d.count > 0);
    return f.code;
  }

  // --- media bytes ---------------------------------------------------------------------------------------------

  putMediaBytes(mediaId: string, data: Buffer): void {
    this.mediaBytes.set(mediaId, data);
    if (this.opts.statePath !== undefined) writeFileAtomic(`${this.opts.statePath}.media/${mediaId}`, data);
  }

  getMediaBytes(mediaId: string): Buffer | undefined {
    const b = this.mediaBytes.get(mediaId);
    if (b || this.opts.statePath === undefined) return b;
    try {
      return readFileSync(`${this.opts.statePath}.media/${mediaId}`);
    } catch {
      return undefined;
    }
  }

  deleteMediaBytes(mediaId: string): void {
    this.mediaBytes.delete(mediaId);
    if (this.opts.statePath !== undefined) rmSync(`${this.opts.statePath}.media/${mediaId}`, { force: true });
  }

  // --- admin helpers -------------------------------------------------------------------------------------------

  /** Moves emulated time forward and applies what became due. */
  advanceClock(ms: number): void {
    this.clock.offsetMs += ms;
    this.markDirty();
    this.processDue();
    this.flush();
  }

  /** Back to the seed: templates, flows, media, locks, windows, histories, faults and counters cleared. */
  reset(): void {
    this.clock.offsetMs = 0;
    this.state = this.fresh();
    this.sent.clear();
    this.events.clear();
    this.faults = [];
    this.deliveryFailures = [];
    this.callCounts = {};
    this.mediaBytes.clear();
    this.markDirty();
    this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.flush();
  }
}

/** Milliseconds in a day (edit quotas, name locks and media lifetimes are counted in days). */
export const DAY_MS = DAY;
