/**
 * The emulator's own Meta template rules (independent of src/config): synchronous create-time checks that Meta answers
 * with an error, and the asynchronous review that approves or rejects with a Meta reason.
 */
import { createHash } from "node:crypto";
import { invalidParameters } from "./errors.ts";

type Obj = Record<string, unknown>;

/** A template definition after the synchronous checks, normalized to Meta's stored casing. */
export interface ParsedDefinition {
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  parameterFormat: "POSITIONAL" | "NAMED";
  components: Obj[];
  messageSendTtlSeconds?: number;
}

/** Review outcome. */
export type ReviewDecision =
  | { decision: "APPROVED"; category: string }
  | { decision: "REJECTED"; reason: string; recommendation: string };

const COMPONENT_TYPES = ["HEADER", "BODY", "FOOTER", "BUTTONS", "CAROUSEL", "LIMITED_TIME_OFFER"];
const HEADER_FORMATS = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION", "GIF", "PRODUCT"];
const BUTTON_TYPES = [
  "QUICK_REPLY",
  "URL",
  "PHONE_NUMBER",
  "COPY_CODE",
  "OTP",
  "FLOW",
  "CATALOG",
  "MPM",
  "SPM",
  "VOICE_CALL",
];
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$/;
const PROMOTIONAL =
  /(\b\d{1,3}\s?% off\b|\bdiscount\b|\bpromo(tion)? code\b|\bcoupon\b|\blimited[- ]time offer\b|\bbuy now\b|\bflash sale\b)/i;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const chars = (s: string): number => [...s].length;

function metaError(code: number, message: string): Error {
  return invalidParameters(`(#${code}) ${message}`);
}

/** Parses and checks a `templateDefinition` the way Meta's create endpoint does before review; throws on failure. */
export function parseDefinition(raw: unknown): ParsedDefinition {
  if (!isObj(raw)) throw metaError(100, "Invalid parameter: the template definition must be a JSON object");
  const name = str(raw.name);
  if (name === undefined) throw metaError(100, "The parameter name is required");
  if (!/^[a-z0-9_]+$/.test(name) || chars(name) > 512)
    throw metaError(
      100,
      `Invalid parameter: name "${name}" may contain only lower-case letters, digits and underscores (max 512)`,
    );
  const language = str(raw.language);
  if (language === undefined) throw metaError(100, "The parameter language is required");
  if (!LANGUAGE.test(language))
    throw metaError(100, `Invalid parameter: language "${language}" is not a supported language code (e.g. en_US)`);
  const category = str(raw.category)?.toUpperCase();
  if (category === undefined) throw metaError(100, "The parameter category is required");
  if (category !== "MARKETING" && category !== "UTILITY" && category !== "AUTHENTICATION")
    throw metaError(
      100,
      `Invalid parameter: category "${String(raw.category)}" must be MARKETING, UTILITY or AUTHENTICATION`,
    );
  const pf = raw.parameter_format === undefined ? "POSITIONAL" : str(raw.parameter_format)?.toUpperCase();
  if (pf !== "POSITIONAL" && pf !== "NAMED")
    throw metaError(100, `Invalid parameter: parameter_format "${String(raw.parameter_format)}"`);
  const components = checkComponents(raw.components, category);
  const def: ParsedDefinition = { name, language, category, parameterFormat: pf, components };
  if (raw.message_send_ttl_seconds !== undefined) {
    const ttl = raw.message_send_ttl_seconds;
    if (typeof ttl !== "number" || !Number.isInteger(ttl))
      throw metaError(100, "Invalid parameter: message_send_ttl_seconds must be an integer");
    def.messageSendTtlSeconds = ttl;
  }
  return def;
}

