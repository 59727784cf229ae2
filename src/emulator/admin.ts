/** What only Meta (or a user's phone) can do, scripted for tests: in-process and over HTTP under `/_admin/`. */
import { createHash } from "node:crypto";
import { MEDIA_TYPES } from "./aws.ts";
import { DAY_MS, type Engine, type Fault, type SentMessage } from "./engine.ts";
import { type EumErrorName, isEumErrorName } from "./errors.ts";
import type { PublishedEvent } from "./events.ts";
import { newWamid, touchWindow } from "./ops-messages.ts";
import { toStoredComponents } from "./review.ts";
import type { TemplateRecord, TemplateStatus } from "./state.ts";

type Obj = Record<string, unknown>;

/** Identifies one template (WABA id or ARN, name, language). */
export interface TemplateRef {
  wabaId: string;
  name: string;
  language: string;
}

/** The admin surface; every method is also `POST /_admin/<method>` with the argument object as JSON body. */
export interface EmulatorAdmin {
  injectInboundMessage(a: { from: string; to: string; message: Obj; contactName?: string }): { wamid: string };
  setTemplateStatus(a: TemplateRef & { status: TemplateStatus; reason?: string }): void;
  setTemplateCategory(a: TemplateRef & { category: string }): void;
  setTemplateQuality(a: TemplateRef & { quality: "GREEN" | "YELLOW" | "RED" | "UNKNOWN" }): void;
  editTemplateOutOfBand(a: TemplateRef & { components: Obj[]; category?: string }): void;
  setDisplayName(a: { phoneNumberId: string; name: string }): void;
  setPhoneQuality(a: { phoneNumberId: string; quality: string }): void;
  injectFault(f: {
    operation: string;
    error?: EumErrorName;
    count?: number;
    latencyMs?: number;
    message?: string;
  }): void;
  clearFaults(): void;
  /** The next `count` (default 1) accepted sends (optionally to one recipient / from one number) fail at Meta with `code`. */
  injectDeliveryFailure(f: { code: number; count?: number; to?: string; phoneNumberId?: string }): void;
  sentMessages(filter?: { to?: string; originationPhoneNumberId?: string; sinceMs?: number }): SentMessage[];
  events(filter?: { wabaId?: string; field?: string }): PublishedEvent[];
  advanceClock(ms: number): void;
  now(): number;
  reset(): void;
  callCounts(): Record<string, number>;
  setTemplateLimit(wabaId: string, limit: number): void;
  uploadInboundMedia(a: { phoneNumberId: string; mimeType: string; data: Buffer | string }): {
    mediaId: string;
    sha256: string;
  };
  /** Resolves once every event published so far has reached its sinks (SNS/SQS/HTTP). */
  drainEvents(): Promise<void>;
  /** Counters and process figures; `gc: true` collects garbage first when Node runs with --expose-gc. */
  stats(opts?: { gc?: boolean }): {
    sentTotal: number;
    eventsTotal: number;
    memory: NodeJS.MemoryUsage;
    cpu: NodeJS.CpuUsage;
    sinks: { sink: string; failures: number; lastError?: string }[];
  };
}

const STATUSES: TemplateStatus[] = [
  "APPROVED",
  "PENDING",
  "REJECTED",
  "PAUSED",
  "DISABLED",
  "IN_APPEAL",
  "PENDING_DELETION",
  "DELETED",
  "LIMIT_EXCEEDED",
  "ARCHIVED",
];

/** A bad admin call (HTTP 400 on the admin API). */
export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminError";
  }
}

const MEDIA_MESSAGE_TYPES = ["image", "video", "audio", "document", "sticker"];

