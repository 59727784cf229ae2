/**
 * Loads one environment's declared state for the GitOps commands: the validated model, its WABA and region, its
 * template-languages and phone numbers, and the WhatsApp Manager steps no API can do.
 */
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { listEnvironments } from "../config/load.ts";
import type { Model } from "../config/model.ts";
import { ConfigError } from "../config/problem.ts";
import { isValid, validateConfig } from "../config/validate.ts";
import type { DesiredPhoneNumber } from "../reconcile/drift.ts";
import type { DesiredTemplate } from "../reconcile/plan.ts";

/** A loaded, valid environment. */
export interface LoadedEnvironment {
  name: string;
  root: string;
  model: Model;
  wabaId: string;
  region: string;
  templates: DesiredTemplate[];
  phones: DesiredPhoneNumber[];
}

/** Thrown for a config root or environment that does not exist (a usage problem, exit 2). */
export class UnknownEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownEnvironmentError";
  }
}

/** Loads and validates `envs/<env>.yaml` over `root`; throws ConfigError with every problem when invalid. */
export async function loadEnvironment(root: string, env: string): Promise<LoadedEnvironment> {
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UnknownEnvironmentError(`config directory "${root}" does not exist`);
  const envs = await listEnvironments(root);
  if (!envs.includes(env))
    throw new UnknownEnvironmentError(`unknown environment "${env}" (in ${root}/envs: ${envs.join(", ") || "none"})`);
  const { model, problems } = await validateConfig(root, { env });
  if (!isValid(problems)) throw new ConfigError(problems);
  const e = model.environment?.value;
  if (!e) throw new ConfigError(problems);
  const templates = model.templates.map((t) => ({
    name: t.value.name,
    language: t.value.language,
    // Relative to the root so a baseline checkout elsewhere compares file by file.
    file: relative(root, t.file),
    definition: t.value as unknown as Record<string, unknown>,
  }));
  const phones = Object.entries(e.phone_numbers ?? {})
    .map(([alias, p]) => ({ alias, phoneNumberId: p.id, displayName: p.display_name }))
    .sort((a, b) => (a.alias < b.alias ? -1 : 1));
  return { name: env, root, model, wabaId: e.waba.id, region: e.aws.region, templates, phones };
}

/** The declared template-languages of an environment, or [] when the baseline has no such environment. */
export async function loadBaseline(root: string, env: string): Promise<DesiredTemplate[]> {
  const envs = await listEnvironments(root);
  if (!envs.includes(env)) return [];
  const { model } = await validateConfig(root, { env });
  return model.templates
    .filter((t) => typeof t.value.name === "string" && typeof t.value.language === "string")
    .map((t) => ({
      name: t.value.name,
      language: t.value.language,
      file: relative(root, t.file),
      definition: t.value as unknown as Record<string, unknown>,
    }));
}

/** What only WhatsApp Manager can set for the declared profile, flows and payment configurations. */
export function manualSteps(model: Model): string[] {
  const out: string[] = [];
  for (const p of model.profiles)
    out.push(
      `business profile "${p.key}": the profile shown in WhatsApp (about, address, description, email, websites, picture) is set in WhatsApp Manager; EUM has no API for it (waba's runtime answers from the declared profile)`,
    );
  for (const f of model.flows) {
    const v = f.value as Record<string, unknown>;
    const menu = v["menu"] as { triggers?: { commands?: unknown[] } } | undefined;
    if (Array.isArray(v["ice_breakers"]) && v["ice_breakers"].length > 0)
      out.push(
        `flow "${f.key}": ice breakers are configured in WhatsApp Manager (conversational components); EUM has no API for them`,
      );
    if (Array.isArray(menu?.triggers?.commands) && menu.triggers.commands.length > 0)
      out.push(`flow "${f.key}": commands (/…) are configured in WhatsApp Manager; EUM has no API for them`);
  }
  for (const p of model.paymentConfigs) {
    const name = (p.value as unknown as Record<string, unknown>)["configuration_name"];
    out.push(
      `payment configuration "${p.key}": create and link "${String(name ?? p.key)}" with the payment gateway in WhatsApp Manager; EUM has no API for it`,
    );
  }
  return out.sort();
}