/** Checks a components array (create or edit); returns Meta's stored form. */
export function checkComponents(raw: unknown, category: string): Obj[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw metaError(100, "The parameter components is required and must be a non-empty array");
  const seen = new Map<string, number>();
  for (const [i, c] of raw.entries()) {
    if (!isObj(c)) throw metaError(100, `components[${i}] must be an object`);
    const type = str(c.type)?.toUpperCase();
    if (type === undefined || !COMPONENT_TYPES.includes(type))
      throw metaError(100, `Invalid parameter: components[${i}].type "${String(c.type)}"`);
    seen.set(type, (seen.get(type) ?? 0) + 1);
    if ((seen.get(type) ?? 0) > 1) throw metaError(100, `Invalid parameter: more than one ${type} component`);
    const text = str(c.text);
    const hasLto = raw.some((x) => isObj(x) && str(x.type)?.toUpperCase() === "LIMITED_TIME_OFFER");
    if (type === "HEADER") {
      const format = str(c.format)?.toUpperCase();
      if (format === undefined || !HEADER_FORMATS.includes(format))
        throw metaError(2388047, `Header format "${String(c.format)}" is invalid`);
      if (format === "TEXT" && (text === undefined || text.trim() === ""))
        throw metaError(2388047, "A TEXT header needs text");
      if (text !== undefined && chars(text) > 60)
        throw metaError(2388040, `header text is ${chars(text)} chars; the limit is 60`);
    }
    if (type === "BODY") {
      if (category !== "AUTHENTICATION" && (text === undefined || text.trim() === ""))
        throw metaError(2388072, "The body text is required");
      const limit = hasLto ? 600 : 1024;
      if (text !== undefined && chars(text) > limit)
        throw metaError(2388040, `body text is ${chars(text)} chars; the limit is ${limit}`);
      if (text !== undefined && /^\s*\{\{[^{}]*\}\}|\{\{[^{}]*\}\}\s*$/.test(text))
        throw metaError(2388299, "Variables can't be at the start or end of the template body");
    }
    if (type === "FOOTER") {
      if (category !== "AUTHENTICATION" && (text === undefined || text.trim() === ""))
        throw metaError(2388073, "The footer text is required");
      if (text !== undefined && chars(text) > 60)
        throw metaError(2388040, `footer text is ${chars(text)} chars; the limit is 60`);
    }
    if (type === "BUTTONS") {
      if (!Array.isArray(c.buttons) || c.buttons.length === 0)
        throw metaError(100, "The BUTTONS component needs a non-empty buttons array");
      for (const [j, b] of c.buttons.entries()) {
        if (!isObj(b)) throw metaError(100, `buttons[${j}] must be an object`);
        const bt = str(b.text);
        if (bt !== undefined && chars(bt) > 25)
          throw metaError(2388040, `button text "${bt}" is ${chars(bt)} chars; the limit is 25`);
        const url = str(b.url);
        if (url !== undefined && chars(url) > 2000)
          throw metaError(2388040, `button url is ${chars(url)} chars; the limit is 2000`);
        const phone = str(b.phone_number);
        if (phone !== undefined && chars(phone) > 20)
          throw metaError(2388040, `button phone_number is ${chars(phone)} chars; the limit is 20`);
      }
    }
  }
  if ((seen.get("BODY") ?? 0) !== 1 && !seen.has("CAROUSEL")) throw metaError(2388072, "A template needs one BODY");
  return toStoredComponents(raw as Obj[], category);
}

/** Meta's stored/echoed form: upper-case component, format and button types; OTP buttons stored as URL. */
export function toStoredComponents(components: readonly Obj[], category?: string): Obj[] {
  return components.map((c) => {
    const out: Obj = structuredClone(c);
    if (typeof out.type === "string") out.type = out.type.toUpperCase();
    if (typeof out.format === "string") out.format = out.format.toUpperCase();
    if (category === "AUTHENTICATION" && out.type === "BODY" && out.text === undefined) {
      out.text =
        out.add_security_recommendation === true
          ? "*{{1}}* is your verification code. For your security, do not share this code."
          : "*{{1}}* is your verification code.";
    }
    if (category === "AUTHENTICATION" && out.type === "FOOTER" && typeof out.code_expiration_minutes === "number") {
      out.text = `This code expires in ${out.code_expiration_minutes} minutes.`;
    }
    if (isObj(out.example) && Array.isArray(out.example.header_handle)) {
      // Meta echoes a CDN URL where the handle was submitted.
      out.example = {
        ...out.example,
        header_handle: out.example.header_handle.map(
          (h) =>
            `https://scontent.whatsapp.net/v/t61.29466-34/${createHash("sha256").update(String(h)).digest("hex").slice(0, 24)}`,
        ),
      };
    }
    if (Array.isArray(out.buttons)) {
      out.buttons = out.buttons.map((b) => {
        if (!isObj(b)) return b;
        const bb: Obj = { ...b };
        if (typeof bb.type === "string") bb.type = bb.type.toUpperCase();
        if (bb.type === "OTP") {
          const otpType = typeof bb.otp_type === "string" ? bb.otp_type.toUpperCase() : "COPY_CODE";
          return {
            type: "URL",
            text: typeof bb.text === "string" ? bb.text : "Copy code",
            url: `https://www.whatsapp.com/otp/code/?otp_type=${otpType}&code=otp{{1}}`,
          };
        }
        return bb;
      });
    }
    return out;
  });
}

interface Param {
  token: string;
  start: number;
  end: number;
}

