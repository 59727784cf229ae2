/**
 * Meta does not echo a template exactly as it was submitted: AUTHENTICATION bodies and footers come back with
 * Meta's preset text, OTP buttons come back as URL buttons, and media header handles come back as CDN URLs.
 * Without Pulumi state (plan, drift, import) the echo is all there is, so these functions map it back to the
 * declared form before comparing. Both are idempotent and leave anything they do not recognise alone.
 */
import { type NormalizedTemplate, normalizeTemplate, projectLive } from "./template.ts";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const OTP_URL = /^https:\/\/www\.whatsapp\.com\/otp\/code\/\?otp_type=([A-Z_]+)/i;
const AUTH_BODY = /^\*\{\{1\}\}\* is your verification code\.( For your security, do not share this code\.)?$/;
const AUTH_FOOTER = /^This code expires in \d+ minutes?\.$/;

function unEchoButtons(buttons: unknown): unknown {
  if (!Array.isArray(buttons)) return buttons;
  return buttons.map((b) => {
    if (!isObj(b) || String(b["type"]).toUpperCase() !== "URL" || typeof b["url"] !== "string") return b;
    const m = OTP_URL.exec(b["url"]);
    if (!m) return b;
    const out: Obj = { type: "OTP", otp_type: (m[1] ?? "COPY_CODE").toUpperCase() };
    if (typeof b["text"] === "string") out["text"] = b["text"];
    return out;
  });
}

/** Maps Meta's echo of a template (Get) back to the declared form: preset AUTHENTICATION text dropped, OTP buttons restored. */
export function toDeclaredForm(echo: Obj): Obj {
  const auth = String(echo["category"] ?? "").toUpperCase() === "AUTHENTICATION";
  const components = Array.isArray(echo["components"]) ? echo["components"] : [];
  return {
    ...echo,
    components: components.map((c) => {
      if (!isObj(c)) return c;
      const out: Obj = { ...c };
      const type = String(c["type"] ?? "").toUpperCase();
      if (auth && type === "BODY" && typeof c["text"] === "string" && AUTH_BODY.test(c["text"])) {
        delete out["text"];
        if (c["add_security_recommendation"] === undefined && c["text"].includes("For your security"))
          out["add_security_recommendation"] = true;
      }
      if (auth && type === "FOOTER" && typeof c["text"] === "string" && AUTH_FOOTER.test(c["text"])) {
        delete out["text"];
        if (c["code_expiration_minutes"] === undefined)
          out["code_expiration_minutes"] = Number(/(\d+)/.exec(c["text"])?.[1] ?? "0");
      }
      if (type === "BUTTONS") out["buttons"] = unEchoButtons(c["buttons"]);
      return out;
    }),
  };
}

function alignHandles(desired: unknown, live: unknown): unknown {
  if (Array.isArray(desired) && Array.isArray(live)) return live.map((l, i) => alignHandles(desired[i], l));
  if (!isObj(desired) || !isObj(live)) return live;
  const out: Obj = {};
  for (const [k, v] of Object.entries(live)) {
    const d = desired[k];
    if (
      k === "header_handle" &&
      Array.isArray(v) &&
      Array.isArray(d) &&
      v.length === d.length &&
      v.every((x) => typeof x === "string" && /^https?:\/\//.test(x))
    )
      // Meta stores the uploaded sample and echoes its CDN URL, never the handle: the example is not comparable.
      out[k] = d;
    else if (k === "buttons" && Array.isArray(v) && Array.isArray(d))
      out[k] = v.map((b, i) => {
        const db = d[i];
        // An OTP button declared without text is echoed with Meta's default label.
        if (isObj(b) && isObj(db) && b["type"] === "OTP" && db["text"] === undefined && b["text"] === "Copy code") {
          const { text: _t, ...rest } = b;
          return alignHandles(db, rest);
        }
        return alignHandles(db, b);
      });
    else out[k] = alignHandles(d, v);
  }
  return out;
}

/**
 * The live definition as comparable with a declared one: `projectLive`, `toDeclaredForm`, normalized, and with Meta's CDN URLs
 * for media header examples (and default OTP labels) replaced by the declared values.
 */
export function comparableLive(desired: NormalizedTemplate, echo: Obj): NormalizedTemplate {
  const live = normalizeTemplate(toDeclaredForm(projectLive(echo)));
  return alignHandles(desired, live) as NormalizedTemplate;
}
