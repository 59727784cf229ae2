/**
 * Welcome & menu, driven by the declared ConversationFlow: the welcome on first contact or after `silence_hours`,
 * CTWA welcome sequences chosen by the ad's `source_id`, the main menu on keywords and `/commands`, and the action of
 * each list row / button (`routes`), with `fallback` for anything else.
 */
import type { BusinessProfile } from "../../../../schemas/generated/business-profile.ts";
import type { ConversationFlow, FlowMessage, Route } from "../../../../schemas/generated/conversation-flow.ts";
import { textMessage } from "../../messages/basic.ts";
import { flowMessage } from "../../messages/interactive.ts";
import { templateMessage } from "../../messages/template.ts";
import type { CloudApiMessage } from "../../ports.ts";
import type { InboundDeps } from "../deps.ts";
import type { MessageEvent } from "../events.ts";
import { type Conversation, type Decision, patchConversation } from "./conversation.ts";
import { infoTopicOf, profileReply } from "./profile.ts";
import type { Replier } from "./reply.ts";

/** What a message means for the flow. */
export type Intent =
  | { kind: "menu" }
  | { kind: "route"; id: string }
  | { kind: "info"; topic: NonNullable<ReturnType<typeof infoTopicOf>> }
  | { kind: "fallback" }
  | { kind: "none" };

const norm = (s: string): string => s.trim().toLowerCase().normalize("NFC");

/** Pure: classifies a message against the flow (keywords, `/commands`, routes, profile topics). */
export function intentOf(ev: MessageEvent, flow: ConversationFlow, decision: Decision): Intent {
  const m = ev.message;
  if (m.type === "interactive") {
    const i = m["interactive"] as { type: string; button_reply?: { id: string }; list_reply?: { id: string } };
    const id = i.button_reply?.id ?? i.list_reply?.id;
    if (id === undefined) return { kind: "none" };
    return flow.routes?.[id] !== undefined ? { kind: "route", id } : { kind: "fallback" };
  }
  if (m.type === "button") {
    const b = m["button"] as { payload?: string; text: string };
    const id = b.payload ?? b.text;
    return flow.routes?.[id] !== undefined ? { kind: "route", id } : { kind: "fallback" };
  }
  if (m.type !== "text") return { kind: "none" };
  const text = norm((m["text"] as { body: string }).body);
  if (text.startsWith("/")) {
    const name = text.slice(1).split(/\s+/)[0] ?? "";
    const cmd = flow.menu?.triggers?.commands?.find((c) => norm(c.command_name) === name);
    if (cmd !== undefined)
      return cmd.route !== undefined && flow.routes?.[cmd.route] !== undefined
        ? { kind: "route", id: cmd.route }
        : { kind: "menu" };
  }
  if ((flow.menu?.triggers?.keywords ?? []).some((k) => norm(k) === text)) return { kind: "menu" };
  if (decision.ctwaSourceId !== undefined || ev.message.referral?.source_id !== undefined) {
    const seq = flow.ctwa_welcome_sequences?.[decision.ctwaSourceId ?? ev.message.referral?.source_id ?? ""];
    if (seq?.route !== undefined && seq.autofill_message !== undefined && norm(seq.autofill_message.content) === text)
      return { kind: "route", id: seq.route };
  }
  if (flow.routes?.[text] !== undefined) return { kind: "route", id: text };
  const topic = infoTopicOf(text);
  if (topic !== undefined) return { kind: "info", topic };
  return { kind: "fallback" };
}

/** Values for `{{contact.*}}` and `{{profile.*}}` placeholders in declared texts and template parameters. */
export function fillPlaceholders(s: string, ev: MessageEvent, profile: BusinessProfile | undefined): string {
  return s.replace(/\{\{\s*([a-z_]+)\.([a-z_]+)\s*\}\}/g, (whole, scope: string, field: string) => {
    if (scope === "contact") {
      const name = ev.contactName?.trim() ?? "";
      if (field === "name") return name === "" ? "Customer" : name;
      if (field === "first_name") return name === "" ? "Customer" : (name.split(/\s+/)[0] ?? name);
      if (field === "wa_id") return ev.message.from;
    }
    if (scope === "profile") {
      // `profile.name` is the user's WhatsApp profile name (Meta's `contacts[].profile.name`).
      if (field === "name") return ev.contactName ?? "Customer";
      const v = (profile as Record<string, unknown> | undefined)?.[field];
      if (typeof v === "string") return v;
      if (Array.isArray(v)) return v.join(", ");
      return "";
    }
    return whole;
  });
}

function templateFrom(
  t: { name: string; language: string; params?: Record<string, string> },
  ev: MessageEvent,
  profile: BusinessProfile | undefined,
): CloudApiMessage {
  const params = Object.entries(t.params ?? {}).map(([k, v]) => [k, fillPlaceholders(v, ev, profile)] as const);
  const positional = params.length > 0 && params.every(([k]) => /^\d+$/.test(k));
  const body = positional
    ? params.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v)
    : Object.fromEntries(params);
  return templateMessage({ name: t.name, language: t.language, ...(params.length > 0 ? { body } : {}) });
}

