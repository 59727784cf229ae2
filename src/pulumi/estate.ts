/**
 * Declares one resource per declared object of an environment: templates (one per name + language), the WABA's
 * event destination, ownership tags on the WABA and phone numbers, display-name verification, and the
 * runtime-config documents. Warnings about Meta's verdicts are attached to the template outputs so they show in
 * preview, up and `preview --refresh`.
 */
import { basename, extname } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Template } from "../../providers/template.ts";
import { DisplayName, EventDestination, ResourceTags, RuntimeConfig } from "../../providers/whatsapp.ts";
import type { Declared, Model } from "../config/model.ts";
import { statusWarnings } from "../reconcile/template.ts";

/** What the runtime component (issue 7) hands to the estate; absent until it is deployed. */
export interface RuntimeHandles {
  /** The SNS topic EUM publishes to (event destinations of type `runtime`). */
  topicArn: pulumi.Input<string>;
  roleArn?: pulumi.Input<string>;
}

/** Options of `declareEstate`. */
export interface EstateOptions {
  /** The runtime config table (a name, or the runtime component's output); RuntimeConfig resources are declared
   * only when it is set. */
  configTable?: pulumi.Input<string> | undefined;
  runtime?: RuntimeHandles | undefined;
  /** Keep templates at Meta when their resources are deleted. */
  retainTemplates?: boolean | undefined;
}

/** The declared resources, by logical name. */
export interface Estate {
  templates: Record<string, Template>;
  eventDestinations: Record<string, EventDestination>;
  tags: Record<string, ResourceTags>;
  displayNames: Record<string, DisplayName>;
  runtimeConfig: Record<string, RuntimeConfig>;
  /** Steps only WhatsApp Manager can perform, listed in preview output. */
  manualSteps: string[];
}

/** Tag marking what this stack owns. */
export const OWNER_TAG = "managed-by";

const stem = (d: Declared<unknown>): string => basename(d.file, extname(d.file));

/** Logical name of a template language: stable across a `name:` change inside the same file (→ replace). */
export function templateResourceName(d: Declared<{ language: string }>): string {
  return `${stem(d)}.${d.value.language}`;
}

/** Manual WhatsApp Manager steps for the business profile (EUM has no profile API; eum-api.md §7). */
function profileSteps(p: Record<string, unknown>): string[] {
  const fields = ["about", "address", "description", "email", "websites", "vertical", "profile_picture"].filter(
    (k) => p[k] !== undefined,
  );
  return fields.length === 0
    ? []
    : [`set the business profile (${fields.join(", ")}) in WhatsApp Manager for every number; EUM cannot set it`];
}

function flowSteps(f: Record<string, unknown>): string[] {
  const steps: string[] = [];
  if (f.welcome !== undefined)
    steps.push("the runtime sends the welcome message itself; leave WhatsApp Manager's welcome message off");
  if (f.commands !== undefined || f.ice_breakers !== undefined)
    steps.push("set commands and ice breakers in WhatsApp Manager (conversational components); EUM cannot set them");
  return steps;
}

function paymentSteps(p: Record<string, unknown>): string[] {
  return [
    `create payment configuration "${String(p.configuration_name ?? "")}" (${String(p.provider_name ?? "")}) in WhatsApp Manager; EUM has no payment configuration API`,
  ];
}

/** Declares every resource of the model; the model must be valid. */
export function declareEstate(model: Model, env: string, opts: EstateOptions = {}): Estate {
  const environment = model.environment?.value;
  if (!environment) throw new Error(`config/envs/${env}.yaml is missing: the stack name must be an environment`);
  const wabaId = environment.waba.id;
  const estate: Estate = {
    templates: {},
    eventDestinations: {},
    tags: {},
    displayNames: {},
    runtimeConfig: {},
    manualSteps: [],
  };

  for (const t of model.templates) {
    if (!t.valid) continue;
    const name = templateResourceName(t);
    const def = t.value as unknown as Record<string, unknown> & { name: string; language: string };
    const res = new Template(name, {
      wabaId,
      name: def.name,
      language: def.language,
      definition: def,
      ...(opts.retainTemplates ? { retain: true } : {}),
    });
    const label = `${def.name} (${def.language})`;
    pulumi.all([res.status, res.category]).apply(([status, category]) => {
      for (const w of statusWarnings(label, {
        status: status ?? "",
        category: category ?? "",
        requestedCategory: String(def.category).toUpperCase(),
      }))
        pulumi.log.warn(w, res);
    });
    estate.templates[name] = res;
  }

  for (const d of model.eventDestinations) {
    if (!d.valid) continue;
    const dest = d.value.destination;
    let destinationArn: pulumi.Input<string> | undefined;
    let roleArn: pulumi.Input<string> | undefined = d.value.role_arn;
    if (dest.type === "sns") destinationArn = dest.topic_arn;
    else if (dest.type === "runtime") {
      if (!opts.runtime) {
        pulumi.log.warn(
          `event destination ${d.key} targets the runtime's topic, which this stack does not deploy yet; the WABA's destination is left as it is`,
        );
        continue;
      }
      destinationArn = opts.runtime.topicArn;
      roleArn = opts.runtime.roleArn ?? roleArn;
    }
    estate.eventDestinations[wabaId] = new EventDestination(`events.${stem(d)}`, {
      wabaId,
      ...(destinationArn !== undefined ? { destinationArn } : {}),
      ...(roleArn !== undefined ? { roleArn } : {}),
    });
  }

  const tags = { ...(environment.tags ?? {}), [OWNER_TAG]: "waba-config", "waba-config:stack": env };
  estate.tags.waba = new ResourceTags("tags.waba", { resourceId: wabaId, tags });
  for (const [alias, phone] of Object.entries(environment.phone_numbers ?? {})) {
    estate.tags[alias] = new ResourceTags(`tags.phone.${alias}`, { resourceId: phone.id, tags });
    if (phone.display_name)
      estate.displayNames[alias] = new DisplayName(`display-name.${alias}`, {
        phoneNumberId: phone.id,
        expected: phone.display_name,
      });
  }

  const docs: {
    kind: "BusinessProfile" | "ConversationFlow" | "PaymentConfiguration";
    d: Declared<unknown>;
    steps: string[];
  }[] = [
    ...model.profiles.map((d) => ({
      kind: "BusinessProfile" as const,
      d,
      steps: profileSteps(d.value as unknown as Record<string, unknown>),
    })),
    ...model.flows.map((d) => ({
      kind: "ConversationFlow" as const,
      d,
      steps: flowSteps(d.value as unknown as Record<string, unknown>),
    })),
    ...model.paymentConfigs.map((d) => ({
      kind: "PaymentConfiguration" as const,
      d,
      steps: paymentSteps(d.value as unknown as Record<string, unknown>),
    })),
  ];
  for (const { kind, d, steps } of docs) {
    if (!d.valid) continue;
    estate.manualSteps.push(...steps.map((s) => `${kind} ${d.key}: ${s}`));
    if (!opts.configTable) continue;
    estate.runtimeConfig[`${kind}#${d.key}`] = new RuntimeConfig(`config.${kind}.${d.key.replace(/\//g, ".")}`, {
      kind,
      id: d.key,
      content: d.value as Record<string, unknown>,
      manualSteps: steps,
      table: opts.configTable,
    });
  }
  for (const s of estate.manualSteps) pulumi.log.info(`manual step: ${s}`);
  return estate;
}
