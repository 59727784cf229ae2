/**
 * Builders for interactive session messages (whatsapp-rules.md §2.1) and India payments (§5): reply buttons, list,
 * CTA URL, location request, flow, media carousel, product, product list, product carousel, order_details and
 * order_status. Structure is built here; Meta's limits are checked by the shared rules engine
 * (`checkInteractiveMessage`), so config review and send time enforce the same numbers.
 */
import { checkInteractiveMessage, checkOrderDetails, checkOrderStatus } from "../../config/rules/index.ts";
import type { CloudApiMessage } from "../ports.ts";
import { type MediaRef, mediaObject } from "./basic.ts";
import { Checker, findingsToIssues } from "./check.ts";

type Obj = Record<string, unknown>;

/** A message header: text (≤ 60) or media. Which kinds are allowed depends on the message type. */
export type InteractiveHeader =
  | { text: string }
  | { image: MediaRef }
  | { video: MediaRef }
  | { document: MediaRef & { filename?: string } };

/** Body and footer common to most interactive messages. */
export interface InteractiveCommon {
  body: string;
  footer?: string;
  header?: InteractiveHeader;
}

function headerObject(c: Checker, h: InteractiveHeader | undefined, allowed: readonly string[]): Obj | undefined {
  if (h === undefined) return undefined;
  const kind = Object.keys(h)[0] ?? "";
  if (!allowed.includes(kind)) {
    c.fail("interactive.header", `a ${kind || "(empty)"} header is not allowed here; use ${allowed.join(" or ")}`);
    return undefined;
  }
  if ("text" in h) return { type: "text", text: h.text };
  const ref = (h as Record<string, MediaRef>)[kind] as MediaRef;
  const media = mediaObject(c, `interactive.header.${kind}`, ref);
  if ("document" in h && h.document.filename !== undefined) media["filename"] = h.document.filename;
  return { type: kind, [kind]: media };
}

function common(c: Checker, type: string, m: Partial<InteractiveCommon>, headers: readonly string[]): Obj {
  const out: Obj = { type };
  const header = headerObject(c, m.header, headers);
  if (header !== undefined) out["header"] = header;
  if (m.body !== undefined) out["body"] = { text: m.body };
  if (m.footer !== undefined) out["footer"] = { text: m.footer };
  return out;
}

/** Replaces our `{s3}` media extension with a placeholder id so the shared rules see a well-formed media object. */
function forRules(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(forRules);
  if (v !== null && typeof v === "object") {
    if ("s3" in v && Object.keys(v).length >= 1) {
      const { s3: _s3, ...rest } = v as Obj;
      return { ...rest, id: "s3-object" };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forRules(x)]));
  }
  return v;
}

/** For types the shared rules do not know (product, product_list): body and footer limits checked here. */
function finishCatalog(c: Checker, interactive: Obj): CloudApiMessage {
  const body = interactive["body"] as { text?: unknown } | undefined;
  const footer = interactive["footer"] as { text?: unknown } | undefined;
  if (body !== undefined) c.text("interactive.body.text", body.text, 1024);
  if (footer !== undefined) c.text("interactive.footer.text", footer.text, 60);
  c.done();
  return { type: "interactive", interactive };
}

function finish(c: Checker, interactive: Obj): CloudApiMessage {
  c.issues.push(...findingsToIssues("interactive", checkInteractiveMessage(forRules(interactive) as Obj)));
  c.done();
  return { type: "interactive", interactive };
}

/** Reply buttons: 1–3 buttons, title ≤ 20 and id ≤ 256, both unique; body ≤ 1024; header text/image/video/document. */
export function replyButtonsMessage(
  m: InteractiveCommon & { buttons: ReadonlyArray<{ id: string; title: string }> },
): CloudApiMessage {
  const c = new Checker("interactive button");
  const i = common(c, "button", m, ["text", "image", "video", "document"]);
  i["action"] = { buttons: m.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) };
  return finish(c, i);
}

/** One list section. */
export interface ListSection {
  title?: string;
  rows: ReadonlyArray<{ id: string; title: string; description?: string }>;
}

/** List: button text ≤ 20; 1–10 sections; ≤ 10 rows in total; body ≤ 4096; header text only. */
export function listMessage(
  m: Omit<InteractiveCommon, "header"> & {
    header?: { text: string };
    button: string;
    sections: readonly ListSection[];
  },
): CloudApiMessage {
  const c = new Checker("interactive list");
  const i = common(c, "list", m, ["text"]);
  i["action"] = {
    button: m.button,
    sections: m.sections.map((s) => ({
      ...(s.title === undefined ? {} : { title: s.title }),
      rows: s.rows.map((r) => ({ ...r })),
    })),
  };
  return finish(c, i);
}

