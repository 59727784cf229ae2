/** Meta limits for interactive session messages used by menus and replies (whatsapp-rules.md §2.1). */
import type { PathSegments } from "../problem.ts";
import type { Report, Rule } from "./engine.ts";
import { arr, countNewlines, hasEmoji, isInt, isNonBlank, isRec, q, type Rec, rec, str, tooLong } from "./util.ts";

type R = Rule<Rec>;

const TYPES = new Set([
  "button",
  "list",
  "cta_url",
  "location_request_message",
  "flow",
  "carousel",
  "voice_call",
  "order_details",
  "order_status",
]);
const BODY_LIMIT: Record<string, number> = { list: 4096 };
const BODY_REQUIRED = new Set([
  "button",
  "list",
  "cta_url",
  "location_request_message",
  "carousel",
  "flow",
  "voice_call",
]);
const HEADER_TYPES: Record<string, ReadonlySet<string>> = {
  button: new Set(["text", "image", "video", "document"]),
  cta_url: new Set(["text", "image", "video", "document"]),
  flow: new Set(["text", "image", "video", "document"]),
  list: new Set(["text"]),
  location_request_message: new Set(),
  carousel: new Set(),
  voice_call: new Set(["text", "image", "video", "document"]),
};

function is(type: string, check: (m: Rec, report: Report) => void): (m: Rec, report: Report) => void {
  return (m, report) => {
    if (m["type"] === type) check(m, report);
  };
}

function limit(report: Report, path: PathSegments, what: string, value: unknown, max: number, required = false): void {
  if (required && !isNonBlank(value)) {
    report(path, `${what} is required (≤ ${max} chars)`);
    return;
  }
  const m = tooLong(what, value, max);
  if (m) report(path, m);
}

function params(m: Rec): Rec {
  return rec(rec(m["action"])["parameters"]);
}

