/**
 * Generates src/runtime/generated/templates.ts from the templates declared in config/: a type map
 * name → language → send arguments (named or positional body parameters, header, button parameters, LTO expiry,
 * carousel cards), and the runtime spec `typedTemplateMessage` uses to build the Cloud API components.
 *
 *   npm run gen:templates            write the file
 *   npm run gen:templates -- --check fail (exit 1) if the committed file differs from config/
 */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/config/load.ts";

type Obj = Record<string, unknown>;

/** How one template (one language) is sent; mirrored by `TemplateSpec` in src/runtime/messages/typed-template.ts. */
interface Part {
  header?: { kind: "TEXT"; params: string[] } | { kind: "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" | "PRODUCT" };
  body: string[];
  buttons: Array<{ index: number; kind: "url" | "copy_code" | "otp" | "flow" }>;
}
interface Spec extends Part {
  format: "NAMED" | "POSITIONAL";
  category: string;
  auth: boolean;
  lto: boolean;
  cards?: Part[];
}

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*|\d+)\s*\}\}/g;
const placeholders = (text: unknown): string[] =>
  typeof text === "string" ? [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))] : [];
const lower = (v: unknown): string => String(v ?? "").toUpperCase();

function partOf(components: unknown[]): Part {
  const part: Part = { body: [], buttons: [] };
  for (const raw of components) {
    const c = (raw ?? {}) as Obj;
    const type = lower(c["type"]);
    if (type === "HEADER") {
      const format = lower(c["format"] ?? "TEXT");
      part.header =
        format === "TEXT"
          ? { kind: "TEXT", params: placeholders(c["text"]) }
          : { kind: format as "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" | "PRODUCT" };
      if (part.header.kind === "TEXT" && part.header.params.length === 0) delete part.header;
    }
    if (type === "BODY") part.body = placeholders(c["text"]);
    if (type === "BUTTONS")
      ((c["buttons"] as Obj[] | undefined) ?? []).forEach((b, index) => {
        const bt = lower(b["type"]);
        if (bt === "URL" && placeholders(b["url"]).length > 0) part.buttons.push({ index, kind: "url" });
        if (bt === "COPY_CODE") part.buttons.push({ index, kind: "copy_code" });
        if (bt === "OTP") part.buttons.push({ index, kind: "otp" });
        if (bt === "FLOW") part.buttons.push({ index, kind: "flow" });
      });
  }
  return part;
}

function specOf(def: Obj): Spec {
  const components = (def["components"] as unknown[] | undefined) ?? [];
  const part = partOf(components);
  const carousel = components.find((c) => lower((c as Obj)["type"]) === "CAROUSEL") as Obj | undefined;
  const lto = components.find((c) => lower((c as Obj)["type"]) === "LIMITED_TIME_OFFER") as Obj | undefined;
  const allNames = [...part.body, ...(part.header?.kind === "TEXT" ? part.header.params : [])];
  const spec: Spec = {
    ...part,
    format:
      lower(def["parameter_format"]) === "NAMED" || allNames.some((n) => !/^\d+$/.test(n)) ? "NAMED" : "POSITIONAL",
    category: lower(def["category"]),
    auth: lower(def["category"]) === "AUTHENTICATION",
    lto: ((lto?.["limited_time_offer"] as Obj | undefined)?.["has_expiration"] ?? false) === true,
  };
  if (carousel !== undefined)
    spec.cards = ((carousel["cards"] as Obj[] | undefined) ?? []).map((card) =>
      partOf((card["components"] as unknown[]) ?? []),
    );
  return spec;
}

const q = (s: string): string => JSON.stringify(s);

function paramsType(names: string[], named: boolean): string {
  if (named) return `{ ${names.map((n) => `${n}: string`).join("; ")} }`;
  return `[${names.map(() => "string").join(", ")}]`;
}

