/** Meta rules for one template: identity, category, components and lengths, TTL (whatsapp-rules.md §1.1, §1.2, §1.8). */
import type { Rule } from "./engine.ts";
import { classifyLanguage } from "./languages.ts";
import type { TemplateView } from "./template-view.ts";
import { arr, isInt, isNonBlank, q, rec, str, tooLong } from "./util.ts";

type R = Rule<TemplateView>;

const NAME = /^[a-z0-9_]+$/;
const CATEGORIES = new Set(["MARKETING", "UTILITY", "AUTHENTICATION"]);
const COMPONENT_TYPES = new Set(["HEADER", "BODY", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER", "CAROUSEL"]);
const HEADER_FORMATS = new Set(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION", "GIF", "PRODUCT"]);
const MEDIA_FORMATS = new Set(["IMAGE", "VIDEO", "DOCUMENT", "GIF"]);
const MARKDOWN = /[*_~`]/;

function suggestName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Identity: name, language, category (§1.1). */
export const identityRules: R[] = [
  {
    code: "template.name.charset",
    severity: "error",
    source: "§1.1 Template name charset · M-TF, M-UTL",
    description: "Template name is present and uses only lowercase a–z, digits 0–9 and underscores.",
    check(t, report) {
      const name = t.raw["name"];
      if (!isNonBlank(name))
        report(["name"], "template name is missing; use lowercase letters, digits and underscores");
      else if (!NAME.test(name))
        report(
          ["name"],
          `template name ${q(name)} may use only lowercase a–z, digits and underscores; try ${q(suggestName(name))}`,
        );
    },
  },
  {
    code: "template.name.length",
    severity: "error",
    source: "§1.1 Template name length · M-TF, M-TM-OLD",
    description: "Template name is at most 512 characters.",
    check(t, report) {
      const m = tooLong("template name", t.raw["name"], 512);
      if (m) report(["name"], m);
    },
  },
  {
    code: "template.language.format",
    severity: "error",
    source: "§1.1 `language` format · M-LANG",
    description: "Language code is `ll`, `lll` or `ll_RR` with an underscore and Meta's casing.",
    check(t, report) {
      const lang = t.raw["language"];
      if (typeof lang !== "string") {
        report(["language"], 'language is missing; use a Meta language code such as "en_US"');
        return;
      }
      const v = classifyLanguage(lang);
      if (v.kind === "malformed")
        report(
          ["language"],
          `language ${q(lang)} is not a Meta language code (\`ll\` or \`ll_RR\`, underscore, case-sensitive)` +
            (v.suggestion ? `; did you mean ${q(v.suggestion)}?` : ""),
        );
    },
  },
  {
    code: "template.language.unknown",
    severity: "error",
    source: "§1.1 Language list · M-LANG",
    description: "Language code without a region is in Meta's supported-language list.",
    check(t, report) {
      const lang = str(t.raw["language"]);
      if (lang === undefined) return;
      const v = classifyLanguage(lang);
      if (v.kind === "unknown")
        report(
          ["language"],
          `language ${q(lang)} is not in Meta's supported languages` +
            (v.suggestions.length > 0 ? `; use one of ${v.suggestions.map((s) => q(s)).join(", ")}` : ""),
        );
    },
  },
  {
    code: "template.language.unlisted",
    severity: "warning",
    source: "§1.1 Language list (tail not captured) · M-LANG",
    description: "A well-formed regional code (`ll_RR`) that is not in the embedded list; Meta's 2026 list is longer.",
    check(t, report) {
      const lang = str(t.raw["language"]);
      if (lang !== undefined && classifyLanguage(lang).kind === "unlisted_region")
        report(
          ["language"],
          `language ${q(lang)} is not in the embedded copy of Meta's list; check Meta's supported-languages page`,
        );
    },
  },
  {
    code: "template.category.enum",
    severity: "error",
    source: "§1.1 `category` enum · M-TF, M-TCAT",
    description: "Category is MARKETING, UTILITY or AUTHENTICATION (TRANSACTIONAL and OTP are gone).",
    check(t, report) {
      const c = t.raw["category"];
      if (c === undefined) report(["category"], "category is missing; use MARKETING, UTILITY or AUTHENTICATION");
      else if (!CATEGORIES.has(t.category)) {
        const hint =
          t.category === "TRANSACTIONAL" ? "; use UTILITY" : t.category === "OTP" ? "; use AUTHENTICATION" : "";
        report(["category"], `category ${q(c)} is not MARKETING, UTILITY or AUTHENTICATION${hint}`);
      }
    },
  },
  {
    code: "template.allow_category_change.unsupported",
    severity: "warning",
    source: "§1.1 `allow_category_change` · M-TCAT",
    description: "`allow_category_change` is ignored by Meta since 9 Apr 2025.",
    check(t, report) {
      if ("allow_category_change" in t.raw)
        report(
          ["allow_category_change"],
          "allow_category_change is no longer supported (since 9 Apr 2025); remove it — a UTILITY template judged promotional is approved as MARKETING",
        );
    },
  },
];

/** What each category may contain (§1.1 table). */
export const categoryRules: R[] = [
  {
    code: "template.category.marketing_only",
    severity: "error",
    source: "§1.1 What each category may contain (MARKETING) · M-TCAT, M-MKT",
    description: "LTO, carousel, catalog/MPM/SPM buttons, GIF and product headers only in MARKETING templates.",
    check(t, report) {
      if (t.category !== "UTILITY") return;
      const why = (what: string) => `${what} is allowed only in MARKETING templates; change category to MARKETING`;
      if (t.lto) report(t.lto.path, why("a limited-time offer"));
      if (t.carousel) report(t.carousel.path, why("a carousel"));
      if (t.header && (t.header.format === "GIF" || t.header.format === "PRODUCT"))
        report([...t.header.path, "format"], why(`a ${t.header.format} header`));
      for (const b of t.buttons)
        if (b.type === "CATALOG" || b.type === "MPM" || b.type === "SPM") report(b.path, why(`a ${b.type} button`));
    },
  },
  {
    code: "template.category.utility_button_type",
    severity: "warning",
    source: "§1.1 What each category may contain (UTILITY) · M-UTL",
    description:
      "UTILITY buttons listed by Meta: quick reply, URL, phone, copy code, call request; others may be rejected.",
    check(t, report) {
      if (t.category !== "UTILITY") return;
      for (const b of t.buttons)
        if (b.type === "FLOW" || b.type === "VOICE_CALL")
          report(
            [...b.path, "type"],
            `${b.type} buttons are not in Meta's list for UTILITY templates (quick reply, URL, phone, copy code); review may reject or recategorize`,
          );
    },
  },
  {
    code: "template.category.otp_auth_only",
    severity: "error",
    source: "§1.1 What each category may contain (AUTHENTICATION) · M-TCAT",
    description: "Only AUTHENTICATION templates may carry an OTP button.",
    check(t, report) {
      if (t.category === "AUTHENTICATION") return;
      for (const b of t.allButtons)
        if (b.type === "OTP")
          report([...b.path, "type"], "OTP buttons are allowed only in AUTHENTICATION templates; use COPY_CODE or URL");
    },
  },
];

/** Components, counts and lengths (§1.2). */
export const componentRules: R[] = [
  {
    code: "template.components.type",
    severity: "error",
    source: "§1.2 Components · M-TC",
    description:
      "Every component is an object whose `type` is HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER or CAROUSEL.",
    check(t, report) {
      const raw = arr(t.raw["components"]);
      t.components.forEach((c, i) => {
        if (typeof raw[i] !== "object" || raw[i] === null) report(c.path, "component must be an object with a type");
        else if (!COMPONENT_TYPES.has(c.type))
          report(
            [...c.path, "type"],
            `component type ${q(c.raw["type"])} is unknown; use HEADER, BODY, FOOTER, BUTTONS, LIMITED_TIME_OFFER or CAROUSEL`,
          );
      });
    },
  },
  {
    code: "template.components.count",
    severity: "error",
    source: "§1.2 HEADER/BODY/FOOTER/BUTTONS ≤ 1 · M-TC",
    description: "At most one component of each type.",
    check(t, report) {
      const seen = new Set<string>();
      for (const c of t.components) {
        if (!COMPONENT_TYPES.has(c.type)) continue;
        if (seen.has(c.type))
          report(c.path, `a template has at most one ${c.type} component; merge or remove this one`);
        seen.add(c.type);
      }
    },
  },
  {
    code: "template.body.required",
    severity: "error",
    source: "§1.2 BODY required · M-TC",
    description: "Every template has exactly one BODY component.",
    check(t, report) {
      if (!t.body) report(["components"], "template has no BODY component; add one");
    },
  },
  {
    code: "template.body.text",
    severity: "error",
    source: "§1.2 BODY · M-TC",
    description: "A BODY (outside AUTHENTICATION) has non-empty `text`.",
    check(t, report) {
      if (t.category === "AUTHENTICATION") return;
      if (t.body && !isNonBlank(t.body.raw["text"])) report(t.body.path, "BODY needs non-empty text");
      for (const card of t.cards)
        if (card.body && !isNonBlank(card.body.raw["text"])) report(card.body.path, "card BODY needs non-empty text");
    },
  },
  {
    code: "template.body.length",
    severity: "error",
    source: "§1.2 BODY text ≤ 1024 · M-TC, M-MCC, M-PCC",
    description: "Body text is at most 1024 characters (LTO bodies: see lto.body.length).",
    check(t, report) {
      if (!t.body || t.lto) return;
      const m = tooLong("body text", t.body.raw["text"], 1024);
      if (m) report([...t.body.path, "text"], m);
    },
  },
  {
    code: "template.header.format",
    severity: "error",
    source: "§1.2 HEADER format · M-TC",
    description: "Header `format` is TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, GIF or PRODUCT.",
    check(t, report) {
      const headers = t.header ? [t.header] : [];
      for (const card of t.cards) if (card.header) headers.push(card.header);
      for (const h of headers)
        if (!HEADER_FORMATS.has(h.format))
          report(
            [...h.path, "format"],
            `header format ${q(h.raw["format"])} is unknown; use TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, GIF or PRODUCT`,
          );
    },
  },
  {
    code: "template.header.text",
    severity: "error",
    source: "§1.2 HEADER TEXT · M-TC",
    description: "A TEXT header has non-empty `text`.",
    check(t, report) {
      if (t.header?.format === "TEXT" && !isNonBlank(t.header.raw["text"]))
        report(t.header.path, "TEXT header needs non-empty text (≤ 60 chars)");
    },
  },
  {
    code: "template.header.text.length",
    severity: "error",
    source: "§1.2 HEADER TEXT ≤ 60 · M-TC",
    description: "Header text is at most 60 characters.",
    check(t, report) {
      if (t.header?.format !== "TEXT") return;
      const m = tooLong("header text", t.header.raw["text"], 60);
      if (m) report([...t.header.path, "text"], m);
    },
  },
  {
    code: "template.header.params",
    severity: "error",
    source: "§1.2 HEADER TEXT ≤ 1 parameter · M-TC",
    description: "Header text has at most one parameter.",
    check(t, report) {
      for (const x of t.texts)
        if (x.role === "header" && x.scan.params.length > 1)
          report(
            [...x.comp.path, "text"],
            `header text has ${x.scan.params.length} parameters; a header allows at most 1`,
          );
    },
  },
  {
    code: "template.header.markdown",
    severity: "warning",
    source: "§1.2 HEADER TEXT: avoid markdown characters · M-TC",
    description: "Header text avoids markdown characters (`*`, `_`, `~`, backtick) outside parameters.",
    check(t, report) {
      for (const x of t.texts) {
        if (x.role !== "header") continue;
        let outside = x.text;
        for (const p of x.scan.params) outside = outside.replace(x.text.slice(p.start, p.end), "");
        if (MARKDOWN.test(outside))
          report(
            [...x.comp.path, "text"],
            `header text ${q(x.text)} has markdown characters; Meta advises against them`,
          );
      }
    },
  },
  {
    code: "template.header.media_example",
    severity: "error",
    source: "§1.2 HEADER media example · M-TC, M-TF",
    description:
      "Media headers (IMAGE, VIDEO, DOCUMENT, GIF) carry `example.header_handle` from the Resumable Upload API.",
    check(t, report) {
      const headers = t.header ? [t.header] : [];
      for (const card of t.cards) if (card.header) headers.push(card.header);
      for (const h of headers) {
        if (!MEDIA_FORMATS.has(h.format)) continue;
        const handle = arr(rec(h.raw["example"])["header_handle"])[0];
        if (!isNonBlank(handle))
          report(
            h.path,
            `${h.format} header needs example.header_handle: [<handle from the Resumable Upload API>] for review`,
          );
      }
    },
  },
  {
    code: "template.header.gif",
    severity: "warning",
    source: "§1.2 HEADER GIF (MM Lite only) · M-TC",
    description: "GIF headers are delivered only through the Marketing Messages API (mp4 ≤ 3.5 MB).",
    check(t, report) {
      if (t.header?.format === "GIF")
        report(
          [...t.header.path, "format"],
          "GIF headers work only with the Marketing Messages API (MM Lite); Cloud API sends fail",
        );
    },
  },
  {
    code: "template.header.product",
    severity: "error",
    source: "§1.2 HEADER PRODUCT (SPM and product-card carousel cards) · M-SPM, M-PCC",
    description: "A PRODUCT header appears only in SPM templates and product-card carousel cards.",
    check(t, report) {
      if (t.header?.format === "PRODUCT" && !t.buttons.some((b) => b.type === "SPM"))
        report(
          [...t.header.path, "format"],
          "PRODUCT headers need an SPM button (single-product message) or belong in a product-card carousel",
        );
    },
  },
  {
    code: "template.footer.text",
    severity: "error",
    source: "§1.2 FOOTER · M-TC",
    description: "A FOOTER (outside AUTHENTICATION) has non-empty `text`.",
    check(t, report) {
      if (t.category === "AUTHENTICATION" || !t.footer) return;
      if (!isNonBlank(t.footer.raw["text"])) report(t.footer.path, "FOOTER needs non-empty text (≤ 60 chars)");
    },
  },
  {
    code: "template.footer.length",
    severity: "error",
    source: "§1.2 FOOTER ≤ 60 · M-TC",
    description: "Footer text is at most 60 characters.",
    check(t, report) {
      if (!t.footer) return;
      const m = tooLong("footer text", t.footer.raw["text"], 60);
      if (m) report([...t.footer.path, "text"], m);
    },
  },
  {
    code: "template.footer.params",
    severity: "warning",
    source: "§1.2 FOOTER variables (Meta pages disagree) · M-TC vs M-UTL, M-CAT",
    description: "Footer text has no parameters (Meta's components page shows none; two pages say variables work).",
    check(t, report) {
      const text = str(t.footer?.raw["text"]);
      if (t.footer && text !== undefined && /\{\{[^{}]*\}\}/.test(text))
        report(
          [...t.footer.path, "text"],
          `footer text ${q(text)} has a parameter; Meta's components page allows none — move it to the body`,
        );
    },
  },
];

const TTL_RANGES: Record<string, { min: number; max: number; minusOne: boolean }> = {
  AUTHENTICATION: { min: 30, max: 900, minusOne: true },
  UTILITY: { min: 30, max: 43_200, minusOne: true },
  MARKETING: { min: 43_200, max: 2_592_000, minusOne: false },
};

/** Time-to-live per category (§1.8). */
export const ttlRules: R[] = [
  {
    code: "ttl.range",
    severity: "error",
    source: "§1.8 Time-to-live · M-TTL",
    description:
      "`message_send_ttl_seconds` is an integer in the category's range: AUTHENTICATION 30–900 or -1, UTILITY 30–43200 or -1, MARKETING 43200–2592000.",
    check(t, report) {
      const ttl = t.raw["message_send_ttl_seconds"];
      if (ttl === undefined) return;
      const range = TTL_RANGES[t.category];
      if (!isInt(ttl)) {
        report(["message_send_ttl_seconds"], `message_send_ttl_seconds ${q(ttl)} must be a whole number of seconds`);
        return;
      }
      if (!range) return;
      if (ttl === -1 && range.minusOne) return;
      if (ttl < range.min || ttl > range.max)
        report(
          ["message_send_ttl_seconds"],
          `message_send_ttl_seconds ${ttl} is outside ${t.category}'s range ${range.min}–${range.max}` +
            (range.minusOne ? " (or -1 for 30 days)" : ""),
        );
    },
  },
  {
    code: "ttl.marketing_mm_lite",
    severity: "warning",
    source: "§1.8 MARKETING TTL: MM Lite API only · M-TTL",
    description: "A MARKETING TTL applies only to sends through the Marketing Messages API.",
    check(t, report) {
      if (t.category === "MARKETING" && t.raw["message_send_ttl_seconds"] !== undefined)
        report(
          ["message_send_ttl_seconds"],
          "a MARKETING TTL applies only to Marketing Messages API (MM Lite) sends; Cloud API sends ignore it",
        );
    },
  },
  {
    code: "ttl.code_expiration",
    severity: "warning",
    source: "§1.8 Advice: auth TTL ≤ code expiry · M-TTL",
    description: "An AUTHENTICATION TTL does not outlive the code (`code_expiration_minutes`, default 10).",
    check(t, report) {
      if (t.category !== "AUTHENTICATION") return;
      const ttl = t.raw["message_send_ttl_seconds"];
      if (!isInt(ttl)) return;
      const exp = t.footer?.raw["code_expiration_minutes"];
      const minutes = isInt(exp) ? exp : 10;
      const seconds = ttl === -1 ? 2_592_000 : ttl;
      if (seconds > minutes * 60)
        report(
          ["message_send_ttl_seconds"],
          `message_send_ttl_seconds ${ttl} outlives the code (${minutes} min = ${minutes * 60} s); deliver codes only while they are valid`,
        );
    },
  },
];