function duplicates(values: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const dup = new Set<unknown>();
  for (const v of values) {
    if (v === undefined) continue;
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return dup;
}

/** Rules for every interactive type: envelope, body, header, footer. */
export const interactiveCommonRules: R[] = [
  {
    code: "interactive.type",
    severity: "error",
    source: "§2.1 Interactive types · M-SEND, M-MSGAPI",
    description:
      "`type` is one of button, list, cta_url, location_request_message, flow, carousel, voice_call, order_details, order_status.",
    check(m, report) {
      if (!TYPES.has(String(m["type"])))
        report(["type"], `interactive type ${q(m["type"])} is unknown; use ${[...TYPES].join(", ")}`);
    },
  },
  {
    code: "interactive.body.required",
    severity: "error",
    source: "§2.1 body (required) · M-MSG-RB, M-MSG-LIST, M-MSG-CTA, M-MSG-MC, M-MSG-LR",
    description: "Button, list, CTA URL, location request, flow, voice call and carousel messages have a body text.",
    check(m, report) {
      if (BODY_REQUIRED.has(String(m["type"])) && !isNonBlank(rec(m["body"])["text"]))
        report(["body"], "interactive message needs body.text");
    },
  },
  {
    code: "interactive.body.length",
    severity: "error",
    source: "§2.1 body ≤ 1024 (list ≤ 4096) · M-MSG-RB, M-MSG-LIST, M-MSG-CTA, M-MSG-MC, M-MSG-LR",
    description: "Body text is at most 1024 characters (4096 for lists).",
    check(m, report) {
      const t = String(m["type"]);
      if (t === "order_details" || t === "order_status") return;
      limit(report, ["body", "text"], "body text", rec(m["body"])["text"], BODY_LIMIT[t] ?? 1024);
    },
  },
  {
    code: "interactive.footer.length",
    severity: "error",
    source: "§2.1 footer ≤ 60 · M-MSG-RB, M-MSG-LIST, M-MSG-CTA",
    description: "Footer text is at most 60 characters.",
    check(m, report) {
      const t = String(m["type"]);
      if (t === "order_details" || t === "order_status") return;
      limit(report, ["footer", "text"], "footer text", rec(m["footer"])["text"], 60);
    },
  },
  {
    code: "interactive.header.type",
    severity: "error",
    source: "§2.1 header kinds per type; carousel/location: none · M-MSG-RB, M-MSG-LIST, M-MSG-MC, M-MSG-LR",
    description:
      "The header kind fits the message type (lists: text only; carousels and location requests: no header/footer).",
    check(m, report) {
      const allowed = HEADER_TYPES[String(m["type"])];
      if (!allowed) return;
      if (m["header"] !== undefined) {
        const ht = String(rec(m["header"])["type"]);
        if (!allowed.has(ht))
          report(
            ["header", "type"],
            allowed.size === 0
              ? `${String(m["type"])} messages have no header; remove it`
              : `header type ${q(ht)} is not allowed here; use ${[...allowed].join(", ")}`,
          );
      }
      if (m["type"] === "carousel" && m["footer"] !== undefined)
        report(["footer"], "carousel messages have no footer; remove it");
    },
  },
  {
    code: "interactive.header.text.length",
    severity: "error",
    source: "§2.1 header text ≤ 60 · M-MSG-LIST, M-MSG-CTA",
    description: "Header text is at most 60 characters.",
    check(m, report) {
      const h = rec(m["header"]);
      if (h["type"] === "text") limit(report, ["header", "text"], "header text", h["text"], 60, true);
    },
  },
];

/** Reply buttons (`button`). */
export const interactiveButtonRules: R[] = [
  {
    code: "interactive.button.count",
    severity: "error",
    source: "§2.1 Reply buttons: 1–3 · M-MSG-RB",
    description: "A reply-button message has 1 to 3 buttons.",
    check: is("button", (m, report) => {
      const n = arr(rec(m["action"])["buttons"]).length;
      if (n < 1 || n > 3)
        report(["action", "buttons"], `${n} reply buttons; use 1 to 3 (a list message holds up to 10 rows)`);
    }),
  },
  {
    code: "interactive.button.type",
    severity: "error",
    source: '§2.1 Reply buttons: `type: "reply"` · M-MSG-RB',
    description: "Every reply button has `type: reply`.",
    check: is("button", (m, report) => {
      arr(rec(m["action"])["buttons"]).forEach((b, i) => {
        if (rec(b)["type"] !== "reply") report(["action", "buttons", i, "type"], 'reply buttons have type "reply"');
      });
    }),
  },
  {
    code: "interactive.button.title.length",
    severity: "error",
    source: "§2.1 Reply button `title` ≤ 20 · M-MSG-RB",
    description: "Reply button titles are present and at most 20 characters.",
    check: is("button", (m, report) => {
      arr(rec(m["action"])["buttons"]).forEach((b, i) => {
        limit(
          report,
          ["action", "buttons", i, "reply", "title"],
          "button title",
          rec(rec(b)["reply"])["title"],
          20,
          true,
        );
      });
    }),
  },
  {
    code: "interactive.button.title.unique",
    severity: "error",
    source: "§2.1 Reply button `title` unique · M-MSG-RB",
    description: "Reply button titles are unique within the message.",
    check: is("button", (m, report) => {
      const titles = arr(rec(m["action"])["buttons"]).map((b) => rec(rec(b)["reply"])["title"]);
      const dup = duplicates(titles);
      titles.forEach((t, i) => {
        if (dup.has(t) && titles.indexOf(t) !== i)
          report(
            ["action", "buttons", i, "reply", "title"],
            `button title ${q(t)} is used twice; titles must be unique`,
          );
      });
    }),
  },
  {
    code: "interactive.button.id.length",
    severity: "error",
    source: "§2.1 Reply button `id` ≤ 256 · M-MSG-RB",
    description: "Reply button ids are present and at most 256 characters.",
    check: is("button", (m, report) => {
      arr(rec(m["action"])["buttons"]).forEach((b, i) => {
        limit(report, ["action", "buttons", i, "reply", "id"], "button id", rec(rec(b)["reply"])["id"], 256, true);
      });
    }),
  },
  {
    code: "interactive.button.id.unique",
    severity: "error",
    source: "§2.1 Reply button `id` unique · M-MSG-RB",
    description: "Reply button ids are unique within the message.",
    check: is("button", (m, report) => {
      const ids = arr(rec(m["action"])["buttons"]).map((b) => rec(rec(b)["reply"])["id"]);
      const dup = duplicates(ids);
      ids.forEach((id, i) => {
        if (dup.has(id) && ids.indexOf(id) !== i)
          report(["action", "buttons", i, "reply", "id"], `button id ${q(id)} is used twice; ids must be unique`);
      });
    }),
  },
];

function rowsOf(m: Rec): Array<{ path: PathSegments; row: Rec }> {
  const out: Array<{ path: PathSegments; row: Rec }> = [];
  arr(rec(m["action"])["sections"]).forEach((s, si) => {
    arr(rec(s)["rows"]).forEach((r, ri) => {
      out.push({ path: ["action", "sections", si, "rows", ri], row: rec(r) });
    });
  });
  return out;
}

/** List messages (`list`). */
export const interactiveListRules: R[] = [
  {
    code: "interactive.list.button.length",
    severity: "error",
    source: "§2.1 List `action.button` ≤ 20 · M-MSG-LIST",
    description: "The list's menu button text is present and at most 20 characters.",
    check: is("list", (m, report) => {
      limit(report, ["action", "button"], "list button text", rec(m["action"])["button"], 20, true);
    }),
  },
  {
    code: "interactive.list.sections.count",
    severity: "error",
    source: "§2.1 List sections 1–10 · M-MSG-LIST, M-MSGAPI",
    description: "A list has 1 to 10 sections.",
    check: is("list", (m, report) => {
      const n = arr(rec(m["action"])["sections"]).length;
      if (n < 1 || n > 10) report(["action", "sections"], `${n} sections; a list has 1 to 10`);
    }),
  },
  {
    code: "interactive.list.section.title",
    severity: "error",
    source: "§2.1 List section `title` ≤ 24, required when > 1 section · M-MSG-LIST, M-MSGAPI",
    description: "Section titles are at most 24 characters, and required when there is more than one section.",
    check: is("list", (m, report) => {
      const sections = arr(rec(m["action"])["sections"]);
      sections.forEach((s, i) => {
        limit(report, ["action", "sections", i, "title"], "section title", rec(s)["title"], 24, sections.length > 1);
      });
    }),
  },
  {
    code: "interactive.list.rows.total",
    severity: "error",
    source: "§2.1 List rows 1–10 total across all sections · M-MSG-LIST",
    description: "A list has 1 to 10 rows in total, across all sections.",
    check: is("list", (m, report) => {
      const n = rowsOf(m).length;
      if (n < 1 || n > 10)
        report(["action", "sections"], `${n} rows in total; a list holds 1 to 10 rows across all sections`);
    }),
  },
  {
    code: "interactive.list.row.id.length",
    severity: "error",
    source: "§2.1 List row `id` ≤ 200 · M-MSG-LIST",
    description: "Row ids are present and at most 200 characters.",
    check: is("list", (m, report) => {
      for (const { path, row } of rowsOf(m)) limit(report, [...path, "id"], "row id", row["id"], 200, true);
    }),
  },
  {
    code: "interactive.list.row.title.length",
    severity: "error",
    source: "§2.1 List row `title` ≤ 24 · M-MSG-LIST",
    description: "Row titles are present and at most 24 characters.",
    check: is("list", (m, report) => {
      for (const { path, row } of rowsOf(m)) limit(report, [...path, "title"], "row title", row["title"], 24, true);
    }),
  },
  {
    code: "interactive.list.row.description.length",
    severity: "error",
    source: "§2.1 List row `description` ≤ 72 · M-MSG-LIST",
    description: "Row descriptions are at most 72 characters.",
    check: is("list", (m, report) => {
      for (const { path, row } of rowsOf(m))
        limit(report, [...path, "description"], "row description", row["description"], 72);
    }),
  },
];

const HTTP = /^https?:\/\/\S+$/;

/** CTA URL, location request, flow and voice call messages. */
export const interactiveActionRules: R[] = [
  {
    code: "interactive.cta_url.display_text.length",
    severity: "error",
    source: "§2.1 CTA URL `display_text` ≤ 20 · M-MSG-CTA",
    description: "The CTA button's `display_text` is present and at most 20 characters.",
    check: is("cta_url", (m, report) => {
      limit(report, ["action", "parameters", "display_text"], "display_text", params(m)["display_text"], 20, true);
    }),
  },
  {
    code: "interactive.cta_url.url",
    severity: "error",
    source: "§2.1 CTA URL `url` · M-MSG-CTA",
    description: "The CTA button has an http(s) `url`.",
    check: is("cta_url", (m, report) => {
      const url = params(m)["url"];
      if (typeof url !== "string" || !HTTP.test(url))
        report(["action", "parameters", "url"], `url ${q(url)} must be an http:// or https:// address`);
    }),
  },
  {
    code: "interactive.location_request.action",
    severity: "error",
    source: "§2.1 Location request `action.name: send_location` · M-MSG-LR",
    description: "A location request has `action.name: send_location`.",
    check: is("location_request_message", (m, report) => {
      if (rec(m["action"])["name"] !== "send_location")
        report(["action", "name"], 'location requests need action.name: "send_location"');
    }),
  },
  {
    code: "interactive.flow.version",
    severity: "error",
    source: '§2.1 Flow `flow_message_version: "3"` · M-MSGAPI',
    description: 'A flow message has `flow_message_version: "3"`.',
    check: is("flow", (m, report) => {
      const v = params(m)["flow_message_version"];
      if (String(v) !== "3")
        report(["action", "parameters", "flow_message_version"], `flow_message_version ${q(v)} must be "3"`);
    }),
  },
  {
    code: "interactive.flow.target",
    severity: "error",
    source: "§2.1 Flow: exactly one of `flow_id` / `flow_name` · M-MSGAPI",
    description: "A flow message names its flow with exactly one of `flow_id` and `flow_name`.",
    check: is("flow", (m, report) => {
      const p = params(m);
      const given = ["flow_id", "flow_name"].filter((k) => p[k] !== undefined && p[k] !== "");
      if (given.length !== 1)
        report(
          ["action", "parameters"],
          given.length === 0 ? "flow message needs flow_id or flow_name" : "give flow_id or flow_name, not both",
        );
    }),
  },
  {
    code: "interactive.flow.cta.required",
    severity: "error",
    source: "§2.1 Flow `flow_cta` required · M-MSGAPI",
    description: "A flow message has a `flow_cta` button label.",
    check: is("flow", (m, report) => {
      if (!isNonBlank(params(m)["flow_cta"]))
        report(["action", "parameters", "flow_cta"], "flow messages need flow_cta, the button label (≤ 20 chars)");
    }),
  },
  {
    code: "interactive.flow.cta.length",
    severity: "warning",
    source: "§2.1 `flow_cta` length (Meta advises ≤ 30; Sinch, whatsapp-api-js: ≤ 20) · M-MSGAPI vs Sinch",
    description: "`flow_cta` is at most 20 characters (sources disagree between 20 and 30).",
    check: is("flow", (m, report) => {
      const msg = tooLong("flow_cta", params(m)["flow_cta"], 20);
      if (msg) report(["action", "parameters", "flow_cta"], `${msg} (Meta advises ≤ 30; SDKs enforce 20)`);
    }),
  },
  {
    code: "interactive.flow.cta.emoji",
    severity: "warning",
    source: "§2.1 `flow_cta`: no emoji · M-MSGAPI",
    description: "`flow_cta` has no emoji.",
    check: is("flow", (m, report) => {
      const cta = str(params(m)["flow_cta"]);
      if (cta !== undefined && hasEmoji(cta))
        report(["action", "parameters", "flow_cta"], `flow_cta ${q(cta)} has emoji; Meta advises none`);
    }),
  },
  {
    code: "interactive.flow.mode",
    severity: "error",
    source: "§2.1 Flow `mode` draft/published · M-MSGAPI",
    description: "`mode`, if given, is `draft` or `published`.",
    check: is("flow", (m, report) => {
      const mode = params(m)["mode"];
      if (mode !== undefined && mode !== "draft" && mode !== "published")
        report(["action", "parameters", "mode"], `mode ${q(mode)} must be "draft" or "published"`);
    }),
  },
  {
    code: "interactive.flow.action",
    severity: "error",
    source: "§2.1 Flow `flow_action` navigate/data_exchange · M-MSGAPI",
    description: "`flow_action`, if given, is `navigate` or `data_exchange`.",
    check: is("flow", (m, report) => {
      const a = params(m)["flow_action"];
      if (a !== undefined && a !== "navigate" && a !== "data_exchange")
        report(["action", "parameters", "flow_action"], `flow_action ${q(a)} must be "navigate" or "data_exchange"`);
    }),
  },
  {
    code: "interactive.flow.navigate_payload",
    severity: "error",
    source: "§2.1 Flow `flow_action_payload.screen` (+ non-empty `data`) for navigate · M-MSGAPI",
    description: "A navigate flow message gives `flow_action_payload.screen`; `data`, if given, is a non-empty object.",
    check: is("flow", (m, report) => {
      const p = params(m);
      if ((p["flow_action"] ?? "navigate") !== "navigate") return;
      const payload = rec(p["flow_action_payload"]);
      if (!isNonBlank(payload["screen"]))
        report(
          ["action", "parameters", "flow_action_payload", "screen"],
          "navigate flows need flow_action_payload.screen, the first screen id",
        );
      const data = payload["data"];
      if (data !== undefined && (!isRec(data) || Object.keys(data).length === 0))
        report(
          ["action", "parameters", "flow_action_payload", "data"],
          "flow_action_payload.data must be a non-empty object; omit it instead",
        );
    }),
  },
  {
    code: "interactive.voice_call.display_text.length",
    severity: "error",
    source: "§2.1 Voice call button `display_text` ≤ 20 · M-CALL",
    description: "The voice call button label is at most 20 characters.",
    check: is("voice_call", (m, report) => {
      limit(report, ["action", "parameters", "display_text"], "display_text", params(m)["display_text"], 20);
    }),
  },
  {
    code: "interactive.voice_call.ttl",
    severity: "error",
    source: "§2.1 Voice call `ttl_minutes` 1–43,200 · M-CALL",
    description: "`ttl_minutes`, if given, is an integer from 1 to 43,200.",
    check: is("voice_call", (m, report) => {
      const ttl = params(m)["ttl_minutes"];
      if (ttl !== undefined && (!isInt(ttl) || ttl < 1 || ttl > 43_200))
        report(["action", "parameters", "ttl_minutes"], `ttl_minutes ${q(ttl)} must be a whole number from 1 to 43200`);
    }),
  },
];

function cardsOf(m: Rec): Array<{ path: PathSegments; card: Rec }> {
  return arr(rec(m["action"])["cards"]).map((c, i) => ({ path: ["action", "cards", i], card: rec(c) }));
}

function isProductCards(m: Rec): boolean {
  return cardsOf(m).some(({ card }) => card["type"] === "product");
}

/** Shape of a media card's action: `url` (one CTA) or `qr:<n>` (quick replies), for uniformity. */
function cardActionShape(card: Rec): string {
  const action = rec(card["action"]);
  if (Array.isArray(action["buttons"])) return `quick_reply:${action["buttons"].length}`;
  if (action["name"] === "cta_url") return "cta_url";
  return "none";
}

/** Media and product carousels (`carousel`). */
export const interactiveCarouselRules: R[] = [
  {
    code: "interactive.carousel.cards.count",
    severity: "error",
    source: "§2.1 Carousel cards 2–10 · M-MSG-MC, M-MSG-PC",
    description: "A carousel message has 2 to 10 cards.",
    check: is("carousel", (m, report) => {
      const n = cardsOf(m).length;
      if (n < 2 || n > 10) report(["action", "cards"], `${n} card(s); a carousel has 2 to 10`);
    }),
  },
  {
    code: "interactive.carousel.card_index",
    severity: "error",
    source: "§2.1 Carousel `card_index` 0–9 · M-MSG-MC",
    description: "Every card has a unique integer `card_index` from 0 to 9.",
    check: is("carousel", (m, report) => {
      const seen = new Set<unknown>();
      for (const { path, card } of cardsOf(m)) {
        const i = card["card_index"];
        if (!isInt(i) || i < 0 || i > 9)
          report([...path, "card_index"], `card_index ${q(i)} must be a whole number from 0 to 9`);
        else if (seen.has(i)) report([...path, "card_index"], `card_index ${i} is used twice`);
        seen.add(i);
      }
    }),
  },
  {
    code: "interactive.carousel.card.header",
    severity: "error",
    source: "§2.1 Carousel card header image/video only · M-MSG-MC",
    description: "Media cards have an `image` or `video` header with a media link or id.",
    check: is("carousel", (m, report) => {
      if (isProductCards(m)) return;
      for (const { path, card } of cardsOf(m)) {
        const h = rec(card["header"]);
        const t = h["type"];
        const media = typeof t === "string" ? rec(h[t]) : {};
        if ((t !== "image" && t !== "video") || (!isNonBlank(media["link"]) && !isNonBlank(media["id"])))
          report([...path, "header"], 'card header must be {type: "image" or "video", <type>: {link or id}}');
      }
    }),
  },
  {
    code: "interactive.carousel.card.body.length",
    severity: "error",
    source: "§2.1 Carousel card body ≤ 160 · M-MSG-MC",
    description: "Card body text is at most 160 characters.",
    check: is("carousel", (m, report) => {
      for (const { path, card } of cardsOf(m))
        limit(report, [...path, "body", "text"], "card body text", rec(card["body"])["text"], 160);
    }),
  },
  {
    code: "interactive.carousel.card.body.line_breaks",
    severity: "error",
    source: "§2.1 Carousel card body ≤ 2 line breaks · M-MSG-MC",
    description: "Card body text has at most 2 line breaks.",
    check: is("carousel", (m, report) => {
      for (const { path, card } of cardsOf(m)) {
        const text = str(rec(card["body"])["text"]);
        if (text !== undefined && countNewlines(text) > 2)
          report([...path, "body", "text"], `card body has ${countNewlines(text)} line breaks; the limit is 2`);
      }
    }),
  },
  {
    code: "interactive.carousel.card.action",
    severity: "error",
    source: "§2.1 Carousel card action: 1 URL button or ≥ 1 quick reply · M-MSG-MC",
    description:
      "A media card has exactly one CTA URL button (`display_text` ≤ 20) or quick replies (`id` ≤ 256, `title` ≤ 20).",
    check: is("carousel", (m, report) => {
      if (isProductCards(m)) return;
      for (const { path, card } of cardsOf(m)) {
        const action = rec(card["action"]);
        const ap = [...path, "action"];
        if (Array.isArray(action["buttons"])) {
          if (action["buttons"].length === 0) report([...ap, "buttons"], "card needs at least one quick reply");
          action["buttons"].forEach((b, i) => {
            const qr = rec(rec(b)["quick_reply"]);
            if (rec(b)["type"] !== "quick_reply")
              report([...ap, "buttons", i, "type"], 'card buttons have type "quick_reply"');
            limit(report, [...ap, "buttons", i, "quick_reply", "id"], "quick reply id", qr["id"], 256, true);
            limit(report, [...ap, "buttons", i, "quick_reply", "title"], "quick reply title", qr["title"], 20, true);
          });
        } else if (action["name"] === "cta_url") {
          const p = rec(action["parameters"]);
          limit(report, [...ap, "parameters", "display_text"], "display_text", p["display_text"], 20, true);
          if (!isNonBlank(p["url"])) report([...ap, "parameters", "url"], "card CTA needs a url");
        } else
          report(
            ap,
            'card action must be {name: "cta_url", parameters: {display_text, url}} or {buttons: [quick replies]}',
          );
      }
    }),
  },
  {
    code: "interactive.carousel.card.uniform",
    severity: "error",
    source: "§2.1 Carousel: same button types and count on every card · M-MSG-MC",
    description: "Every media card has the same kind and number of buttons.",
    check: is("carousel", (m, report) => {
      const cards = cardsOf(m);
      const first = cards[0];
      if (!first || isProductCards(m)) return;
      const want = cardActionShape(first.card);
      for (const { path, card } of cards.slice(1)) {
        const got = cardActionShape(card);
        if (got !== want)
          report([...path, "action"], `card buttons are ${got} but card 0's are ${want}; make every card alike`);
      }
    }),
  },
  {
    code: "interactive.carousel.product",
    severity: "error",
    source: "§2.1 Product carousel: `type: product`, same `catalog_id`, `product_retailer_id` · M-MSG-PC",
    description: "Product cards all have `type: product`, the same `catalog_id` and a `product_retailer_id`.",
    check: is("carousel", (m, report) => {
      if (!isProductCards(m)) return;
      let catalog: unknown;
      for (const { path, card } of cardsOf(m)) {
        const a = rec(card["action"]);
        if (card["type"] !== "product")
          report([...path, "type"], 'mix of product and media cards; every card needs type "product"');
        if (!isNonBlank(a["product_retailer_id"]))
          report([...path, "action", "product_retailer_id"], "product card needs action.product_retailer_id");
        if (catalog === undefined) catalog = a["catalog_id"];
        else if (a["catalog_id"] !== catalog)
          report([...path, "action", "catalog_id"], "every product card must use the same catalog_id");
        if (!isNonBlank(a["catalog_id"]))
          report([...path, "action", "catalog_id"], "product card needs action.catalog_id");
      }
    }),
  },
];