/** CTA URL: one button (`displayText` ≤ 20) opening `url`. */
export function ctaUrlMessage(m: InteractiveCommon & { displayText: string; url: string }): CloudApiMessage {
  const c = new Checker("interactive cta_url");
  const i = common(c, "cta_url", m, ["text", "image", "video", "document"]);
  i["action"] = { name: "cta_url", parameters: { display_text: m.displayText, url: m.url } };
  return finish(c, i);
}

/** Location request: asks the user to share a location; body ≤ 1024. */
export function locationRequestMessage(body: string): CloudApiMessage {
  const c = new Checker("interactive location_request_message");
  const i = common(c, "location_request_message", { body }, []);
  i["action"] = { name: "send_location" };
  return finish(c, i);
}

/** A flow message. Exactly one of `flowId`/`flowName`; `cta` ≤ 20 without emoji; `navigate` needs a screen. */
export interface FlowMessageInput extends InteractiveCommon {
  flowId?: string;
  flowName?: string;
  cta: string;
  flowToken?: string;
  mode?: "draft" | "published";
  action?: "navigate" | "data_exchange";
  screen?: string;
  data?: Record<string, unknown>;
}

/** Flow message (`flow_message_version` "3"). */
export function flowMessage(m: FlowMessageInput): CloudApiMessage {
  const c = new Checker("interactive flow");
  const i = common(c, "flow", m, ["text", "image", "video", "document"]);
  const parameters: Obj = { flow_message_version: "3", flow_cta: m.cta, flow_token: m.flowToken ?? "unused" };
  if (m.flowId !== undefined) parameters["flow_id"] = m.flowId;
  if (m.flowName !== undefined) parameters["flow_name"] = m.flowName;
  if (m.mode !== undefined) parameters["mode"] = m.mode;
  const action = m.action ?? "navigate";
  parameters["flow_action"] = action;
  if (action === "navigate" && m.screen !== undefined)
    parameters["flow_action_payload"] = { screen: m.screen, ...(m.data === undefined ? {} : { data: m.data }) };
  if (action === "data_exchange" && m.screen !== undefined)
    c.fail(
      "interactive.action.parameters.flow_action_payload",
      "a data_exchange flow starts at the endpoint's screen; omit screen",
    );
  i["action"] = { name: "flow", parameters };
  return finish(c, i);
}

/** One media-carousel card: image or video header, optional body ≤ 160, and a URL button or quick replies. */
export interface MediaCarouselCard {
  header: { image: MediaRef } | { video: MediaRef };
  body?: string;
  url?: { displayText: string; url: string };
  quickReplies?: ReadonlyArray<{ id: string; title: string }>;
}

/** Media carousel: body ≤ 1024 and 2–10 cards with identical button layouts. */
export function mediaCarouselMessage(m: { body: string; cards: readonly MediaCarouselCard[] }): CloudApiMessage {
  const c = new Checker("interactive carousel");
  const cards = m.cards.map((card, n) => {
    const kind = "image" in card.header ? "image" : "video";
    const ref = (card.header as Record<string, MediaRef>)[kind] as MediaRef;
    const out: Obj = {
      card_index: n,
      type: card.url !== undefined ? "cta_url" : "button",
      header: { type: kind, [kind]: mediaObject(c, `interactive.action.cards[${n}].header.${kind}`, ref) },
    };
    if (card.body !== undefined) out["body"] = { text: card.body };
    if ((card.url === undefined) === (card.quickReplies === undefined))
      c.fail(`interactive.action.cards[${n}].action`, "needs exactly one of url or quickReplies");
    if (card.url !== undefined)
      out["action"] = { name: "cta_url", parameters: { display_text: card.url.displayText, url: card.url.url } };
    else
      out["action"] = {
        buttons: (card.quickReplies ?? []).map((q) => ({
          type: "quick_reply",
          quick_reply: { id: q.id, title: q.title },
        })),
      };
    return out;
  });
  return finish(c, { type: "carousel", body: { text: m.body }, action: { cards } });
}

/** Single product message from a catalog; body optional. */
export function productMessage(m: {
  catalogId: string;
  productRetailerId: string;
  body?: string;
  footer?: string;
}): CloudApiMessage {
  const c = new Checker("interactive product");
  c.text("interactive.action.catalog_id", m.catalogId, 64);
  c.text("interactive.action.product_retailer_id", m.productRetailerId, 256);
  const i = common(c, "product", m, []);
  i["action"] = { catalog_id: m.catalogId, product_retailer_id: m.productRetailerId };
  return finishCatalog(c, i);
}

