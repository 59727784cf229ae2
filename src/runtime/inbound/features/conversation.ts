/**
 * Per-user conversation state: the 24-hour customer service window (72 h free entry point after a click-to-WhatsApp
 * ad), whether this message earns a welcome, handoff state. The decision for a message is stored in the record
 * with its wamid, so a retried message gets the same decision instead of a fresh one.
 */
import type { ConversationFlow } from "../../../../schemas/generated/conversation-flow.ts";
import type { InboundDeps } from "../deps.ts";
import type { MessageEvent } from "../events.ts";
import { updateVersioned } from "../stores.ts";
import { conversationKey } from "../tables.ts";

const HOUR = 3600_000;
/** Customer service window (whatsapp-rules.md §7.4). */
export const WINDOW_MS = 24 * HOUR;
/** Free entry point window after a CTWA ad (§4, §7.4). */
export const FREE_ENTRY_MS = 72 * HOUR;
const KEEP_DECISIONS = 20;

/** What to do about welcoming, decided once per inbound message. */
export interface Decision {
  welcome: "none" | "generic" | "ctwa";
  ctwaSourceId?: string;
  /** Conversation state when the message arrived. */
  state: "bot" | "handoff";
  firstContact: boolean;
}

/** One user's conversation with one business number. */
export interface Conversation {
  waId: string;
  phone: string;
  contactName?: string;
  firstSeenAt: number;
  lastInboundAt: number;
  windowExpiresAt: number;
  freeEntryUntil?: number;
  lastWelcomeAt?: number;
  state: "bot" | "handoff";
  handoffQueue?: string;
  ctwaSourceId?: string;
  lastFlowResponse?: { name?: string; response: string; at: number };
  /** Recent decisions by wamid (retries reuse them). */
  decisions: Record<string, Decision>;
  /** Order of `decisions` keys, oldest first. */
  decisionOrder: string[];
}

/** Message types that are a user writing to us (and open the service window). */
const USER_TYPES = new Set([
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "order",
  "reaction",
  "request_welcome",
  "unsupported",
]);

/** The conversation key of an event. */
export function conversationKeyOf(ev: MessageEvent): string {
  return conversationKey(ev.phone.metaPhoneNumberId, ev.message.from);
}

/** Pure: the welcome decision for a message at `at` given the previous state. */
export function decideWelcome(
  prev: Conversation | undefined,
  ev: MessageEvent,
  at: number,
  flow: ConversationFlow | undefined,
): Decision {
  const firstContact = prev === undefined;
  const windowExpired = prev !== undefined && prev.windowExpiresAt <= at;
  const state = prev === undefined || windowExpired ? "bot" : prev.state;
  const sourceId = ev.message.referral?.source_id;
  if (sourceId !== undefined && flow?.ctwa_welcome_sequences?.[sourceId] !== undefined)
    return { welcome: "ctwa", ctwaSourceId: sourceId, state, firstContact };
  const w = flow?.welcome;
  if (w === undefined || w.enabled === false || !USER_TYPES.has(ev.message.type) || ev.message.type === "reaction")
    return { welcome: "none", state, firstContact };
  if (prev === undefined) return { welcome: "generic", state, firstContact };
  const silence = w.silence_hours;
  if (silence !== undefined && at - prev.lastInboundAt >= silence * HOUR)
    return { welcome: "generic", state, firstContact };
  return { welcome: "none", state, firstContact };
}

/** Records the message in the conversation and returns its (possibly earlier) decision. */
export async function touchConversation(
  deps: InboundDeps,
  ev: MessageEvent,
  flow: ConversationFlow | undefined,
): Promise<{ decision: Decision; conversation: Conversation }> {
  const now = deps.now();
  const ts = Number(ev.message.timestamp) * 1000;
  // Meta's timestamp when sane, else arrival time (a skewed or fuzzed timestamp must not close the window).
  const at = Number.isFinite(ts) && ts > 0 && ts <= now + 5 * 60_000 ? ts : now;
  return updateVersioned(deps.conversations, conversationKeyOf(ev), now, (prev) => {
    const known = prev?.decisions[ev.message.id];
    if (known !== undefined && prev !== undefined) return { result: { decision: known, conversation: prev } };
    const decision = decideWelcome(prev, ev, at, flow);
    const next: Conversation =
      prev === undefined
        ? {
            waId: ev.message.from,
            phone: ev.phone.metaPhoneNumberId,
            firstSeenAt: at,
            lastInboundAt: at,
            windowExpiresAt: at + WINDOW_MS,
            state: "bot",
            decisions: {},
            decisionOrder: [],
          }
        : structuredClone(prev);
    if (USER_TYPES.has(ev.message.type) && at >= next.lastInboundAt) {
      next.lastInboundAt = at;
      next.windowExpiresAt = Math.max(next.windowExpiresAt, at + WINDOW_MS);
    }
    if (decision.state === "bot" && next.state === "handoff") {
      next.state = "bot";
      delete next.handoffQueue;
    }
    if (ev.contactName !== undefined) next.contactName = ev.contactName;
    const ref = ev.message.referral;
    if (ref?.source_id !== undefined) next.ctwaSourceId = ref.source_id;
    if (ref !== undefined && (ref.source_type === undefined || ref.source_type === "ad"))
      next.freeEntryUntil = at + FREE_ENTRY_MS;
    if (decision.welcome !== "none") next.lastWelcomeAt = at;
    next.decisions[ev.message.id] = decision;
    next.decisionOrder.push(ev.message.id);
    while (next.decisionOrder.length > KEEP_DECISIONS) {
      const old = next.decisionOrder.shift();
      if (old !== undefined) delete next.decisions[old];
    }
    return { value: next, result: { decision, conversation: next } };
  });
}

/** Applies `change` to a conversation (handoff, flow responses); no-op when the conversation is gone. */
export async function patchConversation(
  deps: InboundDeps,
  ev: MessageEvent,
  change: (c: Conversation) => void,
): Promise<void> {
  await updateVersioned(deps.conversations, conversationKeyOf(ev), deps.now(), (prev) => {
    if (prev === undefined) return { result: undefined };
    const next = structuredClone(prev);
    change(next);
    return { value: next, result: undefined };
  });
}

/** Whether the user's customer service window is open at `at`. */
export function isWindowOpen(c: Conversation | undefined, at: number): boolean {
  return c !== undefined && c.windowExpiresAt > at;
}
