/**
 * Template message builder (whatsapp-rules.md §1.3–§1.7 send-time rules): header/body parameters (named or
 * positional), button parameters (URL suffix, copy code, OTP, quick-reply payload, flow), limited-time-offer
 * expiration and carousel cards. Values are checked here; whether the template exists and is APPROVED is checked
 * against the runtime config store by the sender.
 */
import type { CloudApiMessage } from "../ports.ts";
import { type MediaRef, mediaObject } from "./basic.ts";
import { Checker, chars } from "./check.ts";

type Obj = Record<string, unknown>;

/** Body or header text parameters: positional values (`{{1}}`, `{{2}}`…) or named values (`{{order_id}}`). */
export type TextParams = readonly string[] | Readonly<Record<string, string>>;

/** A template header parameter. */
export type TemplateHeader =
  | { text: TextParams }
  | { image: MediaRef }
  | { video: MediaRef }
  | { document: MediaRef & { filename?: string } }
  | { location: { latitude: number; longitude: number; name?: string; address?: string } };

/** A button parameter, addressed by the button's index in the template. */
export type TemplateButtonParam =
  | { index: number; type: "url"; suffix: string }
  | { index: number; type: "copy_code"; code: string }
  | { index: number; type: "otp"; code: string }
  | { index: number; type: "quick_reply"; payload: string }
  | { index: number; type: "flow"; flowToken?: string; data?: Record<string, unknown> }
  | { index: number; type: "catalog"; thumbnailProductRetailerId?: string }
  | {
      index: number;
      type: "mpm";
      thumbnailProductRetailerId: string;
      sections: ReadonlyArray<{ title: string; productRetailerIds: readonly string[] }>;
    };

/** A carousel card's parameters, in card order. */
export interface TemplateCard {
  header?: { image: MediaRef } | { video: MediaRef } | { product: { catalogId: string; productRetailerId: string } };
  body?: TextParams;
  buttons?: readonly TemplateButtonParam[];
}

/** Everything a template send can carry. */
export interface TemplateInput {
  name: string;
  language: string;
  header?: TemplateHeader;
  body?: TextParams;
  buttons?: readonly TemplateButtonParam[];
  /** Limited-time offer: Unix milliseconds when the offer ends (templates with `has_expiration`). */
  ltoExpirationMs?: number;
  cards?: readonly TemplateCard[];
}

const NAME_RE = /^[a-z_][a-z0-9_]*$/;

function textParameters(c: Checker, path: string, params: TextParams, max: number): Obj[] {
  const named = !Array.isArray(params);
  const entries: Array<[string | undefined, string]> = named
    ? Object.entries(params as Record<string, string>)
    : (params as readonly string[]).map((v) => [undefined, v]);
  return entries.map(([name, value], n) => {
    const at = name === undefined ? `${path}[${n}]` : `${path}.${name}`;
    if (name !== undefined && !NAME_RE.test(name))
      c.fail(at, `parameter name "${name}" must be lowercase letters, digits and underscores`);
    if (c.text(at, value, max)) {
      if (/[\n\t]| {5,}/.test(value)) c.fail(at, "must not contain new lines, tabs or more than 4 consecutive spaces");
    }
    return name === undefined ? { type: "text", text: value } : { type: "text", parameter_name: name, text: value };
  });
}

function headerParameters(c: Checker, path: string, h: TemplateHeader | TemplateCard["header"]): Obj[] {
  if (h === undefined) return [];
  if ("text" in h) {
    const ps = textParameters(c, `${path}.text`, h.text, 60);
    if (ps.length > 1) c.fail(`${path}.text`, `a header has at most 1 parameter, got ${ps.length}`);
    return ps;
  }
  if ("location" in h) {
    const l = h.location;
    if (Math.abs(l.latitude) > 90 || Math.abs(l.longitude) > 180)
      c.fail(`${path}.location`, "latitude/longitude out of range");
    return [{ type: "location", location: { ...l } }];
  }
  if ("product" in h) {
    c.text(`${path}.product.productRetailerId`, h.product.productRetailerId, 256);
    return [
      {
        type: "product",
        product: { product_retailer_id: h.product.productRetailerId, catalog_id: h.product.catalogId },
      },
    ];
  }
  const kind = Object.keys(h)[0] as "image" | "video" | "document";
  const ref = (h as Record<string, MediaRef & { filename?: string }>)[kind] as MediaRef & { filename?: string };
  const media = mediaObject(c, `${path}.${kind}`, ref);
  if (kind === "document" && ref.filename !== undefined) media["filename"] = ref.filename;
  return [{ type: kind, [kind]: media }];
}

