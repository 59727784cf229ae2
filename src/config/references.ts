/**
 * Cross-file checks of the declared model: menus, routes and welcome messages name templates and routes that exist,
 * profiles name phone numbers of the environment, and keys that must be unique are.
 */
import type { ConversationFlow, Declared, Model } from "./model.ts";
import { isPlainObject } from "./overlay.ts";
import type { PathSegments, Problem, Severity } from "./problem.ts";
import { displayText } from "./text.ts";

type Push = (d: Declared<unknown>, path: PathSegments, code: string, message: string, severity?: Severity) => void;

/** Runs every reference check over a loaded model. */
export function checkReferences(model: Model): Problem[] {
  const problems: Problem[] = [];
  const push: Push = (d, path, code, message, severity = "error") => {
    const pos = d.locate(path, code.endsWith(".missing") || code.endsWith(".unused") ? "key" : "value");
    problems.push({ file: pos.file, line: pos.line, column: pos.column, path: pos.path, code, message, severity });
  };
  const templates = new Map<string, Map<string, Declared<unknown>>>();
  for (const t of model.templates) {
    const name = displayText(t.value.name);
    const byLang = templates.get(name) ?? new Map<string, Declared<unknown>>();
    byLang.set(displayText(t.value.language), t as Declared<unknown>);
    templates.set(name, byLang);
  }
  for (const f of model.flows) checkFlow(f, templates, model.env, push);
  checkProfiles(model, push);
  checkPayments(model, push);
  return problems;
}

function checkTemplateRef(
  f: Declared<ConversationFlow>,
  path: PathSegments,
  ref: Record<string, unknown>,
  templates: Map<string, Map<string, Declared<unknown>>>,
  env: string | undefined,
  push: Push,
): void {
  const name = displayText(ref["name"]);
  const lang = displayText(ref["language"]);
  const byLang = templates.get(name);
  const scope = env ? ` in environment "${env}"` : "";
  if (!byLang) {
    const known = [...templates.keys()].sort();
    push(
      f as Declared<unknown>,
      [...path, "name"],
      "ref.template.unknown",
      `template "${name}" is not declared${scope} (declared: ${known.join(", ") || "none"})`,
    );
    return;
  }
  const t = byLang.get(lang);
  if (!t) {
    push(
      f as Declared<unknown>,
      [...path, "language"],
      "ref.template.language",
      `template "${name}" has no "${lang}" version${scope} (declared: ${[...byLang.keys()].sort().join(", ")})`,
    );
    return;
  }
  const needed = templateParams(t.value);
  const given = isPlainObject(ref["params"]) ? Object.keys(ref["params"]) : [];
  const missing = needed.filter((p) => !given.includes(p));
  if (missing.length > 0)
    push(
      f as Declared<unknown>,
      [...path, ...(isPlainObject(ref["params"]) ? ["params"] : ["name"])],
      "ref.template.params",
      `template "${name}" (${lang}) needs parameter(s) ${missing.map((m) => `"${m}"`).join(", ")}; add them under params`,
    );
  for (const g of given)
    if (!needed.includes(g))
      push(
        f as Declared<unknown>,
        [...path, "params", g],
        "ref.template.params",
        `template "${name}" (${lang}) has no parameter "${g}"`,
        "warning",
      );
}

/** Parameter names (`"1"`, `"order_id"`) used by a template's header and body text. */
export function templateParams(def: unknown): string[] {
  const out = new Set<string>();
  const comps = isPlainObject(def) && Array.isArray(def["components"]) ? def["components"] : [];
  for (const c of comps) {
    if (!isPlainObject(c)) continue;
    const type = displayText(c["type"]).toUpperCase();
    if (type !== "HEADER" && type !== "BODY") continue;
    const text = c["text"];
    if (typeof text !== "string") continue;
    for (const m of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) out.add(m[1]!);
  }
  return [...out];
}

