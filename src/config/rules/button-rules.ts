/** Meta rules for template buttons and authentication templates (whatsapp-rules.md §1.4, §1.5). */
import type { Rule } from "./engine.ts";
import { exampleString, splitUrlVariable } from "./param-rules.ts";
import type { ButtonView, TemplateView } from "./template-view.ts";
import { cpLength, hasEmoji, isInt, isNonBlank, q, rec, str, tooLong } from "./util.ts";

type R = Rule<TemplateView>;

const BUTTON_TYPES = new Set([
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
]);
const NEEDS_TEXT = new Set(["QUICK_REPLY", "URL", "PHONE_NUMBER", "FLOW", "VOICE_CALL", "CATALOG", "MPM"]);
const FIXED_TEXT: Record<string, string> = { CATALOG: "View catalog", MPM: "View items" };
const ALNUM = /^[A-Za-z0-9]+$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

function originOf(url: string): string | undefined {
  const m = /^(https?:\/\/[^/?#{}]+)/i.exec(url);
  return m?.[1]?.toLowerCase();
}

/** Every list of buttons in the template: the BUTTONS component and each card's. */
function buttonGroups(t: TemplateView): ButtonView[][] {
  const groups = [t.buttons];
  for (const c of t.cards) groups.push(c.buttons);
  return groups;
}

function countRule(
  code: string,
  type: string,
  max: number,
  source: string,
  severity: "error" | "warning" = "error",
): R {
  return {
    code,
    severity,
    source,
    description: `At most ${max} ${type} button${max === 1 ? "" : "s"} per template.`,
    check(t, report) {
      const of = t.buttons.filter((b) => b.type === type);
      if (of.length > max)
        report(
          of[max]!.path,
          `${of.length} ${type} buttons; a template allows at most ${max} — remove ${of.length - max}`,
        );
    },
  };
}

/** Button counts, kinds, lengths and grouping (§1.4). */
export const buttonRules: R[] = [
  {
    code: "template.buttons.count",
    severity: "error",
    source: "§1.4 Buttons total ≤ 10 · M-TC",
    description: "A BUTTONS component holds 1–10 buttons.",
    check(t, report) {
      const c = t.buttonsComponent;
      if (!c) return;
      const n = t.buttons.length;
      if (n === 0) report([...c.path, "buttons"], "BUTTONS component has no buttons; add some or remove it");
      else if (n > 10) report([...c.path, "buttons"], `${n} buttons; a template allows at most 10`);
    },
  },
  {
    code: "template.buttons.type",
    severity: "error",
    source: "§1.4 Types accepted at creation · M-TC",
    description:
      "Button `type` is one Meta accepts at creation (QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, SPM, VOICE_CALL).",
    check(t, report) {
      for (const b of t.allButtons)
        if (!BUTTON_TYPES.has(b.type))
          report(
            [...b.path, "type"],
            `button type ${q(b.raw["type"])} cannot be created; use QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, SPM or VOICE_CALL`,
          );
    },
  },
  {
    code: "template.buttons.text.required",
    severity: "error",
    source: "§1.4 Buttons (text) · M-TC",
    description: "Quick reply, URL, phone, flow, voice call, catalog and MPM buttons have a label `text`.",
    check(t, report) {
      for (const b of t.allButtons)
        if (NEEDS_TEXT.has(b.type) && !isNonBlank(b.raw["text"])) report(b.path, `${b.type} button needs a text label`);
    },
  },
  {
    code: "template.buttons.text.length",
    severity: "error",
    source: "§1.4 QUICK_REPLY/URL/PHONE_NUMBER text ≤ 25 · M-TC",
    description: "Button labels are at most 25 characters.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type === "OTP") continue;
        const m = tooLong("button text", b.raw["text"], 25);
        if (m) report([...b.path, "text"], m);
      }
    },
  },
  {
    code: "template.buttons.label_charset",
    severity: "warning",
    source: "§1.4 Button label charset · M-UTL",
    description: "Button labels have no emoji (Meta's utility page: alphanumeric characters only).",
    check(t, report) {
      for (const b of t.allButtons) {
        const text = str(b.raw["text"]);
        if (text !== undefined && hasEmoji(text))
          report([...b.path, "text"], `button text ${q(text)} has emoji; Meta asks for alphanumeric labels`);
      }
    },
  },
  {
    code: "template.buttons.fixed_text",
    severity: "error",
    source: "§1.4 MPM / CATALOG fixed text · M-MPM, M-CAT",
    description: "CATALOG buttons read `View catalog`, MPM buttons `View items`.",
    check(t, report) {
      for (const b of t.allButtons) {
        const want = FIXED_TEXT[b.type];
        const text = str(b.raw["text"]);
        if (want !== undefined && text !== undefined && text.toLowerCase() !== want.toLowerCase())
          report([...b.path, "text"], `${b.type} button text is fixed: use ${q(want)}, not ${q(text)}`);
      }
    },
  },
  {
    code: "template.buttons.quick_reply.grouping",
    severity: "error",
    source: "§1.4 Grouping · M-TC",
    description: "When quick replies are mixed with other buttons, all quick replies are contiguous.",
    check(t, report) {
      for (const group of buttonGroups(t)) {
        let runs = 0;
        let prevQr = false;
        for (const b of group) {
          const qr = b.type === "QUICK_REPLY";
          if (qr && !prevQr) runs++;
          if (qr && !prevQr && runs === 2) {
            report(
              b.path,
              `quick replies must be grouped together (${group.map((x) => x.type).join(", ")}); move this QUICK_REPLY next to the others`,
            );
            break;
          }
          prevQr = qr;
        }
      }
    },
  },
  countRule("template.buttons.url.count", "URL", 2, "§1.4 URL ≤ 2 · M-TC"),
  {
    code: "template.buttons.url.length",
    severity: "error",
    source: "§1.4 URL `url` ≤ 2000 · M-TC",
    description: "A URL button has a `url` of at most 2000 characters.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type !== "URL") continue;
        if (!isNonBlank(b.raw["url"])) report(b.path, "URL button needs a url");
        const m = tooLong("button url", b.raw["url"], 2000);
        if (m) report([...b.path, "url"], m);
      }
    },
  },
  {
    code: "template.buttons.url.variable",
    severity: "error",
    source: "§1.4 URL ≤ 1 variable, only as suffix · M-TC",
    description: "A URL has at most one variable, written `{{1}}` (or a named one) at the very end.",
    check(t, report) {
      for (const b of t.allButtons) {
        const url = b.type === "URL" ? str(b.raw["url"]) : undefined;
        if (url === undefined || (!url.includes("{") && !url.includes("}"))) continue;
        const { vars, suffixOnly } = splitUrlVariable(url);
        const ok = suffixOnly && /^(?:1|[a-z_]+)$/.test(vars[0] ?? "") && url.split("{").length === 3;
        if (!ok)
          report(
            [...b.path, "url"],
            `url ${q(url)} may hold one variable, only at the end: "https://example.com/track/{{1}}"`,
          );
      }
    },
  },
  {
    code: "template.buttons.url.example",
    severity: "error",
    source: "§1.4 URL example required with a variable · M-TC",
    description: "A URL with a variable has `example: [full example URL]` (an http(s) URL).",
    check(t, report) {
      for (const b of t.allButtons) {
        const url = b.type === "URL" ? str(b.raw["url"]) : undefined;
        if (url === undefined || !url.includes("{{")) continue;
        const ex = exampleString(b.raw["example"]);
        const { prefix } = splitUrlVariable(url);
        if (!isNonBlank(ex))
          report(b.path, `url ${q(url)} has a variable; add example: ["${prefix}…"] with a full example URL`);
        else if (!HTTP_URL.test(ex))
          report([...b.path, "example"], `example ${q(ex)} must be the full URL, e.g. ${q(`${prefix}abc123`)}`);
      }
    },
  },
  {
    code: "template.buttons.url.example_origin",
    severity: "warning",
    source: "§1.4 URL example (full example URL) · M-TC",
    description: "The URL example points at the same site (scheme and host) as the button's URL.",
    check(t, report) {
      for (const b of t.allButtons) {
        const url = b.type === "URL" ? str(b.raw["url"]) : undefined;
        const ex = exampleString(b.raw["example"]);
        if (url === undefined || !url.includes("{{") || ex === undefined || !HTTP_URL.test(ex)) continue;
        const want = originOf(url);
        if (want !== undefined && originOf(ex) !== want)
          report([...b.path, "example"], `example ${q(ex)} is not on ${q(want)}, the site of the button's url`);
      }
    },
  },
  countRule("template.buttons.phone_number.count", "PHONE_NUMBER", 1, "§1.4 PHONE_NUMBER ≤ 1 · M-TC"),
  {
    code: "template.buttons.phone_number.length",
    severity: "error",
    source: "§1.4 PHONE_NUMBER `phone_number` ≤ 20 · M-TC",
    description: "A PHONE_NUMBER button has a `phone_number` of at most 20 characters.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type !== "PHONE_NUMBER") continue;
        if (!isNonBlank(b.raw["phone_number"]))
          report(b.path, 'PHONE_NUMBER button needs phone_number, with country code (e.g. "+15550001234")');
        const m = tooLong("phone_number", b.raw["phone_number"], 20);
        if (m) report([...b.path, "phone_number"], m);
      }
    },
  },
  countRule("template.buttons.copy_code.count", "COPY_CODE", 1, "§1.4 COPY_CODE ≤ 1; §1.6 Coupon · M-TC, M-CPN"),
  {
    code: "template.buttons.copy_code.example",
    severity: "error",
    source: "§1.4 COPY_CODE example ≤ 15 · M-TC, M-CPN",
    description: "A COPY_CODE button has an `example` code of at most 15 characters.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type !== "COPY_CODE") continue;
        const ex = exampleString(b.raw["example"]);
        if (!isNonBlank(ex)) report(b.path, "COPY_CODE button needs example: the sample code (≤ 15 chars)");
        else if (cpLength(ex) > 15)
          report([...b.path, "example"], `copy code example ${q(ex)} is ${cpLength(ex)} chars; the limit is 15`);
      }
    },
  },
  {
    code: "template.buttons.copy_code.charset",
    severity: "warning",
    source: "§1.6 Coupon: send-time code alphanumeric only · M-CPN",
    description: "The COPY_CODE example is alphanumeric, as coupon codes must be at send time.",
    check(t, report) {
      for (const b of t.allButtons) {
        const ex = b.type === "COPY_CODE" ? exampleString(b.raw["example"]) : undefined;
        if (isNonBlank(ex) && !ALNUM.test(ex))
          report(
            [...b.path, "example"],
            `copy code ${q(ex)} is not alphanumeric; coupon codes must be letters and digits`,
          );
      }
    },
  },
  countRule("template.buttons.flow.count", "FLOW", 1, "§1.4 FLOW max count (unconfirmed) · ezpulze", "warning"),
  {
    code: "template.buttons.flow.target",
    severity: "error",
    source: "§1.4 FLOW fields · M-FLOW-SEND",
    description: "A FLOW button names its flow with exactly one of `flow_id`, `flow_name`, `flow_json`.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type !== "FLOW") continue;
        const given = ["flow_id", "flow_name", "flow_json"].filter((k) => b.raw[k] !== undefined && b.raw[k] !== "");
        if (given.length !== 1)
          report(
            b.path,
            given.length === 0
              ? "FLOW button needs one of flow_id, flow_name or flow_json"
              : `FLOW button gives ${given.join(" and ")}; keep exactly one`,
          );
      }
    },
  },
  {
    code: "template.buttons.flow.action",
    severity: "error",
    source: "§1.4 FLOW `flow_action` · M-FLOW-SEND",
    description: "`flow_action` is `navigate` or `data_exchange`; `navigate_screen` only with `navigate`.",
    check(t, report) {
      for (const b of t.allButtons) {
        if (b.type !== "FLOW") continue;
        const action = b.raw["flow_action"];
        const a = typeof action === "string" ? action.toLowerCase() : undefined;
        if (action !== undefined && a !== "navigate" && a !== "data_exchange")
          report([...b.path, "flow_action"], `flow_action ${q(action)} must be navigate or data_exchange`);
        else if (a === "data_exchange" && b.raw["navigate_screen"] !== undefined)
          report(
            [...b.path, "navigate_screen"],
            "navigate_screen applies only when flow_action is navigate; remove it",
          );
      }
    },
  },
];

const PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;
const SIGNATURE = /^[A-Za-z0-9+/=]{11}$/;
const OTP_TYPES = new Set(["COPY_CODE", "ONE_TAP", "ZERO_TAP"]);

function otpButtons(t: TemplateView): ButtonView[] {
  return t.category === "AUTHENTICATION" ? t.buttons.filter((b) => b.type === "OTP") : [];
}

/** The apps of an OTP button: `supported_apps` or the legacy `package_name`/`signature_hash` pair. */
function appsOf(b: ButtonView): Array<{ path: (string | number)[]; pkg: unknown; sig: unknown }> {
  if (Array.isArray(b.raw["supported_apps"]))
    return b.raw["supported_apps"].map((a, i) => ({
      path: [...b.path, "supported_apps", i],
      pkg: rec(a)["package_name"],
      sig: rec(a)["signature_hash"],
    }));
  if (b.raw["package_name"] !== undefined || b.raw["signature_hash"] !== undefined)
    return [{ path: [...b.path], pkg: b.raw["package_name"], sig: b.raw["signature_hash"] }];
  return [];
}

/** Authentication templates (§1.5). */
export const authRules: R[] = [
  {
    code: "auth.components.allowed",
    severity: "error",
    source:
      "§1.5 Authentication templates; §1.1 AUTHENTICATION (no media); §1.2 HEADER LOCATION · M-AUTH, M-TCAT, M-TC",
    description: "AUTHENTICATION templates have only BODY, FOOTER and BUTTONS (no header, offer or carousel).",
    check(t, report) {
      if (t.category !== "AUTHENTICATION") return;
      for (const c of t.components)
        if (c.type === "HEADER" || c.type === "LIMITED_TIME_OFFER" || c.type === "CAROUSEL")
          report(
            c.path,
            `AUTHENTICATION templates cannot have a ${c.type} component; they are preset body + optional footer + OTP button`,
          );
    },
  },
  {
    code: "auth.body.preset",
    severity: "error",
    source: "§1.5 Body preset only · M-AUTH-CC",
    description: "The authentication BODY has no `text` or `example`: Meta supplies the text.",
    check(t, report) {
      if (t.category !== "AUTHENTICATION" || !t.body) return;
      for (const k of ["text", "example"])
        if (t.body.raw[k] !== undefined)
          report(
            [...t.body.path, k],
            `authentication body text is preset by Meta ("<code> is your verification code."); remove ${k} and use add_security_recommendation`,
          );
    },
  },
  {
    code: "auth.footer.preset",
    severity: "error",
    source: "§1.5 Footer · M-AUTH-CC",
    description: "The authentication FOOTER carries only `code_expiration_minutes`, no `text`.",
    check(t, report) {
      if (t.category === "AUTHENTICATION" && t.footer && t.footer.raw["text"] !== undefined)
        report(
          [...t.footer.path, "text"],
          "authentication footer text is preset; remove text and set code_expiration_minutes instead",
        );
    },
  },
  {
    code: "auth.footer.code_expiration",
    severity: "error",
    source: "§1.5 `code_expiration_minutes` 1–90 · M-AUTH-CC, M-AUTH-OT",
    description: "`code_expiration_minutes` is an integer from 1 to 90.",
    check(t, report) {
      const v = t.footer?.raw["code_expiration_minutes"];
      if (!t.footer || v === undefined) return;
      if (!isInt(v) || v < 1 || v > 90)
        report(
          [...t.footer.path, "code_expiration_minutes"],
          `code_expiration_minutes ${q(v)} must be a whole number from 1 to 90`,
        );
    },
  },
  {
    code: "auth.buttons.otp",
    severity: "error",
    source: "§1.5 Buttons: exactly one OTP · M-AUTH",
    description: "An AUTHENTICATION template has exactly one button, of type OTP.",
    check(t, report) {
      if (t.category !== "AUTHENTICATION") return;
      const otp = t.buttons.filter((b) => b.type === "OTP");
      if (t.buttons.length === 0)
        report(
          t.buttonsComponent?.path ?? ["components"],
          "authentication template needs one OTP button (otp_type COPY_CODE, ONE_TAP or ZERO_TAP)",
        );
      else if (otp.length !== 1 || t.buttons.length !== 1)
        report(
          [...(t.buttonsComponent?.path ?? []), "buttons"],
          `authentication templates have exactly one OTP button; found ${t.buttons.map((b) => b.type).join(", ")}`,
        );
    },
  },
  {
    code: "auth.otp.type",
    severity: "error",
    source: "§1.4 OTP `otp_type`; §1.5 · M-AUTH",
    description: "`otp_type` is COPY_CODE, ONE_TAP or ZERO_TAP.",
    check(t, report) {
      for (const b of t.allButtons)
        if (b.type === "OTP" && !OTP_TYPES.has(String(b.raw["otp_type"] ?? "").toUpperCase()))
          report([...b.path, "otp_type"], `otp_type ${q(b.raw["otp_type"])} must be COPY_CODE, ONE_TAP or ZERO_TAP`);
    },
  },
  {
    code: "auth.otp.label_length",
    severity: "error",
    source: "§1.5 Copy/autofill label ≤ 25 · M-AUTH-CC, M-AUTH-OT",
    description: "OTP `text` and `autofill_text` are at most 25 characters.",
    check(t, report) {
      for (const b of otpButtons(t))
        for (const k of ["text", "autofill_text"]) {
          const m = tooLong(k, b.raw[k], 25);
          if (m) report([...b.path, k], m);
        }
    },
  },
  {
    code: "auth.otp.supported_apps",
    severity: "error",
    source: "§1.5 `supported_apps` ≤ 5 (ONE_TAP, ZERO_TAP) · M-AUTH-OT, M-AUTH-ZT",
    description: "ONE_TAP and ZERO_TAP buttons list 1–5 Android apps (`supported_apps`).",
    check(t, report) {
      for (const b of otpButtons(t)) {
        const type = String(b.raw["otp_type"] ?? "").toUpperCase();
        if (type !== "ONE_TAP" && type !== "ZERO_TAP") continue;
        const apps = appsOf(b);
        if (apps.length === 0)
          report(b.path, `${type} buttons need supported_apps: [{package_name, signature_hash}] for your Android app`);
        else if (apps.length > 5)
          report([...b.path, "supported_apps"], `${apps.length} supported_apps; the limit is 5`);
      }
    },
  },
  {
    code: "auth.otp.package_name",
    severity: "error",
    source: "§1.5 `package_name` · M-AUTH-OT",
    description:
      "`package_name` is ≤ 224 chars, ≥ 2 dot-separated segments each starting with a letter, chars `[A-Za-z0-9_]`.",
    check(t, report) {
      for (const b of otpButtons(t))
        for (const a of appsOf(b)) {
          const p = a.pkg;
          if (typeof p !== "string" || !PACKAGE.test(p) || p.length > 224)
            report(
              [...a.path, "package_name"],
              `package_name ${q(p)} must look like "com.example.app" (≥ 2 segments, each starting with a letter, ≤ 224 chars)`,
            );
        }
    },
  },
  {
    code: "auth.otp.signature_hash",
    severity: "error",
    source: "§1.5 `signature_hash` · M-AUTH-OT",
    description: "`signature_hash` is exactly 11 characters of `[A-Za-z0-9+/=]`.",
    check(t, report) {
      for (const b of otpButtons(t))
        for (const a of appsOf(b))
          if (typeof a.sig !== "string" || !SIGNATURE.test(a.sig))
            report(
              [...a.path, "signature_hash"],
              `signature_hash ${q(a.sig)} must be exactly 11 characters of A–Z, a–z, 0–9, +, /, =`,
            );
    },
  },
  {
    code: "auth.otp.zero_tap_terms",
    severity: "error",
    source: "§1.5 Zero-tap terms · M-AUTH-ZT",
    description: "ZERO_TAP buttons set `zero_tap_terms_accepted: true`.",
    check(t, report) {
      for (const b of otpButtons(t))
        if (String(b.raw["otp_type"] ?? "").toUpperCase() === "ZERO_TAP" && b.raw["zero_tap_terms_accepted"] !== true)
          report(b.path, "ZERO_TAP buttons need zero_tap_terms_accepted: true, or creation fails");
    },
  },
  {
    code: "auth.otp.zero_tap_fallback",
    severity: "warning",
    source: "§1.5 Zero-tap fallback labels · M-AUTH-ZT (labels have localized defaults: M-AUTH-CC, M-AUTH-OT)",
    description: "ZERO_TAP buttons carry `text` and `autofill_text` for clients that fall back to copy code / one-tap.",
    check(t, report) {
      for (const b of otpButtons(t)) {
        if (String(b.raw["otp_type"] ?? "").toUpperCase() !== "ZERO_TAP") continue;
        const missing = ["text", "autofill_text"].filter((k) => !isNonBlank(b.raw[k]));
        if (missing.length > 0)
          report(
            b.path,
            `ZERO_TAP button has no ${missing.join(" or ")}; set fallback labels for non-zero-tap clients`,
          );
      }
    },
  },
];
