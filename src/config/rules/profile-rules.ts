/** Business profile and conversational automation limits (whatsapp-rules.md §3, §4). */
import type { Report, Rule } from "./engine.ts";
import { arr, cpLength, hasEmoji, isNonBlank, isRec, q, type Rec, str, tooLong } from "./util.ts";

type R = Rule<Rec>;

const VERTICALS = new Set([
  "OTHER",
  "AUTO",
  "BEAUTY",
  "APPAREL",
  "EDU",
  "ENTERTAIN",
  "EVENT_PLAN",
  "FINANCE",
  "GROCERY",
  "GOVT",
  "HOTEL",
  "HEALTH",
  "NONPROFIT",
  "PROF_SERVICES",
  "RETAIL",
  "TRAVEL",
  "RESTAURANT",
]);
const READ_ONLY_VERTICALS = new Set(["UNDEFINED", "NOT_A_BIZ"]);
// Deliberately simple and linear: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MARKDOWN = /\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```/;

function maxLen(code: string, key: string, max: number, source: string, description: string): R {
  return {
    code,
    severity: "error",
    source,
    description,
    check(p, report) {
      const m = tooLong(key, p[key], max);
      if (m) report([key], m);
    },
  };
}

/** Business profile fields (§3). */
export const profileRules: R[] = [
  {
    code: "profile.about.length",
    severity: "error",
    source: "§3 `about` 1–139 · M-BP-PN; Kapso, Zavu",
    description: "`about`, if given, is 1 to 139 characters and not blank.",
    check(p, report) {
      const about = p["about"];
      if (about === undefined) return;
      if (!isNonBlank(about)) report(["about"], "about must not be empty (1–139 chars)");
      else {
        const m = tooLong("about", about, 139);
        if (m) report(["about"], m);
      }
    },
  },
  {
    code: "profile.about.markdown",
    severity: "warning",
    source: "§3 `about`: no markdown, links not clickable · M-BP-PN",
    description: "`about` has no markdown (it is shown verbatim) and no links (not clickable).",
    check(p, report) {
      const about = str(p["about"]);
      if (about !== undefined && MARKDOWN.test(about))
        report(["about"], `about ${q(about)} uses markdown; WhatsApp shows it verbatim`);
      else if (about !== undefined && /https?:\/\//i.test(about))
        report(["about"], `about ${q(about)} has a link; links in about are not clickable — use websites`);
    },
  },
  maxLen(
    "profile.address.length",
    "address",
    256,
    "§3 `address` ≤ 256 · M-ONPREM-BP; Kapso, Vonage",
    "`address` is at most 256 characters.",
  ),
  maxLen(
    "profile.description.length",
    "description",
    512,
    "§3 `description` ≤ 512 · M-ONPREM-BP; Kapso, Zavu",
    "`description` is at most 512 characters.",
  ),
  maxLen(
    "profile.email.length",
    "email",
    128,
    "§3 `email` ≤ 128 · M-ONPREM-BP; Kapso, Vonage",
    "`email` is at most 128 characters.",
  ),
  {
    code: "profile.email.format",
    severity: "error",
    source: "§3 `email` valid · M-ONPREM-BP",
    description: "`email` is a valid email address.",
    check(p, report) {
      const e = p["email"];
      if (e !== undefined && (typeof e !== "string" || !EMAIL.test(e)))
        report(["email"], `email ${q(e)} is not a valid address like "support@example.com"`);
    },
  },
  {
    code: "profile.websites.count",
    severity: "error",
    source: "§3 `websites` ≤ 2 · Kapso, Vonage, Zavu",
    description: "At most 2 websites.",
    check(p, report) {
      const w = p["websites"];
      if (w !== undefined && !Array.isArray(w)) report(["websites"], "websites must be a list of URLs");
      else if (arr(w).length > 2) report(["websites"], `${arr(w).length} websites; the limit is 2`);
    },
  },
  {
    code: "profile.websites.length",
    severity: "error",
    source: "§3 `websites` ≤ 256 chars each · Kapso, Vonage, Zavu",
    description: "Each website is at most 256 characters.",
    check(p, report) {
      arr(p["websites"]).forEach((w, i) => {
        const m = tooLong("website", w, 256);
        if (m) report(["websites", i], m);
      });
    },
  },
  {
    code: "profile.websites.scheme",
    severity: "error",
    source: "§3 `websites` start http:// or https:// · Kapso, Vonage, Zavu",
    description: "Each website starts with `http://` or `https://`.",
    check(p, report) {
      arr(p["websites"]).forEach((w, i) => {
        if (typeof w !== "string" || !/^https?:\/\/\S+$/.test(w))
          report(["websites", i], `website ${q(w)} must start with http:// or https://`);
      });
    },
  },
  {
    code: "profile.vertical.enum",
    severity: "error",
    source: "§3 `vertical` enum · Alibaba, Zavu",
    description: "`vertical` is one of Meta's industry values (OTHER, AUTO, BEAUTY, …, RESTAURANT).",
    check(p, report) {
      const v = p["vertical"];
      if (v === undefined || READ_ONLY_VERTICALS.has(String(v))) return;
      if (typeof v !== "string" || !VERTICALS.has(v))
        report(["vertical"], `vertical ${q(v)} is not one of ${[...VERTICALS].join(", ")}`);
    },
  },
  {
    code: "profile.vertical.read_only",
    severity: "warning",
    source: "§3 `vertical` UNDEFINED / NOT_A_BIZ (read-only? unconfirmed)",
    description: "`UNDEFINED` and `NOT_A_BIZ` appear in reads but may not be settable.",
    check(p, report) {
      const v = p["vertical"];
      if (typeof v === "string" && READ_ONLY_VERTICALS.has(v))
        report(["vertical"], `vertical ${q(v)} may be read-only; pick a real industry such as RETAIL or OTHER`);
    },
  },
  {
    code: "profile.profile_picture.format",
    severity: "error",
    source: "§3 Profile picture: square JPG/PNG; `profile_picture_handle` is an upload handle · M-BP, M-BP-PN",
    description:
      "`profile_picture` names a .jpg/.jpeg/.png file; `profile_picture_handle` is an upload handle, not a URL.",
    check(p, report) {
      const pic = p["profile_picture"];
      if (pic !== undefined) {
        const path =
          typeof pic === "string" ? pic : isRec(pic) ? str(pic["file"] ?? pic["path"] ?? pic["url"]) : undefined;
        if (path === undefined || !/\.(?:jpe?g|png)(?:[?#].*)?$/i.test(path))
          report(["profile_picture"], `profile_picture ${q(pic)} must be a square JPG or PNG image`);
      }
      const handle = p["profile_picture_handle"];
      if (typeof handle === "string" && /^https?:\/\//i.test(handle))
        report(["profile_picture_handle"], "profile_picture_handle is a Resumable Upload handle, not a URL");
    },
  },
];

const USERNAME = /^[a-z0-9._]{3,35}$/;
const DOMAIN_SUFFIX = /\.(?:com|net|org|in|io|co|biz|info|app|shop|store|online|me|us|uk|br|mx)$/;
const TRADEMARK = /[™®©]/;

/** Display name and business username, when the profile declares them (§3). */
export const nameRules: R[] = [
  {
    code: "profile.display_name.format",
    severity: "warning",
    source: "§3 Display name format (guidelines via BSPs) · Botmaker, Pingbix, fchat",
    description:
      "`display_name` is ≥ 3 chars, no emoji, no ™/®, not a URL, not ALL CAPS (Meta reviews it by guidelines).",
    check(p, report) {
      const name = p["display_name"];
      if (name === undefined) return;
      const problems: string[] = [];
      if (typeof name !== "string" || cpLength(name.trim()) < 3) problems.push("is shorter than 3 characters");
      else {
        if (hasEmoji(name)) problems.push("has emoji");
        if (TRADEMARK.test(name)) problems.push("has ™/®/© symbols");
        if (/^(?:https?:\/\/|www\.)|\.[a-z]{2,}$/i.test(name)) problems.push("looks like a URL");
        const letters = name.replace(/[^\p{L}]/gu, "");
        if (letters.length > 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
          problems.push("is ALL CAPS (use normal capitalization except for acronyms)");
      }
      if (problems.length > 0)
        report(["display_name"], `display_name ${q(name)} ${problems.join(", ")}; Meta is likely to decline it`);
    },
  },
  {
    code: "profile.username.format",
    severity: "error",
    source: "§3 Business username (2026) · M-BSUID",
    description:
      "`username` is 3–35 of `[a-z0-9._]`, has a letter, no leading/trailing or double dot, no `www` start, no domain ending.",
    check(p, report) {
      const u = p["username"];
      if (u === undefined) return;
      const ok =
        typeof u === "string" &&
        USERNAME.test(u.toLowerCase()) &&
        /[a-z]/i.test(u) &&
        !u.startsWith(".") &&
        !u.endsWith(".") &&
        !u.includes("..") &&
        !u.toLowerCase().startsWith("www") &&
        !DOMAIN_SUFFIX.test(u.toLowerCase());
      if (!ok)
        report(
          ["username"],
          `username ${q(u)} must be 3–35 of a–z, 0–9, "." and "_", with a letter, no leading/trailing or double dot, not starting with www or ending like a domain`,
        );
    },
  },
];

function noEmoji(report: Report, path: (string | number)[], what: string, value: unknown): void {
  if (typeof value === "string" && hasEmoji(value))
    report(path, `${what} ${q(value)} has emoji; Meta does not allow them`);
}

/** Conversational automation commands (§4). */
export const commandRules: Rule<readonly unknown[]>[] = [
  {
    code: "automation.commands.count",
    severity: "error",
    source: "§4 Commands ≤ 30 · M-CC",
    description: "At most 30 commands.",
    check(list, report) {
      if (list.length > 30) report([], `${list.length} commands; the limit is 30`);
    },
  },
  {
    code: "automation.commands.name.length",
    severity: "error",
    source: "§4 `command_name` ≤ 32 · M-CC",
    description: "`command_name` is present and at most 32 characters.",
    check(list, report) {
      list.forEach((c, i) => {
        const name = isRec(c) ? c["command_name"] : undefined;
        if (!isNonBlank(name)) report([i, "command_name"], "command_name is required (≤ 32 chars)");
        else if (cpLength(name) > 32) report([i, "command_name"], tooLong("command_name", name, 32)!);
      });
    },
  },
  {
    code: "automation.commands.name.emoji",
    severity: "error",
    source: "§4 `command_name` no emoji · M-CC",
    description: "`command_name` has no emoji.",
    check(list, report) {
      list.forEach((c, i) => {
        noEmoji(report, [i, "command_name"], "command_name", isRec(c) ? c["command_name"] : undefined);
      });
    },
  },
  {
    code: "automation.commands.description.length",
    severity: "error",
    source: "§4 `command_description` ≤ 256 · M-CC",
    description: "`command_description` is present and at most 256 characters.",
    check(list, report) {
      list.forEach((c, i) => {
        const d = isRec(c) ? c["command_description"] : undefined;
        if (!isNonBlank(d)) report([i, "command_description"], "command_description is required (≤ 256 chars)");
        else if (cpLength(d) > 256) report([i, "command_description"], tooLong("command_description", d, 256)!);
      });
    },
  },
  {
    code: "automation.commands.description.emoji",
    severity: "error",
    source: "§4 `command_description` no emoji · M-CC",
    description: "`command_description` has no emoji.",
    check(list, report) {
      list.forEach((c, i) => {
        noEmoji(
          report,
          [i, "command_description"],
          "command_description",
          isRec(c) ? c["command_description"] : undefined,
        );
      });
    },
  },
];

/** Reads an ice breaker given as a string or as `{title}` / `{text}`. */
function iceBreakerText(x: unknown): { text: unknown; key: string | undefined } {
  if (isRec(x)) return "title" in x ? { text: x["title"], key: "title" } : { text: x["text"], key: "text" };
  return { text: x, key: undefined };
}

/** Ice breakers (§4). */
export const iceBreakerRules: Rule<readonly unknown[]>[] = [
  {
    code: "automation.ice_breakers.count",
    severity: "error",
    source: "§4 Ice breakers ≤ 4 · M-CC; 1msg",
    description: "At most 4 ice breakers.",
    check(list, report) {
      if (list.length > 4) report([], `${list.length} ice breakers; the limit is 4`);
    },
  },
  {
    code: "automation.ice_breakers.length",
    severity: "error",
    source: "§4 Ice breaker ≤ 80 · M-CC; 1msg",
    description: "Each ice breaker is non-empty and at most 80 characters.",
    check(list, report) {
      list.forEach((x, i) => {
        const { text, key } = iceBreakerText(x);
        const path = key === undefined ? [i] : [i, key];
        if (!isNonBlank(text)) report(path, "ice breaker must be non-empty text (≤ 80 chars)");
        else {
          const m = tooLong("ice breaker", text, 80);
          if (m) report(path, m);
        }
      });
    },
  },
  {
    code: "automation.ice_breakers.emoji",
    severity: "error",
    source: "§4 Ice breakers: no emoji · M-CC",
    description: "Ice breakers have no emoji.",
    check(list, report) {
      list.forEach((x, i) => {
        const { text, key } = iceBreakerText(x);
        noEmoji(report, key === undefined ? [i] : [i, key], "ice breaker", text);
      });
    },
  },
];