function partType(p: Part, named: boolean, auth: boolean): string[] {
  const f: string[] = [];
  if (auth)
    f.push("/** The one-time code (≤ 15 chars); sent in the body and the copy-code/one-tap button. */ code: string");
  else if (p.body.length > 0) f.push(`params: ${paramsType(p.body, named)}`);
  if (p.header?.kind === "TEXT") f.push(`headerText: ${named ? paramsType(p.header.params, true) : "string"}`);
  if (p.header?.kind === "IMAGE" || p.header?.kind === "VIDEO" || p.header?.kind === "DOCUMENT")
    f.push(`/** ${p.header.kind} header. */ headerMedia: MediaRef`);
  if (p.header?.kind === "LOCATION")
    f.push("headerLocation: { latitude: number; longitude: number; name?: string; address?: string }");
  if (p.header?.kind === "PRODUCT") f.push("headerProduct: { catalogId: string; productRetailerId: string }");
  const buttons = p.buttons.filter((b) => !(auth && b.kind === "otp"));
  if (buttons.length > 0) {
    const req = buttons.filter((b) => b.kind !== "flow");
    const opt = buttons.filter((b) => b.kind === "flow");
    const entries = [
      ...req.map((b) => `${b.index}: string`),
      ...opt.map((b) => `${b.index}?: { flowToken?: string; data?: Record<string, unknown> }`),
    ];
    f.push(
      `/** Button parameters by button index: URL suffix or coupon code. */ buttons${req.length === 0 ? "?" : ""}: { ${entries.join("; ")} }`,
    );
  }
  return f;
}

/** Renders the generated module. */
export function renderTemplates(defs: Obj[]): string {
  const byName = new Map<string, Map<string, Spec>>();
  for (const d of defs) {
    const name = String(d["name"]);
    const lang = String(d["language"]);
    if (!byName.has(name)) byName.set(name, new Map());
    byName.get(name)?.set(lang, specOf(d));
  }
  const names = [...byName.keys()].sort();
  const lines: string[] = [
    "// DO NOT EDIT: generated from config/ by scripts/gen-template-types.ts. Regenerate with `npm run gen:templates`;",
    "// `npm run gen:templates -- --check` fails when this file and config/ disagree.",
    'import type { MediaRef } from "../messages/basic.ts";',
    'import type { TemplateSpec } from "../messages/typed-template.ts";',
    "",
    "/** Send arguments of every declared template: name → language → parameters. */",
    "export interface TemplateParams {",
  ];
  for (const name of names) {
    lines.push(`  ${q(name)}: {`);
    const langs = byName.get(name) as Map<string, Spec>;
    for (const lang of [...langs.keys()].sort()) {
      const s = langs.get(lang) as Spec;
      const fields = partType(s, s.format === "NAMED", s.auth);
      if (s.lto) fields.push("/** Offer end, Unix milliseconds. */ ltoExpirationMs: number");
      if (s.cards !== undefined)
        fields.push(
          `cards: [${s.cards.map((c) => `{ ${partType(c, s.format === "NAMED", false).join("; ")} }`).join(", ")}]`,
        );
      lines.push(`    ${q(lang)}: { ${fields.join("; ")} };`);
    }
    lines.push("  };");
  }
  lines.push("}", "", "/** How each template is sent (parameter names/order, button indexes), used at run time. */");
  lines.push("export const TEMPLATE_SPECS: Record<string, Record<string, TemplateSpec>> = {");
  for (const name of names) {
    const langs = byName.get(name) as Map<string, Spec>;
    lines.push(`  ${q(name)}: {`);
    for (const lang of [...langs.keys()].sort()) lines.push(`    ${q(lang)}: ${JSON.stringify(langs.get(lang))},`);
    lines.push("  },");
  }
  lines.push("};", "");
  return lines.join("\n");
}

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Renders and formats with the repo's biome settings, so the committed file passes `biome check` as generated. */
export function generateTemplatesModule(defs: Obj[]): string {
  return execFileSync(
    join(REPO, "node_modules/.bin/biome"),
    ["format", "--stdin-file-path=src/runtime/generated/templates.ts"],
    {
      cwd: REPO,
      input: renderTemplates(defs),
      encoding: "utf8",
      stdio: ["pipe", "pipe", "ignore"],
    },
  );
}

async function main(): Promise<void> {
  const repo = REPO;
  const out = join(repo, "src/runtime/generated/templates.ts");
  const { model, problems } = await loadConfig(join(repo, "config"));
  const errors = problems.filter((p) => p.severity === "error");
  const defs = model.templates.filter((t) => t.valid).map((t) => t.value as unknown as Obj);
  if (errors.length > 0)
    process.stderr.write(
      `gen:templates: config has ${errors.length} problem(s); generating from the ${defs.length} valid template(s)\n`,
    );
  const text = generateTemplatesModule(defs);
  if (process.argv.includes("--check")) {
    const current = await readFile(out, "utf8").catch(() => "");
    if (current !== text) {
      process.stderr.write(`${relative(process.cwd(), out)} is out of date with config/; run npm run gen:templates\n`);
      process.exit(1);
    }
    process.stdout.write(`${relative(process.cwd(), out)} is up to date (${defs.length} template languages)\n`);
    return;
  }
  await writeFile(out, text);
  process.stdout.write(`wrote ${relative(process.cwd(), out)} (${defs.length} template languages)\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