function checkFlow(
  f: Declared<ConversationFlow>,
  templates: Map<string, Map<string, Declared<unknown>>>,
  env: string | undefined,
  push: Push,
): void {
  const flow = f.value;
  const routes = isPlainObject(flow.routes) ? flow.routes : {};
  const used = new Set<string>();
  const fd = f as Declared<unknown>;
  const needRoute = (path: PathSegments, id: string, what: string) => {
    used.add(id);
    if (!(id in routes))
      push(
        fd,
        path,
        "ref.route.missing",
        `${what} "${id}" has no route; add routes.${id} (reply_text, send_template, send_flow, show_menu or handoff)`,
      );
  };
  const welcome = flow.welcome?.message;
  if (welcome && welcome.type === "template")
    checkTemplateRef(f, ["welcome", "message"], welcome as unknown as Record<string, unknown>, templates, env, push);
  const inter = flow.menu?.interactive;
  if (inter?.type === "list")
    (inter.action?.sections ?? []).forEach((s, si) => {
      (s?.rows ?? []).forEach((r, ri) => {
        if (typeof r?.id === "string")
          needRoute(["menu", "interactive", "action", "sections", si, "rows", ri, "id"], r.id, "menu row");
      });
    });
  if (inter?.type === "button")
    (inter.action?.buttons ?? []).forEach((b, bi) => {
      if (typeof b?.reply?.id === "string")
        needRoute(["menu", "interactive", "action", "buttons", bi, "reply", "id"], b.reply.id, "menu button");
    });
  (flow.menu?.triggers?.commands ?? []).forEach((c, ci) => {
    if (typeof c?.route === "string")
      needRoute(["menu", "triggers", "commands", ci, "route"], c.route, "command route");
  });
  for (const [source, seq] of Object.entries(flow.ctwa_welcome_sequences ?? {}))
    if (typeof seq?.route === "string")
      needRoute(["ctwa_welcome_sequences", source, "route"], seq.route, "welcome sequence route");
  for (const [id, route] of Object.entries(routes)) {
    if (!isPlainObject(route)) continue;
    if (route["action"] === "send_template") checkTemplateRef(f, ["routes", id], route, templates, env, push);
    if (route["action"] === "show_menu" && !flow.menu)
      push(fd, ["routes", id, "action"], "ref.menu.missing", "show_menu needs a menu in this flow");
    if (!used.has(id))
      push(
        fd,
        ["routes", id],
        "ref.route.unused",
        `route "${id}" is not used by any menu row, button, command or welcome sequence`,
        "warning",
      );
  }
  const fb = flow.fallback;
  if (isPlainObject(fb) && fb["action"] === "send_template")
    checkTemplateRef(f, ["fallback"], fb, templates, env, push);
}

function checkProfiles(model: Model, push: Push): void {
  const env = model.environment?.value;
  const aliases = env && isPlainObject(env.phone_numbers) ? Object.keys(env.phone_numbers) : undefined;
  const owner = new Map<string, string>();
  for (const p of model.profiles) {
    const applies = Array.isArray(p.value.applies_to) ? p.value.applies_to : undefined;
    if (aliases && applies)
      applies.forEach((a, i) => {
        if (!aliases.includes(a))
          push(
            p as Declared<unknown>,
            ["applies_to", i],
            "ref.phone_number.unknown",
            `phone number "${a}" is not in environment "${model.env}" (phone_numbers: ${aliases.join(", ") || "none"})`,
          );
      });
    const covered = applies ?? aliases ?? ["*"];
    for (const a of covered) {
      const prev = owner.get(a);
      if (prev !== undefined)
        push(
          p as Declared<unknown>,
          applies ? ["applies_to"] : [],
          "ref.profile.overlap",
          `phone number "${a === "*" ? "(all)" : a}" already gets profile "${prev}"; give each profile its own applies_to`,
        );
      else owner.set(a, p.key);
    }
  }
}

function checkPayments(model: Model, push: Push): void {
  const names = new Map<string, string>();
  for (const p of model.paymentConfigs) {
    const v = p.value;
    const pd = p as Declared<unknown>;
    const name = v.configuration_name;
    if (typeof name === "string") {
      const prev = names.get(name);
      if (prev)
        push(
          pd,
          ["configuration_name"],
          "ref.payment.duplicate",
          `configuration_name "${name}" is also declared by ${prev}`,
        );
      else names.set(name, p.key);
    }
    for (const k of ["tax", "discount"] as const) {
      const amt = v[k];
      if (!isPlainObject(amt)) continue;
      const n = ("percent" in amt ? 1 : 0) + ("fixed_amount" in amt ? 1 : 0);
      if (n !== 1) push(pd, [k], "payment.amount.one_of", `${k} needs exactly one of percent or fixed_amount`);
    }
  }
}