function params(text: string): Param[] {
  const out: Param[] = [];
  for (const m of text.matchAll(/\{\{([^{}]*)\}\}/g)) {
    out.push({ token: m[1] ?? "", start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Counts the parameters of a text (for send-time checks). */
export function paramTokens(text: string | undefined): string[] {
  return text === undefined ? [] : params(text).map((p) => p.token.trim());
}

function reject(recommendation: string, reason = "INVALID_FORMAT"): ReviewDecision {
  return { decision: "REJECTED", reason, recommendation };
}

function checkText(
  where: string,
  text: string,
  format: "POSITIONAL" | "NAMED",
  example: unknown,
  exampleKey: "body" | "header",
): string | undefined {
  const ps = params(text);
  const residual = text.replace(/\{\{[^{}]*\}\}/g, "");
  if (/\{\{|\}\}/.test(residual) || /\{\d+\}|\{[a-z_]+\}/.test(residual))
    return `${where}: a variable has mismatched braces; write {{1}} or {{name}}`;
  for (const [i, p] of ps.entries()) {
    const token = p.token;
    if (format === "POSITIONAL" && !/^[1-9][0-9]*$/.test(token))
      return `${where}: variable {{${token}}} is not a positional number (parameter_format is POSITIONAL)`;
    if (format === "NAMED" && !/^[a-z_][a-z0-9_]*$/.test(token))
      return `${where}: variable {{${token}}} is not a valid named parameter (lower-case letters, digits, underscores)`;
    const next = ps[i + 1];
    if (next !== undefined && text.slice(p.end, next.start).trim() === "")
      return `${where}: variables {{${token}}} and {{${next.token}}} are adjacent; put words between them`;
  }
  if (format === "POSITIONAL") {
    const firstSeen: number[] = [];
    for (const p of ps) {
      const n = Number(p.token);
      if (!firstSeen.includes(n)) firstSeen.push(n);
    }
    for (const [i, n] of firstSeen.entries())
      if (n !== i + 1) return `${where}: variables must be numbered {{1}}, {{2}}… in order without gaps`;
  } else {
    const names = ps.map((p) => p.token);
    if (new Set(names).size !== names.length) return `${where}: a named variable is used twice`;
  }
  if (ps.length === 0) return undefined;
  const ex = isObj(example) ? example : {};
  if (format === "POSITIONAL") {
    const distinct = new Set(ps.map((p) => p.token)).size;
    if (exampleKey === "body") {
      const rows = ex.body_text;
      const row = Array.isArray(rows) ? rows[0] : undefined;
      if (!Array.isArray(row) || row.length !== distinct)
        return `${where}: example.body_text must give ${distinct} sample value(s)`;
    } else {
      const row = ex.header_text;
      if (!Array.isArray(row) || row.length !== distinct)
        return `${where}: example.header_text must give ${distinct} sample value(s)`;
    }
  } else {
    const list = exampleKey === "body" ? ex.body_text_named_params : ex.header_text_named_params;
    const given = new Set(
      Array.isArray(list) ? list.filter(isObj).map((e) => (typeof e.param_name === "string" ? e.param_name : "")) : [],
    );
    for (const p of ps)
      if (!given.has(p.token))
        return `${where}: example.${exampleKey}_text_named_params has no sample for {{${p.token}}}`;
  }
  return undefined;
}

function checkButtons(buttons: Obj[], category: string): string | undefined {
  if (buttons.length > 10) return `a template may have at most 10 buttons (has ${buttons.length})`;
  const count = (t: string): number => buttons.filter((b) => b.type === t).length;
  for (const b of buttons) {
    const t = String(b.type);
    if (!BUTTON_TYPES.includes(t)) return `button type "${t}" is not supported`;
    if (["QUICK_REPLY", "URL", "PHONE_NUMBER", "FLOW", "VOICE_CALL"].includes(t) && typeof b.text !== "string")
      return `a ${t} button needs text`;
    if (t === "URL") {
      const url = typeof b.url === "string" ? b.url : "";
      if (!/^https?:\/\//.test(url)) return `URL button "${String(b.text)}" needs an http(s) url`;
      const vars = params(url);
      if (vars.length > 1) return `URL button "${String(b.text)}" may have at most one variable`;
      const v = vars[0];
      if (v !== undefined) {
        if (v.end !== url.length) return `URL button "${String(b.text)}": the variable must be the url suffix`;
        if (!Array.isArray(b.example) || b.example.length === 0)
          return `URL button "${String(b.text)}" has a variable but no example url`;
      }
    }
    if (t === "PHONE_NUMBER" && typeof b.phone_number !== "string")
      return `PHONE_NUMBER button "${String(b.text)}" needs phone_number`;
    if (t === "COPY_CODE" && (typeof b.example !== "string" || chars(b.example) > 15))
      return "COPY_CODE button needs an example of at most 15 chars";
    if ((t === "MPM" || t === "CATALOG") && category !== "MARKETING")
      return `${t} buttons are only allowed in MARKETING templates`;
    if (t === "OTP" && category !== "AUTHENTICATION") return "OTP buttons are only allowed in AUTHENTICATION templates";
  }
  if (count("URL") > 2) return "at most 2 URL buttons";
  if (count("PHONE_NUMBER") > 1) return "at most 1 PHONE_NUMBER button";
  if (count("COPY_CODE") > 1) return "at most 1 COPY_CODE button";
  if (count("FLOW") > 1) return "at most 1 FLOW button";
  const qr = buttons.map((b) => b.type === "QUICK_REPLY");
  const first = qr.indexOf(true);
  const last = qr.lastIndexOf(true);
  if (first >= 0 && qr.slice(first, last + 1).includes(false))
    return "quick-reply buttons must be grouped together (not interleaved with other button types)";
  return undefined;
}

/** Meta's review of a submitted or edited template (the submitted components, not the stored form). */
export function reviewTemplate(t: {
  category: string;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: readonly Obj[];
}): ReviewDecision {
  const comps = t.components.map((c) => ({ ...c, type: String(c.type).toUpperCase() }));
  const get = (type: string): Obj | undefined => comps.find((c) => c.type === type);
  const header = get("HEADER");
  const body = get("BODY");
  const footer = get("FOOTER");
  const rawButtons = get("BUTTONS")?.buttons;
  const buttons = (Array.isArray(rawButtons) ? rawButtons : [])
    .filter(isObj)
    .map((b): Obj => ({ ...b, type: String(b.type).toUpperCase() }));
  if (t.category === "AUTHENTICATION") {
    if (typeof body?.text === "string") return reject("AUTHENTICATION bodies are preset: omit body text");
    if (header !== undefined) return reject("AUTHENTICATION templates cannot have a header");
    const otp = buttons.filter((b) => b.type === "OTP");
    if (otp.length !== 1 || buttons.length !== 1) return reject("AUTHENTICATION templates need exactly one OTP button");
    const otpButton = otp[0];
    if (
      otpButton !== undefined &&
      String(otpButton.otp_type).toUpperCase() === "ZERO_TAP" &&
      otpButton.zero_tap_terms_accepted !== true
    )
      return reject("ZERO_TAP OTP buttons need zero_tap_terms_accepted: true");
    const mins = footer?.code_expiration_minutes;
    if (mins !== undefined && (typeof mins !== "number" || mins < 1 || mins > 90))
      return reject("code_expiration_minutes must be 1–90");
    return { decision: "APPROVED", category: "AUTHENTICATION" };
  }
  if (comps.some((c) => c.type === "CAROUSEL" || c.type === "LIMITED_TIME_OFFER") && t.category !== "MARKETING")
    return reject("carousel and limited-time-offer templates must be MARKETING", "INCORRECT_CATEGORY");
  if (header !== undefined) {
    const format = String(header.format).toUpperCase();
    if (format === "TEXT" && typeof header.text === "string") {
      if (params(header.text).length > 1) return reject("HEADER: a text header may have at most one variable");
      const p = checkText("HEADER", header.text, t.parameterFormat, header.example, "header");
      if (p) return reject(p);
    }
    if (["IMAGE", "VIDEO", "DOCUMENT", "GIF"].includes(format)) {
      const ex = isObj(header.example) ? header.example.header_handle : undefined;
      if (!Array.isArray(ex) || ex.length === 0 || typeof ex[0] !== "string" || ex[0] === "")
        return reject(
          `HEADER: a ${format} header needs example.header_handle (upload with CreateWhatsAppMessageTemplateMedia)`,
        );
    }
    if (format === "LOCATION" && t.category === "AUTHENTICATION")
      return reject("LOCATION headers are for UTILITY or MARKETING", "INCORRECT_CATEGORY");
  }
  if (typeof body?.text === "string") {
    const p = checkText("BODY", body.text, t.parameterFormat, body.example, "body");
    if (p) return reject(p);
  }
  if (typeof footer?.text === "string" && params(footer.text).length > 0)
    return reject("FOOTER: variables are not allowed in the footer");
  const b = checkButtons(buttons, t.category);
  if (b) return reject(b);
  const allText = [header?.text, body?.text, footer?.text].filter((x) => typeof x === "string").join(" ");
  if (t.category === "UTILITY" && PROMOTIONAL.test(allText)) return { decision: "APPROVED", category: "MARKETING" };
  return { decision: "APPROVED", category: t.category };
}