function flowMessageOf(m: FlowMessage, ev: MessageEvent, profile: BusinessProfile | undefined): CloudApiMessage {
  if (m.type === "text")
    return textMessage(
      fillPlaceholders(m.text, ev, profile),
      m.preview_url === undefined ? {} : { previewUrl: m.preview_url },
    );
  return templateFrom(m, ev, profile);
}

/** The declared menu as a Cloud API interactive message (validated at review time; passed through as declared). */
export function menuMessage(flow: ConversationFlow): CloudApiMessage | undefined {
  if (flow.menu === undefined) return undefined;
  return {
    type: "interactive",
    interactive: structuredClone(flow.menu.interactive) as unknown as Record<string, unknown>,
  };
}

/** Runs one route. */
export async function runRoute(
  deps: InboundDeps,
  ev: MessageEvent,
  reply: Replier,
  flow: ConversationFlow,
  route: Route,
  profile: BusinessProfile | undefined,
  routeId: string,
): Promise<void> {
  switch (route.action) {
    case "reply_text":
      await reply.send(`route:${routeId}`, () => textMessage(fillPlaceholders(route.text, ev, profile) || "…"));
      return;
    case "send_template":
      await reply.send(`route:${routeId}`, () => templateFrom(route, ev, profile));
      return;
    case "send_flow": {
      // A navigate flow must name its first screen; the schema has no `screen` yet, so without one the flow is
      // opened in data_exchange mode (its endpoint chooses the screen).
      const screen = (route as { screen?: string }).screen;
      await reply.send(`route:${routeId}`, () =>
        flowMessage({
          flowName: route.flow,
          cta: route.cta,
          body: route.body,
          flowToken: `${routeId}:${ev.message.id}`.slice(0, 200),
          ...(screen === undefined ? { action: "data_exchange" as const } : { action: "navigate" as const, screen }),
        }),
      );
      return;
    }
    case "show_menu": {
      const menu = menuMessage(flow);
      if (menu !== undefined) await reply.send("menu", () => menu);
      return;
    }
    case "handoff":
      await patchConversation(deps, ev, (c: Conversation) => {
        c.state = "handoff";
        if (route.queue !== undefined) c.handoffQueue = route.queue;
      });
      deps.metrics.count("Handoffs", { queue: route.queue ?? "default" });
      if (route.text !== undefined) {
        const text = route.text;
        await reply.send(`route:${routeId}`, () => textMessage(fillPlaceholders(text, ev, profile)));
      }
      return;
  }
}

/** The welcome / menu / route reply to one user message. */
export async function respond(
  deps: InboundDeps,
  ev: MessageEvent,
  reply: Replier,
  flow: ConversationFlow | undefined,
  profile: BusinessProfile | undefined,
  decision: Decision,
): Promise<void> {
  let menuShown = false;
  if (flow !== undefined && decision.welcome === "ctwa" && decision.ctwaSourceId !== undefined) {
    const seq = flow.ctwa_welcome_sequences?.[decision.ctwaSourceId];
    if (seq !== undefined) await reply.send("ctwa_welcome", () => textMessage(fillPlaceholders(seq.text, ev, profile)));
  } else if (flow?.welcome !== undefined && decision.welcome === "generic") {
    const w = flow.welcome;
    await reply.send("welcome", () => flowMessageOf(w.message, ev, profile));
    const menu = w.then_show_menu === true ? menuMessage(flow) : undefined;
    if (menu !== undefined) {
      await reply.send("menu", () => menu);
      menuShown = true;
    }
  }
  if (flow === undefined) {
    const topic = ev.message.type === "text" ? infoTopicOf((ev.message["text"] as { body: string }).body) : undefined;
    if (topic !== undefined && profile !== undefined)
      await reply.send("profile", () => textMessage(profileReply(profile, topic, deps.now())));
    return;
  }
  const intent = intentOf(ev, flow, decision);
  // A human has the conversation: the bot only answers what takes it back (the menu, a /command, a menu choice).
  if (decision.state === "handoff" && intent.kind !== "menu" && intent.kind !== "route") return;
  switch (intent.kind) {
    case "menu":
      if (!menuShown) {
        const menu = menuMessage(flow);
        if (menu !== undefined) await reply.send("menu", () => menu);
      }
      if (decision.state === "handoff")
        await patchConversation(deps, ev, (c) => {
          c.state = "bot";
        });
      return;
    case "route": {
      const route = flow.routes?.[intent.id];
      if (route !== undefined) await runRoute(deps, ev, reply, flow, route, profile, intent.id);
      return;
    }
    case "info":
      if (profile !== undefined)
        await reply.send("profile", () => textMessage(profileReply(profile, intent.topic, deps.now())));
      else if (decision.welcome === "none" && flow.fallback !== undefined)
        await runRoute(deps, ev, reply, flow, flow.fallback, profile, "fallback");
      return;
    case "fallback":
      if (decision.welcome === "none" && flow.fallback !== undefined && !menuShown)
        await runRoute(deps, ev, reply, flow, flow.fallback, profile, "fallback");
      return;
    case "none":
      return;
  }
}
