/**
 * Renders message templates as they would look on a phone (header, body with example values, footer, buttons,
 * carousel cards) into a self-contained HTML page. Element classes and ids are stable so tests and reviewers can
 * find them: `#tpl-<name>-<language>`, `.wa-header`, `.wa-body`, `.wa-footer`, `.wa-button`, `.wa-card`.
 */

type Obj = Record<string, unknown>;

/** One template to preview, with what the plan does to it. */
export interface PreviewItem {
  name: string;
  language: string;
  category: string;
  /** Plan action shown as a badge: create, update, replace. */
  action: string;
  /** Meta-shaped components of the desired definition. */
  components: unknown[];
  /** Field-level changes shown under the phone (already formatted, one per line). */
  changes?: string[];
}

/** The DOM id of a template's preview: `tpl-<name>-<language>` with anything outside [A-Za-z0-9_-] as `-`. */
export function previewId(name: string, language: string): string {
  return `tpl-${name}-${language}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Substitutes `{{1}}`/`{{name}}` with example values (positional list or named map); unknown ones stay visible. */
export function substituteExamples(
  text: string,
  positional: readonly unknown[],
  named: ReadonlyMap<string, string>,
): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => {
    if (/^[0-9]+$/.test(key)) {
      const v = positional[Number(key) - 1];
      return typeof v === "string" || typeof v === "number" ? String(v) : whole;
    }
    return named.get(key) ?? whole;
  });
}

function namedExamples(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of list(v))
    if (isObj(p) && typeof p["param_name"] === "string") out.set(p["param_name"], String(p["example"] ?? ""));
  return out;
}

/** WhatsApp's inline formatting on already-escaped text: *bold*, _italic_, ~strike~, ```mono```, newlines. */
function formatWhatsApp(escaped: string): string {
  return escaped
    .replace(/```([^`]+)```/g, "<code>$1</code>")
    .replace(/\*([^*\n]+)\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])_([^_\n]+)_/g, "$1<em>$2</em>")
    .replace(/~([^~\n]+)~/g, "<s>$1</s>")
    .replace(/\n/g, "<br>");
}

function textBlock(cls: string, text: string, positional: readonly unknown[], named: ReadonlyMap<string, string>) {
  return `<div class="${cls}">${formatWhatsApp(escapeHtml(substituteExamples(text, positional, named)))}</div>`;
}

function renderHeader(c: Obj): string {
  const format = (str(c["format"]) ?? "TEXT").toUpperCase();
  const ex = isObj(c["example"]) ? c["example"] : {};
  if (format === "TEXT") {
    return textBlock(
      "wa-header wa-header-text",
      str(c["text"]) ?? "",
      list(ex["header_text"]),
      namedExamples(ex["header_text_named_params"]),
    );
  }
  const label = { IMAGE: "Image", VIDEO: "▶ Video", DOCUMENT: "Document", LOCATION: "Location" }[format] ?? format;
  return `<div class="wa-header wa-header-media wa-header-${escapeHtml(format.toLowerCase())}" data-format="${escapeHtml(format)}">${escapeHtml(label)}</div>`;
}

function renderBody(c: Obj, category: string): string {
  const text = str(c["text"]);
  if (text === undefined && category.toUpperCase() === "AUTHENTICATION") {
    // Meta writes the authentication body; show its English preset with a sample code.
    const extra = c["add_security_recommendation"] === true ? " For your security, do not share this code." : "";
    return `<div class="wa-body wa-body-auth"><strong>123456</strong> is your verification code.${escapeHtml(extra)}</div>`;
  }
  const ex = isObj(c["example"]) ? c["example"] : {};
  const rows = list(ex["body_text"]);
  return textBlock("wa-body", text ?? "", list(rows[0]), namedExamples(ex["body_text_named_params"]));
}

function renderFooter(c: Obj): string {
  const text = str(c["text"]);
  if (text !== undefined) return `<div class="wa-footer">${escapeHtml(text)}</div>`;
  const minutes = c["code_expiration_minutes"];
  if (typeof minutes === "number") return `<div class="wa-footer">This code expires in ${minutes} minutes.</div>`;
  return "";
}

// Symbols present in common system fonts (no emoji font is assumed on CI machines).
const BUTTON_ICONS: Record<string, string> = {
  URL: "↗",
  PHONE_NUMBER: "☎",
  VOICE_CALL: "☎",
  QUICK_REPLY: "↩",
  FLOW: "☰",
};

function buttonLabel(b: Obj): string {
  const type = (str(b["type"]) ?? "").toUpperCase();
  const text = str(b["text"]);
  if (text !== undefined) return text;
  if (type === "COPY_CODE") return "Copy offer code";
  if (type === "OTP") return "Copy code";
  if (type === "CATALOG") return "View catalog";
  return type;
}

function renderButtons(c: Obj): string {
  const buttons = list(c["buttons"]).filter(isObj);
  if (buttons.length === 0) return "";
  const items = buttons.map((b, i) => {
    const type = (str(b["type"]) ?? "").toUpperCase();
    const target = str(b["url"]) ?? str(b["phone_number"]);
    const title = target === undefined ? "" : ` title="${escapeHtml(target)}"`;
    const icon = BUTTON_ICONS[type] ?? "";
    return `<div class="wa-button wa-button-${escapeHtml(type.toLowerCase().replace(/_/g, "-"))}" data-index="${i}"${title}>${escapeHtml(`${icon} ${buttonLabel(b)}`.trim())}</div>`;
  });
  return `<div class="wa-buttons">${items.join("")}</div>`;
}