/** Builds the admin surface over one engine. */
export function createAdmin(e: Engine): EmulatorAdmin {
  const template = (r: TemplateRef): TemplateRecord => {
    const w = e.waba(r.wabaId);
    const t = e.templatesOf(w.id).find((x) => x.name === r.name && x.language === r.language);
    if (!t) throw new AdminError(`template ${r.name} (${r.language}) not found in ${w.id}`);
    return t;
  };
  const done = (): void => {
    e.markDirty();
    e.flush();
  };
  return {
    injectInboundMessage({ from, to, message, contactName }) {
      if (!/^\d{5,20}$/.test(from)) throw new AdminError(`from must be the user's WhatsApp id (digits), got "${from}"`);
      const phone = e.phone(to);
      const waba = e.waba(phone.wabaId);
      if (typeof message !== "object" || message === null || typeof message.type !== "string")
        throw new AdminError("message must be a Meta inbound message object with a type");
      const now = e.now();
      const wamid = newWamid();
      const msg: Obj = { from, id: wamid, timestamp: String(Math.floor(now / 1000)), ...structuredClone(message) };
      for (const t of MEDIA_MESSAGE_TYPES) {
        const part = msg[t] as Obj | undefined;
        if (msg.type === t && part && typeof part.id === "string") {
          const rec = e.state.media[part.id];
          if (rec) {
            part.mime_type ??= rec.mimeType;
            part.sha256 ??= rec.sha256;
          }
        }
      }
      touchWindow(e, phone.id, from, now);
      e.emit(waba, [phone], "messages", {
        messaging_product: "whatsapp",
        metadata: {
          display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ""),
          phone_number_id: phone.metaPhoneNumberId,
        },
        contacts: [{ profile: { name: contactName ?? "Test User" }, wa_id: from }],
        messages: [msg],
      });
      e.flushSoon();
      return { wamid };
    },
    setTemplateStatus({ status, reason, ...ref }) {
      if (!STATUSES.includes(status)) throw new AdminError(`status must be one of ${STATUSES.join(", ")}`);
      const t = template(ref);
      if (status !== "PENDING") {
        delete t.reviewAt;
        delete t.pendingDecision;
      }
      e.setStatus(
        t,
        status,
        reason,
        reason === "INVALID_FORMAT" ? { reason: "set by the emulator admin API", recommendation: "" } : undefined,
      );
      done();
    },
    setTemplateCategory({ category, ...ref }) {
      const t = template(ref);
      const c = category.toUpperCase();
      if (!["MARKETING", "UTILITY", "AUTHENTICATION"].includes(c))
        throw new AdminError("category must be MARKETING, UTILITY or AUTHENTICATION");
      const old = t.category;
      t.previousCategory = old;
      t.category = c;
      e.emitTemplateEvent(t, "template_category_update", { previous_category: old, new_category: c });
      done();
    },
    setTemplateQuality({ quality, ...ref }) {
      const t = template(ref);
      const old = t.qualityScore;
      t.qualityScore = quality;
      e.emitTemplateEvent(t, "message_template_quality_update", {
        previous_quality_score: old,
        new_quality_score: quality,
      });
      done();
    },
    editTemplateOutOfBand({ components, category, ...ref }) {
      const t = template(ref);
      if (!Array.isArray(components) || components.length === 0)
        throw new AdminError("components must be a non-empty array");
      if (category !== undefined) t.category = category.toUpperCase();
      t.submittedComponents = structuredClone(components);
      t.components = toStoredComponents(components, t.category);
      t.updatedAt = e.now();
      const body = t.components.find((c) => c.type === "BODY");
      e.emitTemplateEvent(t, "message_template_components_update", {
        message_template_element: typeof body?.text === "string" ? body.text : "",
      });
      done();
    },
    setDisplayName({ phoneNumberId, name }) {
      const p = e.phone(phoneNumberId);
      p.displayName = name;
      const waba = e.waba(p.wabaId);
      e.emit(waba, [p], "phone_number_name_update", {
        display_phone_number: p.displayPhoneNumber.replace(/\D/g, ""),
        decision: "APPROVED",
        requested_verified_name: name,
      });
      done();
    },
    setPhoneQuality({ phoneNumberId, quality }) {
      const p = e.phone(phoneNumberId);
      p.qualityRating = quality;
      done();
    },
    injectFault({ operation, error, count, latencyMs, message }) {
      if (error !== undefined && !isEumErrorName(error))
        throw new AdminError(`unknown error "${error}"; use an EUM exception name such as ThrottledRequestException`);
      const f: Fault = {
        operation,
        error,
        count: count ?? (error === undefined ? Number.POSITIVE_INFINITY : 1),
        latencyMs: latencyMs ?? 0,
        message,
      };
      e.faults.push(f);
    },
    clearFaults() {
      e.faults = [];
      e.deliveryFailures = [];
    },
    injectDeliveryFailure({ code, count, to, phoneNumberId }) {
      if (!Number.isInteger(code) || code <= 0) throw new AdminError("code must be a Meta error code such as 131056");
      e.deliveryFailures.push({
        code,
        count: count ?? 1,
        to,
        phoneNumberId: phoneNumberId === undefined ? undefined : e.phone(phoneNumberId).id,
      });
    },
    sentMessages(filter = {}) {
      return e.sent
        .toArray()
        .filter(
          (m) =>
            (filter.to === undefined || m.to.replace(/^\+/, "") === filter.to.replace(/^\+/, "")) &&
            (filter.originationPhoneNumberId === undefined ||
              m.originationPhoneNumberId === e.phone(filter.originationPhoneNumberId).id) &&
            (filter.sinceMs === undefined || m.at >= filter.sinceMs),
        );
    },
    events(filter = {}) {
      return e.events.toArray().filter((ev) => {
        if (filter.wabaId !== undefined && ev.wabaId !== e.waba(filter.wabaId).id) return false;
        if (filter.field === undefined) return true;
        return (JSON.parse(ev.envelope.whatsAppWebhookEntry) as { changes: { field: string }[] }).changes.some(
          (c) => c.field === filter.field,
        );
      });
    },
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new AdminError("ms must be a non-negative number");
      e.advanceClock(ms);
    },
    now() {
      return e.now();
    },
    reset() {
      e.reset();
    },
    callCounts() {
      return { ...e.callCounts };
    },
    setTemplateLimit(wabaId, limit) {
      if (!Number.isInteger(limit) || limit < 0) throw new AdminError("limit must be a non-negative integer");
      e.waba(wabaId).templateLimit = limit;
      done();
    },
    uploadInboundMedia({ phoneNumberId, mimeType, data }) {
      const p = e.phone(phoneNumberId);
      const bytes = typeof data === "string" ? Buffer.from(data, "base64") : data;
      if (!MEDIA_TYPES[mimeType]) throw new AdminError(`unsupported mimeType ${mimeType}`);
      const now = e.now();
      const mediaId = String(1_500_000_000_000_000 + ++e.state.counters.media);
      const sha256 = createHash("sha256").update(bytes).digest("base64");
      e.state.media[mediaId] = {
        mediaId,
        phoneNumberId: p.id,
        mimeType,
        size: bytes.length,
        sha256,
        direction: "inbound",
        createdAt: now,
        // Webhook media ids live 7 days at Meta.
        expiresAt: now + 7 * DAY_MS,
      };
      e.putMediaBytes(mediaId, bytes);
      done();
      return { mediaId, sha256 };
    },
    async drainEvents() {
      // Status events are emitted on the tick after the send returns.
      await new Promise<void>((r) => setImmediate(r));
      await e.drainSinks();
    },
    stats(opts = {}) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (opts.gc === true && gc !== undefined) gc();
      return {
        sentTotal: e.sent.total,
        eventsTotal: e.events.total,
        memory: process.memoryUsage(),
        cpu: process.cpuUsage(),
        sinks: e.sinkStatus(),
      };
    },
  };
}