/** Product list: text header (required, ≤ 60), body, ≤ 10 sections (title ≤ 24), ≤ 30 products in total. */
export function productListMessage(m: {
  catalogId: string;
  header: string;
  body: string;
  footer?: string;
  sections: ReadonlyArray<{ title: string; productRetailerIds: readonly string[] }>;
}): CloudApiMessage {
  const c = new Checker("interactive product_list");
  c.text("interactive.header.text", m.header, 60);
  c.text("interactive.action.catalog_id", m.catalogId, 64);
  c.count("interactive.action.sections", m.sections, 1, 10, "sections");
  const total = m.sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
  if (total < 1 || total > 30) c.fail("interactive.action.sections", `hold ${total} products in total; allowed 1–30`);
  m.sections.forEach((s, n) => {
    c.text(`interactive.action.sections[${n}].title`, s.title, 24);
  });
  const i = common(
    c,
    "product_list",
    { header: { text: m.header }, body: m.body, ...(m.footer === undefined ? {} : { footer: m.footer }) },
    ["text"],
  );
  i["action"] = {
    catalog_id: m.catalogId,
    sections: m.sections.map((s) => ({
      title: s.title,
      product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
    })),
  };
  return finishCatalog(c, i);
}

/** Product carousel: body ≤ 1024 and 2–10 product cards from one catalog; no header, footer or buttons. */
export function productCarouselMessage(m: {
  body: string;
  catalogId: string;
  productRetailerIds: readonly string[];
}): CloudApiMessage {
  const c = new Checker("interactive carousel");
  c.text("interactive.action.cards[].action.catalog_id", m.catalogId, 64);
  const cards = m.productRetailerIds.map((id, n) => ({
    card_index: n,
    type: "product",
    action: { product_retailer_id: id, catalog_id: m.catalogId },
  }));
  return finish(c, { type: "carousel", body: { text: m.body }, action: { cards } });
}

/** The `action.parameters` of an `order_details` message (Meta's field names; see whatsapp-rules.md §5.1). */
export type OrderDetailsParameters = Record<string, unknown> & {
  reference_id: string;
  currency: "INR";
  total_amount: { value: number; offset: 100 };
  order: Record<string, unknown>;
};

/** India payments `order_details` ("review_and_pay"): checked in full by the shared payment rules. */
export function orderDetailsMessage(m: {
  body: string;
  footer?: string;
  header?: InteractiveHeader;
  parameters: OrderDetailsParameters;
  nowSeconds?: number;
}): CloudApiMessage {
  const c = new Checker("interactive order_details");
  const i = common(c, "order_details", m, ["text", "image", "video", "document"]);
  i["action"] = { name: "review_and_pay", parameters: structuredClone(m.parameters) };
  c.issues.push(
    ...findingsToIssues(
      "interactive",
      checkOrderDetails(forRules(i) as Obj, m.nowSeconds === undefined ? {} : { nowSeconds: m.nowSeconds }),
    ),
  );
  return dedupe(finishNoRecheck(c, i));
}

/** India payments `order_status` ("review_order"): status and transition checked by the shared rules. */
export function orderStatusMessage(m: {
  body: string;
  footer?: string;
  referenceId: string;
  status: "pending" | "processing" | "partially_shipped" | "partially-shipped" | "shipped" | "completed" | "canceled";
  description?: string;
  previousStatus?: string;
  paid?: boolean;
}): CloudApiMessage {
  const c = new Checker("interactive order_status");
  const i = common(c, "order_status", m, []);
  i["action"] = {
    name: "review_order",
    parameters: {
      reference_id: m.referenceId,
      order: { status: m.status, ...(m.description === undefined ? {} : { description: m.description }) },
    },
  };
  const opts: { previousStatus?: string; paid?: boolean } = {};
  if (m.previousStatus !== undefined) opts.previousStatus = m.previousStatus;
  if (m.paid !== undefined) opts.paid = m.paid;
  c.issues.push(...findingsToIssues("interactive", checkOrderStatus(i, opts as never)));
  return dedupe(finishNoRecheck(c, i));
}

/** `checkInteractiveMessage` already runs the order rules for order types; run it once and keep unique issues. */
function finishNoRecheck(c: Checker, interactive: Obj): Checker & { interactive: Obj } {
  c.issues.push(...findingsToIssues("interactive", checkInteractiveMessage(forRules(interactive) as Obj)));
  return Object.assign(c, { interactive });
}

function dedupe(c: Checker & { interactive: Obj }): CloudApiMessage {
  const seen = new Set<string>();
  const unique = c.issues.filter((i) => {
    const k = `${i.path}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  c.issues.length = 0;
  c.issues.push(...unique);
  c.done();
  return { type: "interactive", interactive: c.interactive };
}