function renderLimitedTimeOffer(c: Obj): string {
  const lto = isObj(c["limited_time_offer"]) ? c["limited_time_offer"] : {};
  const expiry = lto["has_expiration"] === true ? `<div class="wa-lto-expiry">Ends in 1 day</div>` : "";
  return `<div class="wa-lto"><div class="wa-lto-text">${escapeHtml(str(lto["text"]) ?? "")}</div>${expiry}</div>`;
}

function renderComponents(components: unknown[], category: string, idPrefix: string): string {
  const parts: string[] = [];
  let buttons = "";
  let carousel = "";
  for (const c of components.filter(isObj)) {
    switch ((str(c["type"]) ?? "").toUpperCase()) {
      case "HEADER":
        parts.push(renderHeader(c));
        break;
      case "LIMITED_TIME_OFFER":
        parts.push(renderLimitedTimeOffer(c));
        break;
      case "BODY":
        parts.push(renderBody(c, category));
        break;
      case "FOOTER":
        parts.push(renderFooter(c));
        break;
      case "BUTTONS":
        buttons = renderButtons(c);
        break;
      case "CAROUSEL":
        carousel = renderCarousel(c, category, idPrefix);
        break;
    }
  }
  return `<div class="wa-bubble">${parts.join("")}<div class="wa-time">12:00</div></div>${buttons}${carousel}`;
}

function renderCarousel(c: Obj, category: string, idPrefix: string): string {
  const cards = list(c["cards"]).filter(isObj);
  const html = cards.map(
    (card, i) =>
      `<div class="wa-card" id="${idPrefix}-card-${i}" data-index="${i}">${renderComponents(list(card["components"]), category, `${idPrefix}-card-${i}`)}</div>`,
  );
  return `<div class="wa-carousel">${html.join("")}</div>`;
}

/** One template as a phone screen. */
export function renderTemplatePreview(item: PreviewItem): string {
  const id = previewId(item.name, item.language);
  const changes =
    item.changes && item.changes.length > 0
      ? `<ul class="wa-changes">${item.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>`
      : "";
  return (
    `<section class="wa-template wa-action-${escapeHtml(item.action)}" id="${id}" data-name="${escapeHtml(item.name)}" data-language="${escapeHtml(item.language)}" data-action="${escapeHtml(item.action)}">` +
    `<h2 class="wa-title"><span class="wa-badge">${escapeHtml(item.action)}</span> ${escapeHtml(item.name)} <small>${escapeHtml(item.language)} · ${escapeHtml(item.category)}</small></h2>` +
    `<div class="wa-phone"><div class="wa-appbar">Business</div><div class="wa-chat">${renderComponents(item.components, item.category, id)}</div></div>` +
    `${changes}</section>`
  );
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Devanagari",sans-serif;background:#f0f2f5;margin:0;padding:16px;color:#111b21}
h1{font-size:18px;margin:0 0 12px}
.wa-summary{margin:0 0 16px;font-size:14px}
.wa-grid{display:flex;flex-wrap:wrap;gap:16px}
.wa-template{width:340px}
.wa-title{font-size:14px;margin:0 0 6px;word-break:break-all}
.wa-title small{color:#667781;font-weight:normal}
.wa-badge{display:inline-block;padding:1px 6px;border-radius:8px;background:#128c7e;color:#fff;font-size:11px;text-transform:uppercase}
.wa-action-replace .wa-badge{background:#d97706}.wa-action-update .wa-badge{background:#2563eb}
.wa-phone{border:8px solid #1f2c34;border-radius:24px;overflow:hidden;background:#efeae2}
.wa-appbar{background:#075e54;color:#fff;padding:10px 14px;font-weight:600}
.wa-chat{padding:12px;min-height:120px}
.wa-bubble{background:#fff;border-radius:0 8px 8px 8px;padding:6px 8px 4px;box-shadow:0 1px .5px rgba(11,20,26,.13);font-size:14px;line-height:19px}
.wa-header-text{font-weight:700;margin-bottom:4px}
.wa-header-media{height:120px;border-radius:6px;background:#c7d7e0;color:#33434d;display:flex;align-items:center;justify-content:center;margin-bottom:6px}
.wa-lto{background:#f0f2f5;border-radius:6px;padding:6px;margin-bottom:6px}.wa-lto-expiry{color:#667781;font-size:12px}
.wa-body{white-space:normal;word-wrap:break-word}
.wa-footer{color:#667781;font-size:13px;margin-top:4px}
.wa-time{color:#667781;font-size:11px;text-align:right}
.wa-buttons{margin-top:2px}
.wa-button{background:#fff;color:#00a5f4;text-align:center;padding:8px;margin-top:2px;border-radius:8px;font-size:14px}
.wa-carousel{display:flex;gap:8px;overflow-x:auto;margin-top:8px}
.wa-card{min-width:220px;max-width:220px}
.wa-changes{font-size:12px;color:#3b4a54;padding-left:18px}
`;

/** A full HTML page with one phone per template, in the order given. */
export function renderPreviewPage(title: string, items: readonly PreviewItem[], summary = ""): string {
  const body =
    items.length === 0
      ? `<p class="wa-empty">No new or changed templates.</p>`
      : `<div class="wa-grid">${items.map(renderTemplatePreview).join("\n")}</div>`;
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>\n` +
    `<body><h1>${escapeHtml(title)}</h1>${summary === "" ? "" : `<p class="wa-summary">${escapeHtml(summary)}</p>`}\n${body}\n</body></html>\n`
  );
}