function buttonComponents(c: Checker, path: string, buttons: readonly TemplateButtonParam[] | undefined): Obj[] {
  const seen = new Set<number>();
  return (buttons ?? []).map((b, n) => {
    const at = `${path}[${n}]`;
    if (!Number.isInteger(b.index) || b.index < 0 || b.index > 9) c.fail(`${at}.index`, `${b.index} must be 0–9`);
    if (seen.has(b.index)) c.fail(`${at}.index`, `button ${b.index} has parameters twice`);
    seen.add(b.index);
    const base = { type: "button", index: String(b.index) };
    switch (b.type) {
      case "url":
        if (c.text(`${at}.suffix`, b.suffix, 2000) && /\s/.test(b.suffix))
          c.fail(`${at}.suffix`, "must be percent-encoded (no spaces); use encodeURIComponent");
        return { ...base, sub_type: "url", parameters: [{ type: "text", text: b.suffix }] };
      case "otp":
        if (c.text(`${at}.code`, b.code, 15) && /\s/.test(b.code)) c.fail(`${at}.code`, "must not contain spaces");
        return { ...base, sub_type: "url", parameters: [{ type: "text", text: b.code }] };
      case "copy_code":
        if (c.text(`${at}.code`, b.code, 15) && !/^[A-Za-z0-9]+$/.test(b.code))
          c.fail(`${at}.code`, `"${b.code}" must be letters and digits only`);
        return { ...base, sub_type: "copy_code", parameters: [{ type: "coupon_code", coupon_code: b.code }] };
      case "quick_reply":
        c.text(`${at}.payload`, b.payload, 256);
        return { ...base, sub_type: "quick_reply", parameters: [{ type: "payload", payload: b.payload }] };
      case "flow":
        return {
          ...base,
          sub_type: "flow",
          parameters: [
            {
              type: "action",
              action: {
                flow_token: b.flowToken ?? "unused",
                ...(b.data === undefined ? {} : { flow_action_data: b.data }),
              },
            },
          ],
        };
      case "catalog":
        return {
          ...base,
          sub_type: "catalog",
          parameters: [
            {
              type: "action",
              action:
                b.thumbnailProductRetailerId === undefined
                  ? {}
                  : { thumbnail_product_retailer_id: b.thumbnailProductRetailerId },
            },
          ],
        };
      case "mpm": {
        c.count(`${at}.sections`, b.sections, 1, 10, "sections");
        const total = b.sections.reduce((s, x) => s + x.productRetailerIds.length, 0);
        if (total > 30) c.fail(`${at}.sections`, `hold ${total} products; the limit is 30`);
        b.sections.forEach((s, k) => {
          c.text(`${at}.sections[${k}].title`, s.title, 24);
        });
        return {
          ...base,
          sub_type: "mpm",
          parameters: [
            {
              type: "action",
              action: {
                thumbnail_product_retailer_id: b.thumbnailProductRetailerId,
                sections: b.sections.map((s) => ({
                  title: s.title,
                  product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
                })),
              },
            },
          ],
        };
      }
      default:
        c.fail(at, `unknown button parameter type "${(b as { type: string }).type}"`);
        return base;
    }
  });
}

function paramStyle(p: TextParams | undefined): "named" | "positional" | undefined {
  if (p === undefined) return undefined;
  return Array.isArray(p) ? "positional" : Object.keys(p).length === 0 ? undefined : "named";
}

/** Builds a template message. Throws `MessageValidationError` on a bad value, name or count. */
export function templateMessage(t: TemplateInput): CloudApiMessage {
  const c = new Checker("template");
  c.text("template.name", t.name, 512);
  if (!/^[a-z0-9_]+$/.test(t.name ?? ""))
    c.fail("template.name", `"${t.name}" must be lowercase letters, digits and underscores`);
  if (!/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(t.language ?? ""))
    c.fail("template.language", `"${t.language}" is not a language code like en_US`);
  const headerText = t.header !== undefined && "text" in t.header ? t.header.text : undefined;
  const styles = new Set([paramStyle(headerText), paramStyle(t.body)].filter((s) => s !== undefined));
  if (styles.size > 1) c.fail("template", "header and body parameters must both be named or both positional");
  const components: Obj[] = [];
  const header = headerParameters(c, "template.header", t.header);
  if (header.length > 0) components.push({ type: "header", parameters: header });
  if (t.body !== undefined) {
    const body = textParameters(c, "template.body", t.body, 1024);
    const total = body.reduce((n, p) => n + chars(String(p["text"])), 0);
    if (total > 1024) c.fail("template.body", `parameters total ${total} chars; the hydrated body must stay ≤ 1024`);
    if (body.length > 0) components.push({ type: "body", parameters: body });
  }
  if (t.ltoExpirationMs !== undefined) {
    if (!Number.isInteger(t.ltoExpirationMs) || t.ltoExpirationMs < 1e12)
      c.fail("template.ltoExpirationMs", `${t.ltoExpirationMs} must be Unix milliseconds`);
    components.push({
      type: "limited_time_offer",
      parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: t.ltoExpirationMs } }],
    });
  }
  components.push(...buttonComponents(c, "template.buttons", t.buttons));
  if (t.cards !== undefined) {
    c.count("template.cards", t.cards, 2, 10, "cards");
    const kinds = new Set(t.cards.map((card) => (card.header === undefined ? "none" : Object.keys(card.header)[0])));
    if (kinds.size > 1) c.fail("template.cards", `every card needs the same header type, got ${[...kinds].join(", ")}`);
    components.push({
      type: "carousel",
      cards: t.cards.map((card, n) => {
        const parts: Obj[] = [];
        const h = headerParameters(c, `template.cards[${n}].header`, card.header);
        if (h.length > 0) parts.push({ type: "header", parameters: h });
        if (card.body !== undefined)
          parts.push({ type: "body", parameters: textParameters(c, `template.cards[${n}].body`, card.body, 160) });
        parts.push(...buttonComponents(c, `template.cards[${n}].buttons`, card.buttons));
        return { card_index: n, components: parts };
      }),
    });
  }
  c.done();
  return {
    type: "template",
    template: {
      name: t.name,
      language: { policy: "deterministic", code: t.language },
      ...(components.length > 0 ? { components } : {}),
    },
  };
}

/** An authentication (OTP) template: the code goes into the body and the copy-code/one-tap button (≤ 15 chars). */
export function otpTemplateMessage(t: { name: string; language: string; code: string }): CloudApiMessage {
  return templateMessage({
    name: t.name,
    language: t.language,
    body: [t.code],
    buttons: [{ index: 0, type: "otp", code: t.code }],
  });
}
