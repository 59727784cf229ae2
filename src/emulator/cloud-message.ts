/**
 * The emulator's own check of a Cloud API message object (types and the limits of whatsapp-rules.md §2), done before
 * SendWhatsAppMessage accepts it. Meta answers these synchronously, so they surface as InvalidParametersException.
 */
type Obj = Record<string, unknown>;

/** What kind of send a valid message is (decides window and template rules). */
export type MessageKind = "template" | "freeform" | "read" | "typing";

/** A message that passed the checks. */
export interface CheckedMessage {
  kind: MessageKind;
  type: string;
  to?: string;
  /** Media ids referenced by the message (must be uploaded by the same phone number). */
  mediaIds: string[];
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const chars = (s: string): number => [...s].length;

class Problem extends Error {}

function need(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Problem(msg);
}

function text(o: Obj, key: string, where: string, max: number, required = false): string | undefined {
  const v = o[key];
  if (v === undefined) {
    need(!required, `${where}.${key} is required`);
    return undefined;
  }
  need(typeof v === "string", `${where}.${key} must be a string`);
  need(!required || v.length > 0, `${where}.${key} must not be empty`);
  need(chars(v) <= max, `${where}.${key} is ${chars(v)} chars; the limit is ${max}`);
  return v;
}

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"];
const INTERACTIVE_TYPES = [
  "button",
  "list",
  "cta_url",
  "flow",
  "product",
  "product_list",
  "catalog_message",
  "carousel",
  "location_request_message",
  "address_message",
  "order_details",
  "order_status",
  "voice_call",
];

function media(o: unknown, type: string, where: string, ids: string[]): void {
  need(isObj(o), `${where} must be an object`);
  const hasId = typeof o.id === "string" && o.id !== "";
  const hasLink = typeof o.link === "string" && o.link !== "";
  need(hasId !== hasLink, `${where} needs exactly one of id or link`);
  if (hasLink) need(/^https?:\/\//.test(o.link as string), `${where}.link must be an http(s) URL`);
  if (hasId) ids.push(o.id as string);
  if (type === "audio" || type === "sticker") need(o.caption === undefined, `${where}: ${type} has no caption`);
  else text(o, "caption", where, 1024);
}

function header(h: unknown, where: string, allowed: string[], ids: string[]): void {
  if (h === undefined) return;
  need(isObj(h), `${where} must be an object`);
  need(typeof h.type === "string" && allowed.includes(h.type), `${where}.type must be one of ${allowed.join(", ")}`);
  if (h.type === "text") text(h, "text", where, 60, true);
  else media(h[h.type], h.type, `${where}.${h.type}`, ids);
}

function body(o: Obj, where: string, max: number, required: boolean): void {
  const b = o.body;
  if (b === undefined) {
    need(!required, `${where}.body is required`);
    return;
  }
  need(isObj(b), `${where}.body must be an object`);
  text(b, "text", `${where}.body`, max, true);
}

function footer(o: Obj, where: string): void {
  if (o.footer === undefined) return;
  need(isObj(o.footer), `${where}.footer must be an object`);
  text(o.footer, "text", `${where}.footer`, 60, true);
}

function interactive(i: unknown, ids: string[]): void {
  need(isObj(i), "interactive must be an object");
  const t = i.type;
  need(
    typeof t === "string" && INTERACTIVE_TYPES.includes(t),
    `interactive.type must be one of ${INTERACTIVE_TYPES.join(", ")}`,
  );
  const a = i.action;
  need(isObj(a), "interactive.action is required");
  const w = "interactive";
  switch (t) {
    case "button": {
      header(i.header, `${w}.header`, ["text", "image", "video", "document"], ids);
      body(i, w, 1024, true);
      footer(i, w);
      const bs = a.buttons;
      need(Array.isArray(bs) && bs.length >= 1 && bs.length <= 3, `${w}.action.buttons must have 1–3 buttons`);
      const titles = new Set<string>();
      const bids = new Set<string>();
      for (const [n, b] of bs.entries()) {
        const p = `${w}.action.buttons[${n}]`;
        need(isObj(b) && b.type === "reply" && isObj(b.reply), `${p} must be {type: "reply", reply: {id, title}}`);
        const id = text(b.reply, "id", `${p}.reply`, 256, true) as string;
        const title = text(b.reply, "title", `${p}.reply`, 20, true) as string;
        need(!titles.has(title), `${p}.reply.title "${title}" is not unique`);
        need(!bids.has(id), `${p}.reply.id "${id}" is not unique`);
        titles.add(title);
        bids.add(id);
      }
      return;
    }
    case "list": {
      header(i.header, `${w}.header`, ["text"], ids);
      body(i, w, 4096, true);
      footer(i, w);
      text(a, "button", `${w}.action`, 20, true);
      const ss = a.sections;
      need(Array.isArray(ss) && ss.length >= 1 && ss.length <= 10, `${w}.action.sections must have 1–10 sections`);
      let rows = 0;
      const rowIds = new Set<string>();
      for (const [n, s] of ss.entries()) {
        const p = `${w}.action.sections[${n}]`;
        need(isObj(s), `${p} must be an object`);
        text(s, "title", p, 24, ss.length > 1);
        need(Array.isArray(s.rows) && s.rows.length > 0, `${p}.rows must be a non-empty array`);
        for (const [m, r] of s.rows.entries()) {
          const q = `${p}.rows[${m}]`;
          need(isObj(r), `${q} must be an object`);
          const id = text(r, "id", q, 200, true) as string;
          need(!rowIds.has(id), `${q}.id "${id}" is not unique`);
          rowIds.add(id);
          text(r, "title", q, 24, true);
          text(r, "description", q, 72);
          rows++;
        }
      }
      need(rows <= 10, `${w}.action.sections have ${rows} rows in total; the limit is 10`);
      return;
    }
    case "cta_url": {
      header(i.header, `${w}.header`, ["text", "image", "video", "document"], ids);
      body(i, w, 1024, true);
      footer(i, w);
      need(a.name === "cta_url" && isObj(a.parameters), `${w}.action must be {name: "cta_url", parameters}`);
      text(a.parameters, "display_text", `${w}.action.parameters`, 20, true);
      const url = text(a.parameters, "url", `${w}.action.parameters`, 2000, true) as string;
      need(/^https?:\/\//.test(url), `${w}.action.parameters.url must be an http(s) URL`);
      return;
    }
    case "flow": {
      header(i.header, `${w}.header`, ["text", "image", "video", "document"], ids);
      body(i, w, 1024, true);
      footer(i, w);
      need(a.name === "flow" && isObj(a.parameters), `${w}.action must be {name: "flow", parameters}`);
      const p = a.parameters;
      need(String(p.flow_message_version) === "3", `${w}.action.parameters.flow_message_version must be "3"`);
      need(
        (p.flow_id !== undefined) !== (p.flow_name !== undefined),
        `${w}.action.parameters needs exactly one of flow_id or flow_name`,
      );
      text(p, "flow_cta", `${w}.action.parameters`, 30, true);
      if (p.mode !== undefined)
        need(p.mode === "draft" || p.mode === "published", "flow mode must be draft or published");
      if (p.flow_action !== undefined)
        need(
          p.flow_action === "navigate" || p.flow_action === "data_exchange",
          "flow_action must be navigate or data_exchange",
        );
      if (p.flow_action === "navigate" || p.flow_action === undefined) {
        if (p.flow_action_payload !== undefined) {
          need(isObj(p.flow_action_payload), "flow_action_payload must be an object");
          text(p.flow_action_payload, "screen", `${w}.action.parameters.flow_action_payload`, 200, true);
          if (p.flow_action_payload.data !== undefined)
            need(
              isObj(p.flow_action_payload.data) && Object.keys(p.flow_action_payload.data).length > 0,
              "flow_action_payload.data must be a non-empty object",
            );
        }
      }
      return;
    }
    case "carousel": {
      body(i, w, 1024, true);
      need(i.header === undefined && i.footer === undefined, `${w}: a carousel has no header or footer`);
      const cards = a.cards;
      need(Array.isArray(cards) && cards.length >= 2 && cards.length <= 10, `${w}.action.cards must have 2–10 cards`);
      for (const [n, c] of cards.entries()) {
        need(isObj(c), `${w}.action.cards[${n}] must be an object`);
        header(c.header, `${w}.action.cards[${n}].header`, ["image", "video"], ids);
        if (isObj(c.body)) text(c.body, "text", `${w}.action.cards[${n}].body`, 160, true);
      }
      return;
    }
    case "location_request_message":
      body(i, w, 1024, true);
      need(a.name === "send_location", `${w}.action.name must be "send_location"`);
      return;
    case "order_details": {
      body(i, w, 1024, true);
      footer(i, w);
      need(
        a.name === "review_and_pay" && isObj(a.parameters),
        `${w}.action must be {name: "review_and_pay", parameters}`,
      );
      const p = a.parameters;
      const ref = text(p, "reference_id", `${w}.action.parameters`, 35, true) as string;
      need(/^[A-Za-z0-9_.-]+$/.test(ref), `reference_id "${ref}" may contain only letters, digits, _ . -`);
      need(p.currency === "INR", `${w}.action.parameters.currency must be "INR"`);
      need(
        isObj(p.total_amount) && Number.isInteger(p.total_amount.value) && (p.total_amount.value as number) > 0,
        `${w}.action.parameters.total_amount.value must be a positive integer`,
      );
      need(isObj(p.order) && Array.isArray(p.order.items), `${w}.action.parameters.order.items is required`);
      return;
    }
    case "order_status": {
      body(i, w, 1024, true);
      footer(i, w);
      need(a.name === "review_order" && isObj(a.parameters), `${w}.action must be {name: "review_order", parameters}`);
      need(isObj(a.parameters.order), `${w}.action.parameters.order is required`);
      text(a.parameters, "reference_id", `${w}.action.parameters`, 35, true);
      return;
    }
    default:
      body(i, w, 1024, t !== "product");
      footer(i, w);
  }
}

/** Checks a Cloud API message; returns its kind or an error text naming the field and the limit. */
export function checkCloudMessage(raw: unknown): CheckedMessage | { error: string } {
  const ids: string[] = [];
  try {
    need(isObj(raw), "the message must be a JSON object");
    need(raw.messaging_product === "whatsapp", 'messaging_product must be "whatsapp"');
    if (raw.status === "read") {
      need(typeof raw.message_id === "string", "a read receipt needs message_id");
      return { kind: raw.typing_indicator === undefined ? "read" : "typing", type: "read", mediaIds: [] };
    }
    const to = raw.to;
    need(
      typeof to === "string" && /^\+?[0-9]{5,20}$/.test(to),
      `to must be a phone number of 5–20 digits (got ${JSON.stringify(to)})`,
    );
    if (raw.recipient_type !== undefined)
      need(
        raw.recipient_type === "individual" || raw.recipient_type === "group",
        'recipient_type must be "individual" or "group"',
      );
    const type = raw.type === undefined ? "text" : raw.type;
    need(typeof type === "string", "type must be a string");
    const payload = raw[type];
    need(
      isObj(payload) || (type === "contacts" && Array.isArray(payload)),
      `${type} object is required for type "${type}"`,
    );
    if (raw.context !== undefined)
      need(isObj(raw.context) && typeof raw.context.message_id === "string", "context.message_id is required");
    switch (type) {
      case "text":
        text(payload as Obj, "body", "text", 4096, true);
        if ((payload as Obj).preview_url !== undefined)
          need(typeof (payload as Obj).preview_url === "boolean", "text.preview_url must be a boolean");
        break;
      case "image":
      case "video":
      case "audio":
      case "document":
      case "sticker":
        media(payload, type, type, ids);
        break;
      case "location": {
        const p = payload as Obj;
        need(typeof p.latitude === "number" || typeof p.latitude === "string", "location.latitude is required");
        need(typeof p.longitude === "number" || typeof p.longitude === "string", "location.longitude is required");
        break;
      }
      case "contacts": {
        const list = payload as unknown as unknown[];
        need(Array.isArray(list) && list.length >= 1 && list.length <= 257, "contacts must have 1–257 entries");
        for (const [n, c] of list.entries())
          need(
            isObj(c) && isObj(c.name) && typeof c.name.formatted_name === "string",
            `contacts[${n}].name.formatted_name is required`,
          );
        break;
      }
      case "reaction": {
        const p = payload as Obj;
        need(typeof p.message_id === "string" && p.message_id !== "", "reaction.message_id is required");
        need(typeof p.emoji === "string", "reaction.emoji is required (empty string removes a reaction)");
        break;
      }
      case "interactive":
        interactive(payload, ids);
        break;
      case "template": {
        const p = payload as Obj;
        need(typeof p.name === "string" && p.name !== "", "template.name is required");
        need(isObj(p.language) && typeof p.language.code === "string", "template.language.code is required");
        if (p.components !== undefined) need(Array.isArray(p.components), "template.components must be an array");
        for (const c of (p.components as unknown[] | undefined) ?? []) {
          need(isObj(c) && typeof c.type === "string", "each template component needs a type");
          for (const prm of (c.parameters as unknown[] | undefined) ?? []) {
            need(isObj(prm) && typeof prm.type === "string", "each template parameter needs a type");
            if (prm.type === "text") {
              need(typeof prm.text === "string", "a text parameter needs text");
              need(
                !/[\n\t]| {5,}/.test(prm.text),
                `parameter "${prm.text.slice(0, 30)}" must not contain new lines, tabs or more than 4 consecutive spaces`,
              );
            }
            for (const mt of MEDIA_TYPES)
              if (prm.type === mt && isObj(prm[mt]) && typeof prm[mt].id === "string") ids.push(prm[mt].id);
          }
        }
        return { kind: "template", type, to, mediaIds: ids };
      }
      default:
        need(false, `unsupported message type "${type}"`);
    }
    return { kind: "freeform", type, to, mediaIds: ids };
  } catch (err) {
    if (err instanceof Problem) return { error: err.message };
    throw err;
  }
}
