/**
 * The Pulumi program (Pulumi.yaml `main`): stack name = environment. Loads and validates `config/` for it,
 * refuses to run on validation errors (printed as `waba validate` prints them), then declares the estate.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { formatProblems, summarize } from "../config/format.ts";
import { isValid, validateConfig } from "../config/validate.ts";
import { declareEstate } from "./estate.ts";
import type { WhatsAppRuntimeOutputs } from "./runtime/whatsapp-runtime.ts";
import { deployRuntimeIfConfigured, estateOptionsFor } from "./runtime/wire.ts";

/** Stack outputs. */
export interface StackOutputs {
  env: string;
  wabaId: string;
  templates: Record<string, { metaTemplateId: pulumi.Output<string>; status: pulumi.Output<string> }>;
  manualSteps: string[];
  /** Topic, role, queues, tables, bucket and functions of the deployed runtime. */
  runtime?: pulumi.Output<WhatsAppRuntimeOutputs>;
}

/** Runs the program for the current stack (also callable under `setMocks`). */
export default async function program(): Promise<StackOutputs> {
  const env = pulumi.getStack();
  const cfg = new pulumi.Config("waba");
  const root = cfg.get("configRoot") ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "config");
  const { model, problems } = await validateConfig(root, { env });
  if (!isValid(problems)) {
    process.stderr.write(formatProblems(problems, "text"));
    process.stderr.write(`${summarize(problems, model.files.length)}\n`);
    throw new Error(
      `config for stack "${env}" is invalid (${summarize(problems, model.files.length)}); run: waba validate --env ${env}`,
    );
  }
  for (const p of problems) pulumi.log.warn(formatProblems([p], "text").trimEnd());
  // The runtime (AWS resources) is deployed where the environment asks for it; `local` uses the local loop instead.
  const wiring = model.environment === undefined ? undefined : await deployRuntimeIfConfigured(model.environment.value);
  const runtime = wiring === undefined ? undefined : estateOptionsFor(wiring);
  const estate = declareEstate(model, env, {
    // The component's table output (not just its name) makes every document write wait for the table.
    configTable: wiring?.configTableName ?? cfg.get("configTable"),
    runtime: runtime?.runtime,
    retainTemplates: cfg.getBoolean("retainTemplates"),
  });
  return {
    env,
    wabaId: model.environment?.value.waba.id ?? "",
    templates: Object.fromEntries(
      Object.entries(estate.templates).map(([k, t]) => [k, { metaTemplateId: t.metaTemplateId, status: t.status }]),
    ),
    manualSteps: estate.manualSteps,
    ...(wiring === undefined ? {} : { runtime: wiring.runtime.outputs() }),
  };
}
