/**
 * The router: one typed event in, the feature handlers it concerns called. Message events update the conversation
 * first (window, welcome decision), then the type's own handler (media, order), then the welcome/menu/route reply.
 */
import type { BusinessProfile } from "../../../schemas/generated/business-profile.ts";
import type { ConversationFlow } from "../../../schemas/generated/conversation-flow.ts";
import { declared, type InboundDeps } from "./deps.ts";
import type { InboundEvent, MessageEvent } from "./events.ts";
import { patchConversation, touchConversation } from "./features/conversation.ts";
import { MEDIA_TYPES, onMedia } from "./features/media.ts";
import { onOrderMessage, onPaymentStatus } from "./features/payments.ts";
import { Replier } from "./features/reply.ts";
import { onStatus } from "./features/statuses.ts";
import { onTemplateEvent } from "./features/templates.ts";
import { respond } from "./features/welcome-menu.ts";
import { unknownKey } from "./tables.ts";

async function onMessage(deps: InboundDeps, ev: MessageEvent): Promise<void> {
  const m = ev.message;
  deps.metrics.count("Messages", { type: ev.known ? m.type : "unknown" });
  if (!ev.known) {
    await deps.records.put(
      unknownKey(ev.key),
      { kind: "message", type: m.type, raw: JSON.stringify(m).slice(0, 100_000) },
      deps.now(),
    );
    deps.logger.warn("unknown inbound message type recorded", { type: m.type, wamid: m.id });
  }
  if (m.group_id !== undefined) {
    // Group messages are recorded, not answered: the bot's 1:1 welcome/menu would spam the group.
    deps.metrics.count("GroupMessages");
    return;
  }
  if (m.type === "system") return;
  const [flow, profile] = await Promise.all([
    declared<ConversationFlow>(deps, "ConversationFlow", deps.documents?.flow),
    declared<BusinessProfile>(deps, "BusinessProfile", deps.documents?.profile),
  ]);
  const { decision } = await touchConversation(deps, ev, flow);
  const reply = new Replier(deps, ev.key, ev.phone, m.from);
  if (MEDIA_TYPES.has(m.type)) await onMedia(deps, ev);
  if (m.type === "order") await onOrderMessage(deps, ev, reply);
  if (m.type === "interactive") {
    const i = m["interactive"] as { type: string; nfm_reply?: { name?: string; response_json: string } };
    if (i.type === "nfm_reply" && i.nfm_reply !== undefined) {
      const r = i.nfm_reply;
      await patchConversation(deps, ev, (c) => {
        c.lastFlowResponse = {
          ...(r.name === undefined ? {} : { name: r.name }),
          response: r.response_json.slice(0, 50_000),
          at: deps.now(),
        };
      });
      deps.metrics.count("FlowResponses", { name: r.name ?? "flow" });
    }
  }
  await respond(deps, ev, reply, flow, profile, decision);
}

/** Routes one event to its feature handler. Throws only for failures worth a retry (AWS calls, lost races). */
export async function routeEvent(deps: InboundDeps, ev: InboundEvent): Promise<void> {
  switch (ev.kind) {
    case "message":
      return onMessage(deps, ev);
    case "status":
      return onStatus(deps, ev);
    case "payment":
      return onPaymentStatus(deps, ev);
    case "template":
      return onTemplateEvent(deps, ev);
    case "errors":
      deps.metrics.count("WebhookErrors", { code: String(ev.errors[0]?.code ?? "none") });
      await deps.records.put(unknownKey(ev.key), { kind: "errors", errors: JSON.stringify(ev.errors) }, deps.now());
      return;
    case "unknown":
      deps.metrics.count("UnknownFields", { field: ev.field.slice(0, 64) });
      await deps.records.put(
        unknownKey(ev.key),
        { kind: "field", field: ev.field, raw: JSON.stringify(ev.value ?? null).slice(0, 100_000) },
        deps.now(),
      );
      return;
    case "invalid":
      // Dead-lettered by the processor before routing.
      return;
  }
}
