/**
 * `waba import` as a library: reads every template of a live WABA and turns it into config files in the
 * Meta-shaped form (one file per name; the multi-language form when a name has several languages that share
 * category and parameter format), each starting with the yaml-language-server schema line.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { stringify } from "yaml";
import type { Environment } from "../config/model.ts";
import { toDeclaredForm } from "../reconcile/meta-echo.ts";
import { normalizeTemplate, projectLive } from "../reconcile/template.ts";
import { readLiveEstate } from "./live.ts";

type Obj = Record<string, unknown>;

/** One file to write, relative to the output config root. */
export interface ImportedFile {
  path: string;
  text: string;
  /** `name:language` keys it declares. */
  keys: string[];
}

const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..");
const SCHEMAS = join(PROJECT_ROOT, "schemas");

// Reading order of keys in a written file; anything else follows alphabetically.
const KEY_ORDER = [
  "name",
  "language",
  "category",
  "parameter_format",
  "message_send_ttl_seconds",
  "cta_url_link_tracking_opted_out",
  "type",
  "format",
  "text",
  "add_security_recommendation",
  "code_expiration_minutes",
  "limited_time_offer",
  "has_expiration",
  "otp_type",
  "url",
  "phone_number",
  "buttons",
  "cards",
  "example",
  "components",
  "languages",
];

function ordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ordered);
  if (typeof v !== "object" || v === null) return v;
  const rank = (k: string) => {
    const i = KEY_ORDER.indexOf(k);
    return i === -1 ? KEY_ORDER.length : i;
  };
  const keys = Object.keys(v).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, ordered((v as Obj)[k])]));
}

/** The declared form of one live template: echo fields dropped, Meta's presets mapped back, POSITIONAL implied. */
export function declaredFromLive(echo: Obj): Obj {
  const d: Obj = normalizeTemplate(toDeclaredForm(projectLive(echo)));
  if (d["parameter_format"] === "POSITIONAL") delete d["parameter_format"];
  return d;
}

function schemaLine(fileDir: string, schema: string): string {
  const rel = relative(fileDir, join(SCHEMAS, schema)).split("\\").join("/");
  return `# yaml-language-server: $schema=${rel}\n`;
}

function render(absDir: string, header: string, value: unknown): string {
  return `${schemaLine(absDir, "message-template.schema.json")}${header}${stringify(ordered(value), { lineWidth: 0 })}`;
}

const SHARED = ["category", "parameter_format", "cta_url_link_tracking_opted_out"] as const;

/** Groups live templates by name into config files under `base/templates/` of `outRoot`. */
export function toTemplateFiles(outRoot: string, wabaId: string, templates: readonly Obj[]): ImportedFile[] {
  const byName = new Map<string, Obj[]>();
  for (const t of templates) {
    const d = declaredFromLive(t);
    const list = byName.get(String(d["name"])) ?? [];
    list.push(d);
    byName.set(String(d["name"]), list);
  }
  const dir = join("base", "templates");
  const absDir = resolve(outRoot, dir);
  const header = `# Imported from ${wabaId} by \`waba import\`.\n`;
  const files: ImportedFile[] = [];
  for (const name of [...byName.keys()].sort()) {
    const defs = byName.get(name)!.sort((a, b) => (String(a["language"]) < String(b["language"]) ? -1 : 1));
    const keys = defs.map((d) => `${name}:${String(d["language"])}`);
    const first = defs[0]!;
    const sameShared = SHARED.every((k) => defs.every((d) => JSON.stringify(d[k]) === JSON.stringify(first[k])));
    if (defs.length > 1 && sameShared) {
      const multi: Obj = { name };
      for (const k of SHARED) if (first[k] !== undefined) multi[k] = first[k];
      const ttls = new Set(defs.map((d) => JSON.stringify(d["message_send_ttl_seconds"])));
      const sharedTtl = ttls.size === 1 ? first["message_send_ttl_seconds"] : undefined;
      if (sharedTtl !== undefined) multi["message_send_ttl_seconds"] = sharedTtl;
      const languages: Obj = {};
      for (const d of defs) {
        const variant: Obj = { components: d["components"] };
        if (sharedTtl === undefined && d["message_send_ttl_seconds"] !== undefined)
          variant["message_send_ttl_seconds"] = d["message_send_ttl_seconds"];
        languages[String(d["language"])] = variant;
      }
      multi["languages"] = languages;
      files.push({ path: join(dir, `${name}.yaml`), text: render(absDir, header, multi), keys });
    } else if (defs.length === 1) {
      files.push({ path: join(dir, `${name}.yaml`), text: render(absDir, header, first), keys });
    } else {
      // Languages that Meta categorized differently cannot share one file: one single-language file each.
      for (const d of defs)
        files.push({
          path: join(dir, `${name}.${String(d["language"])}.yaml`),
          text: render(absDir, header, d),
          keys: [`${name}:${String(d["language"])}`],
        });
    }
  }
  return files;
}

/** A minimal environment file (target only, no selection or overrides) for an import into a fresh tree. */
export function environmentFile(outRoot: string, env: Environment): ImportedFile {
  const value: Obj = { name: env.name, aws: env.aws, waba: env.waba };
  if (env.phone_numbers) value["phone_numbers"] = env.phone_numbers;
  const absDir = resolve(outRoot, "envs");
  const text = `${schemaLine(absDir, "environment.schema.json")}# Written by \`waba import\`: the target of the imported templates.\n${stringify(value, { lineWidth: 0 })}`;
  return { path: join("envs", `${env.name}.yaml`), text, keys: [] };
}

/** Result of `importEstate`. */
export interface ImportResult {
  written: string[];
  skipped: string[];
  templates: number;
}

/** Reads the live WABA and writes its templates (and, when missing, the environment file) under `outRoot`. */
export async function importEstate(
  eum: SocialMessagingClient,
  env: Environment,
  outRoot: string,
  opts: { force?: boolean | undefined } = {},
): Promise<ImportResult> {
  const live = await readLiveEstate(eum, env.waba.id, { detailsFor: (s) => s.keys() });
  const templates = [...live.details.values()] as unknown as Obj[];
  const files = toTemplateFiles(outRoot, env.waba.id, templates);
  const envFile = environmentFile(outRoot, env);
  const result: ImportResult = { written: [], skipped: [], templates: templates.length };
  const existing = files.filter((f) => existsSync(join(outRoot, f.path))).map((f) => f.path);
  if (existing.length > 0 && !opts.force)
    throw new ImportConflictError(`refusing to overwrite ${existing.join(", ")} in ${outRoot} (use --force)`);
  for (const f of files) {
    await mkdir(dirname(join(outRoot, f.path)), { recursive: true });
    await writeFile(join(outRoot, f.path), f.text);
    result.written.push(f.path);
  }
  if (existsSync(join(outRoot, envFile.path))) result.skipped.push(envFile.path);
  else {
    await mkdir(dirname(join(outRoot, envFile.path)), { recursive: true });
    await writeFile(join(outRoot, envFile.path), envFile.text);
    result.written.push(envFile.path);
  }
  return result;
}

/** The output directory already has files an import would overwrite. */
export class ImportConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportConflictError";
  }
}
