/**
 * Meta rules engine: every checkable rule of whatsapp-rules.md §1–§5 as a named rule with a stable code.
 * Pure and synchronous; paths in findings are relative to the object passed.
 */
import { authRules, buttonRules } from "./button-rules.ts";
import { type Finding, type Rule, type RuleInfo, runRules, toRuleInfo } from "./engine.ts";
import {
  interactiveActionRules,
  interactiveButtonRules,
  interactiveCarouselRules,
  interactiveCommonRules,
  interactiveListRules,
} from "./interactive-rules.ts";
import { paramRules } from "./param-rules.ts";
import {
  type OrderCheckOptions,
  orderDetailsRules,
  orderStatusRules,
  paymentConfigRules,
  toOrderSubject,
} from "./payment-rules.ts";
import { commandRules, iceBreakerRules, nameRules, profileRules } from "./profile-rules.ts";
import { secretRules, viewScalars } from "./secret-rules.ts";
import { setRules } from "./set-rules.ts";
import { carouselRules, ltoRules, productRules } from "./special-rules.ts";
import { categoryRules, componentRules, identityRules, ttlRules } from "./template-rules.ts";
import { type TemplateView, viewTemplate } from "./template-view.ts";
import type { MessageTemplateDefinition } from "./types.ts";
import { arr, type Rec, rec } from "./util.ts";

export type { Finding, RuleInfo } from "./engine.ts";
export type { OrderCheckOptions } from "./payment-rules.ts";
export type { MessageTemplateDefinition } from "./types.ts";

const templateRules: Rule<TemplateView>[] = [
  ...identityRules,
  ...categoryRules,
  ...componentRules,
  ...paramRules,
  ...buttonRules,
  ...authRules,
  ...ltoRules,
  ...carouselRules,
  ...productRules,
  ...ttlRules,
];
const interactiveRules: Rule<Rec>[] = [
  ...interactiveCommonRules,
  ...interactiveButtonRules,
  ...interactiveListRules,
  ...interactiveActionRules,
  ...interactiveCarouselRules,
];

/** Checks one single-language template definition. */
export function checkTemplate(def: MessageTemplateDefinition): Finding[] {
  return runRules(templateRules, viewTemplate(def));
}

/** Checks a list of definitions: each one, then across them (duplicate name + language, counts). */
export function checkTemplateSet(defs: readonly MessageTemplateDefinition[]): Finding[] {
  const out: Finding[] = [];
  const list = arr(defs);
  list.forEach((d, index) => {
    for (const f of checkTemplate(d as MessageTemplateDefinition)) out.push({ ...f, index });
  });
  for (const f of runRules(
    setRules,
    list.map((d) => rec(d)),
  )) {
    const [index, ...path] = f.path;
    out.push({ ...f, path, index: typeof index === "number" ? index : 0 });
  }
  return out;
}

/** Checks a Cloud API `interactive` object (button, list, cta_url, location_request_message, flow, carousel, voice_call, order_details, order_status). */
export function checkInteractiveMessage(obj: object): Finding[] {
  const m = rec(obj);
  const out = runRules(interactiveRules, m);
  if (m["type"] === "order_details") out.push(...checkOrderDetails(m));
  if (m["type"] === "order_status") out.push(...checkOrderStatus(m));
  return out;
}

/** Checks business profile fields (`about`, `address`, `description`, `email`, `websites`, `vertical`, `profile_picture`; `display_name` and `username` when present). */
export function checkBusinessProfile(obj: object): Finding[] {
  return runRules(nameRules, rec(obj), runRules(profileRules, rec(obj)));
}

/** Checks an India payment configuration. */
export function checkPaymentConfiguration(obj: object): Finding[] {
  return runRules(paymentConfigRules, rec(obj));
}

/**
 * Checks an `order_details` payload: the interactive object, or its `action.parameters` alone.
 * Give `nowSeconds` to check that the expiration is ≥ 300 s ahead.
 */
export function checkOrderDetails(obj: object, options: OrderCheckOptions = {}): Finding[] {
  return runRules(orderDetailsRules, toOrderSubject(obj, options));
}

/**
 * Checks an `order_status` payload: the interactive object, or its `action.parameters` alone.
 * Give `previousStatus` / `paid` to check the transition.
 */
export function checkOrderStatus(obj: object, options: OrderCheckOptions = {}): Finding[] {
  return runRules(orderStatusRules, toOrderSubject(obj, options));
}

/** Checks conversational automation commands `[{command_name, command_description}]`. */
export function checkCommands(cmds: unknown): Finding[] {
  return runRules(commandRules, arr(cmds));
}

/** Checks ice breakers (strings, or `{title}` objects as in CTWA welcome sequences). */
export function checkIceBreakers(list: unknown): Finding[] {
  return runRules(iceBreakerRules, arr(list));
}

/** Finds secrets (AWS keys, Meta tokens, private keys, literal values under secret-named keys) in any document. */
export function checkSecrets(value: unknown): Finding[] {
  return runRules(secretRules, viewScalars(value));
}

const ALL_RULES: RuleInfo[] = (() => {
  const all: RuleInfo[] = [
    ...templateRules,
    ...setRules,
    ...interactiveRules,
    ...profileRules,
    ...nameRules,
    ...commandRules,
    ...iceBreakerRules,
    ...paymentConfigRules,
    ...orderDetailsRules,
    ...orderStatusRules,
    ...secretRules,
  ];
  const byCode = new Map<string, RuleInfo>();
  for (const r of all) if (!byCode.has(r.code)) byCode.set(r.code, toRuleInfo(r));
  return [...byCode.values()];
})();

/** Every rule: code, severity, source row in whatsapp-rules.md, and what it checks. */
export function listRules(): Array<{
  code: string;
  severity: "error" | "warning";
  source: string;
  description: string;
}> {
  return ALL_RULES.map((r) => ({ ...r }));
}
