/** Renders docs/rules.md from `listRules()` so the document cannot drift from the code (a test compares them). */
import type { RuleInfo } from "./engine.ts";

/** A rule of whatsapp-rules.md §1–§5 that is not checked, and why. */
export interface LeftOut {
  rule: string;
  source: string;
  why: string;
}

/** Rules deliberately not checked statically. */
export const LEFT_OUT: readonly LeftOut[] = [
  {
    rule: "Creation rate ≤ 100 templates/hour; API rate 200 or 5,000 requests/hour",
    source: "§1.1 M-TF, M-ABOUT",
    why: "A rate, not a property of the config; the template provider must pace creates and retry.",
  },
  {
    rule: "Review time, appeals, archival after 12 months, 30-day name reuse after deletion",
    source: "§1.1, §1.11 M-TF, M-TM",
    why: "Depends on Meta-side history and time, unknown at review time.",
  },
  {
    rule: "Category judgement (promotional content in UTILITY, what counts as essential)",
    source: "§1.1 M-TCAT",
    why: "Content policy decided by Meta's reviewers; only structural category limits are checked.",
  },
  {
    rule: "Editable statuses, edit quota (1 per 24 h, 10 per 30 days), APPROVED category immutable",
    source: "§1.11 M-TM",
    why: "Needs the live template status and edit history; belongs to the reconcile plan.",
  },
  {
    rule: "Body after substitution ≤ 1024 (error 132005), send-time parameter count/format (132000/132012)",
    source: "§1.2, §1.3 M-ERR",
    why: "Send-time values; the outbound runtime checks them when it hydrates a template.",
  },
  {
    rule: "Send-time parameter values: no newline/tab/> 4 spaces; OTP ≤ 15 chars; coupon code alphanumeric; URL parameter percent-encoding",
    source: "§1.3, §1.4, §1.5, §1.6 M-TC, M-AUTH-CC, M-CPN",
    why: "Values exist only at send; examples are checked as a proxy (template.params.example_value, template.buttons.copy_code.charset).",
  },
  {
    rule: "Media header sizes (image 5 MB, video 16 MB, document 100 MB), GIF ≤ 3.5 MB, profile picture size",
    source: "§1.2, §2.3, §3 M-MEDIA",
    why: "Only an upload handle is declared; the file is not available at review time.",
  },
  {
    rule: "Duplicate body + footer of an existing template in the WABA",
    source: "§1.10 M-TR",
    why: "Needs the WABA's live templates (including other tools' and deleted ones); the reconcile plan can compare against live state.",
  },
  {
    rule: "Abusive content, scams, sensitive-ID requests, threats",
    source: "§1.10 M-TR",
    why: "Content policy; not decidable by rules.",
  },
  {
    rule: "AUTHENTICATION: no URLs, media or emoji in content; parameters ≤ 15 chars",
    source: "§1.1, §1.5 M-TCAT, M-AUTH-CC",
    why: "Enforced structurally: the body and footer are preset (auth.body.preset, auth.footer.preset) and headers are refused (auth.components.allowed), so no free text remains to scan.",
  },
  {
    rule: "Body formatting (*bold*, _italic_, ~strike~, monospace) and absence in AUTHENTICATION",
    source: "§1.2 dualhook, MyOperator",
    why: "Allowed wherever free text exists; AUTHENTICATION has no free text (see above).",
  },
  {
    rule: "Button display (> 3 buttons collapse, desktop visibility), LTO/coupon not on web client",
    source: "§1.4, §1.6 M-TC, M-LTO, M-CPN",
    why: "Rendering behaviour, not a rejection.",
  },
  {
    rule: "LTO send-time `expiration_time_ms`, URL button index; voice-call `ttl_minutes` in templates",
    source: "§1.4, §1.6 M-LTO, M-CALL",
    why: "Send-time parameters (the interactive voice_call payload is checked).",
  },
  {
    rule: "Carousel card count must match at send (132012); product cards 2–10 at send",
    source: "§1.7 M-MCC, M-PCC, Kapso",
    why: "Send-time; creation-time counts are checked.",
  },
  {
    rule: "MPM ≤ 30 products in ≤ 10 sections, section title ≤ 24; catalog `thumbnail_product_retailer_id`",
    source: "§1.7 M-MPM, M-CAT",
    why: "Products and sections are chosen at send, not in the template.",
  },
  { rule: "Catalog linked to the WABA with inventory", source: "§1.7 M-PCC", why: "Account state, not config." },
  {
    rule: "Templates per WABA depend on portfolio verification (250 vs 6,000)",
    source: "§1.1 M-TF",
    why: "Verification status is account state: above 250 is a warning (template.set.count_unverified), above 6,000 an error.",
  },
  {
    rule: "Tap-target title override",
    source: "§1.9 M-TAP",
    why: "Send-time component; eligibility is account state; no published length.",
  },
  {
    rule: "Status, quality, pausing, pacing, MM Lite onboarding",
    source: "§1.10, §1.12, §1.13 M-TPA, M-TPC, M-MM",
    why: "Runtime/account state reported by webhooks.",
  },
  {
    rule: "Text, media, reaction, contacts, location messages (§2.2) and media MIME types (§2.3)",
    source: "§2.2, §2.3",
    why: "Not declared in config (menus use interactive messages); the outbound runtime owns these payloads.",
  },
  { rule: "Address messages: India numbers only", source: "§2.1 M-MSG-ADDR", why: "Depends on the recipient." },
  { rule: "Flow blocked/throttled (132068/132069)", source: "§2.1 M-ERR", why: "Runtime state." },
  {
    rule: "Display name: must match external branding and relate to the business",
    source: "§3 Botmaker, Pingbix, fchat",
    why: "Judged by Meta's reviewers against the business; the mechanical parts are warned (profile.display_name.format).",
  },
  {
    rule: "Coupon templates are MARKETING only",
    source: "§1.1 M-TCAT, M-CPN",
    why: "A coupon is a COPY_CODE button, which Meta's utility page also allows in UTILITY templates; the two cannot be told apart statically.",
  },
  {
    rule: "Named parameters unique within a template, across header and body",
    source: "§1.3 M-TF",
    why: "Meta does not say whether a name may repeat across components; a name repeated within one text is one parameter.",
  },
  {
    rule: "Authentication behaviour rows: default one-tap expiry, Android-only one-tap/zero-tap, handshake window, primary-device delivery, bulk upsert",
    source: "§1.5 M-AUTH, M-AUTH-OT, M-AUTH-ZT",
    why: "Behaviour, not constraints on the declaration.",
  },
  {
    rule: '`messaging_product: "whatsapp"` on profile update',
    source: "§3 M-BP",
    why: "Added by the provider, not declared.",
  },
  {
    rule: "Welcome message (`enable_welcome_message`) behaviour; CTWA welcome sequences",
    source: "§4 M-CC, M-WMS",
    why: "Meta publishes no limits for sequences; the welcome message is deprecated (documented, not enforced).",
  },
  {
    rule: "`configuration_name` must exist on the WABA; payment status, lookups, refunds, ToS (134011)",
    source: "§5.1–§5.3 M-PG, M-ONB",
    why: "Needs live account state; cross-file references between orders and declared configurations belong to the loader.",
  },
  {
    rule: "`reference_id` unique per order_details message",
    source: "§5.1 M-PG",
    why: "Uniqueness across sends is runtime state (the orders table).",
  },
];

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The whole docs/rules.md text. */
export function renderRulesDoc(rules: readonly RuleInfo[]): string {
  const errors = rules.filter((r) => r.severity === "error").length;
  const lines = [
    "# Meta rules checked by `waba validate`",
    "",
    "<!-- Generated from listRules() in src/config/rules; do not edit by hand. Regenerate with `npm run docs:rules`. -->",
    "",
    `${rules.length} rules (${errors} errors, ${rules.length - errors} warnings). Sources are sections and keys of`,
    "`whatsapp-rules.md` (the shared reference). Warnings never fail `waba validate`; they cover rules the reference marks",
    "heuristic or unconfirmed, rules where Meta's pages disagree, and advice (deprecated fields, API-specific features).",
    "Lengths count Unicode code points. Each code has a failing and a passing fixture in `test/unit/config/rules/cases/`.",
    "",
    "| Code | Severity | Reference row | What it checks |",
    "|---|---|---|---|",
    ...rules.map((r) => `| \`${r.code}\` | ${r.severity} | ${cell(r.source)} | ${cell(r.description)} |`),
    "",
    "## Left out, and why",
    "",
    "| Rule | Reference | Why not checked statically |",
    "|---|---|---|",
    ...LEFT_OUT.map((l) => `| ${cell(l.rule)} | ${cell(l.source)} | ${cell(l.why)} |`),
    "",
  ];
  return lines.join("\n");
}
