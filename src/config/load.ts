/**
 * Loads a config tree (or a single file) into the normalized model: YAML with positions, kind by directory,
 * schema validation, the environment overlay (select + override) and expansion of multi-language templates.
 * Never throws for bad input: unreadable files, bad YAML and schema violations all become problems.
 */
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, relative, sep } from "node:path";
import type {
  BusinessProfile,
  ConversationFlow,
  Declared,
  Environment,
  EventDestination,
  Kind,
  LoadResult,
  MessageTemplateDefinition,
  Model,
  PaymentConfiguration,
} from "./model.ts";
import { isPlainObject, isSelected, mergePatch, patchCovers } from "./overlay.ts";
import { formatPath, type PathSegments, type Problem, type Severity } from "./problem.ts";
import { type SchemaName, validateSchema } from "./schemas.ts";
import { displayText } from "./text.ts";
import { type Anchor, locateIn, type Position, parseYamlSource, type SourceFile } from "./yaml-source.ts";

/** Options of `loadConfig`. */
export interface LoadOptions {
  /** Environment to overlay (`envs/<env>.yaml`); without it only base declarations are loaded. */
  env?: string | undefined;
}

const CONFIG_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
const MAX_FILES = 20_000;

/** Directory under `base/` → kind, and the env file's `overrides` section for it. */
const KIND_DIRS: Record<string, { kind: Kind; overrides: string }> = {
  templates: { kind: "template", overrides: "templates" },
  flows: { kind: "flow", overrides: "flows" },
  profiles: { kind: "profile", overrides: "profiles" },
  payments: { kind: "payment", overrides: "payments" },
  "event-destinations": { kind: "event-destination", overrides: "event_destinations" },
};

const SCHEMA_OF: Record<Kind, SchemaName> = {
  template: "message-template",
  profile: "business-profile",
  flow: "conversation-flow",
  payment: "payment-configuration",
  "event-destination": "event-destination",
  environment: "environment",
};

/** A file-level declaration before expansion; `patch` is set when an env override applies. */
interface Decl {
  kind: Kind;
  key: string;
  source: SourceFile;
  value: Record<string, unknown>;
  valid: boolean;
  patch?: { env: SourceFile; prefix: PathSegments; value: unknown };
}

interface FoundFile {
  abs: string;
  display: string;
  rel: string[];
}

/** Turns a position into a problem. */
export function problemFrom(pos: Position, code: string, message: string, severity: Severity = "error"): Problem {
  return { file: pos.file, line: pos.line, column: pos.column, path: pos.path, code, message, severity };
}

function locateDecl(d: Decl, path: PathSegments, at: Anchor = "value"): Position {
  if (d.patch && patchCovers(d.patch.value, path)) return locateIn(d.patch.env, [...d.patch.prefix, ...path], at);
  return locateIn(d.source, path, at);
}

/** Names of the environments a config tree declares (`envs/<name>.yaml`). */
export async function listEnvironments(root: string): Promise<string[]> {
  const dir = join(root, "envs");
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"))
    .map((n) => basename(n, extname(n)))
    .sort();
}

/** Loads and validates (schema only) a config tree or file; Meta rules and references run in `validateConfig`. */
export async function loadConfig(root: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const model: Model = {
    root,
    templates: [],
    profiles: [],
    flows: [],
    paymentConfigs: [],
    eventDestinations: [],
    files: [],
    documents: [],
  };
  if (opts.env !== undefined) model.env = opts.env;
  const fileProblem = (file: string, code: string, message: string) =>
    problems.push({ file, line: 1, column: 1, path: "", code, message, severity: "error" });

  let files: FoundFile[];
  try {
    const st = await stat(root);
    files = st.isDirectory() ? await walk(root, problems) : [{ abs: root, display: root, rel: [basename(root)] }];
  } catch (err) {
    fileProblem(root, "file.read", `cannot read ${root}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return { model, problems };
  }

  if (files.length === 0)
    problems.push({
      file: root,
      line: 1,
      column: 1,
      path: "",
      code: "config.empty",
      message: "no .yaml, .yml or .json config files found",
      severity: "warning",
    });
  const decls: Decl[] = [];
  const envs = new Map<string, Decl>();
  model.files = files.map((f) => f.display);
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      // Sync reads: config files are small, and one event-loop round trip per file costs more than the read.
      bytes = readFileSync(f.abs);
    } catch (err) {
      fileProblem(f.display, "file.read", `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      continue;
    }
    const parsed = parseYamlSource(f.display, bytes);
    problems.push(...parsed.problems);
    const { source } = parsed;
    if (parsed.problems.some((p) => p.severity === "error")) continue;
    if (!isPlainObject(source.value)) {
      const got =
        source.value === null || source.value === undefined ? "an empty document" : describeRoot(source.value);
      problems.push(
        problemFrom(locateIn(source, []), "file.root_type", `the document must be a mapping (key: value), not ${got}`),
      );
      continue;
    }
    const value = source.value;
    let placed = place(f.rel);
    if (placed === undefined) {
      if ("components" in value || "languages" in value) placed = { kind: "template", key: keyOf(f.rel) };
      else {
        problems.push(
          problemFrom(
            locateIn(source, []),
            "config.kind_unknown",
            "cannot tell what this file declares: put it under base/templates, base/flows, base/profiles, base/payments, " +
              "base/event-destinations or envs/, or give a template its components (or languages) key",
          ),
        );
        continue;
      }
    }
    const decl: Decl = { kind: placed.kind, key: placed.key, source, value, valid: true };
    model.documents.push(toDeclared(decl, value));
    if (decl.kind === "template" && typeof value["name"] === "string") decl.key = value["name"];
    const findings = schemaFindings(decl.kind, value);
    for (const s of findings) problems.push(problemFrom(locateIn(source, s.path, s.at), s.code, s.message, s.severity));
    decl.valid = findings.length === 0;
    if (decl.kind === "environment") {
      if (typeof value["name"] === "string" && value["name"] !== decl.key)
        problems.push(
          problemFrom(
            locateIn(source, ["name"]),
            "env.name",
            `name "${value["name"]}" must match the file name "${decl.key}"`,
          ),
        );
      envs.set(decl.key, decl);
    } else decls.push(decl);
  }

  let selected = decls;
  if (opts.env !== undefined) {
    const env = envs.get(opts.env);
    if (!env) {
      const known = [...envs.keys()].sort().join(", ") || "none";
      fileProblem(
        join(root, "envs", `${opts.env}.yaml`),
        "env.unknown",
        `no environment "${opts.env}" (known: ${known})`,
      );
    } else {
      model.environment = toDeclared(env, env.value as unknown as Environment);
      selected = applyEnvironment(env, decls, problems);
    }
  }

  for (const d of selected) {
    switch (d.kind) {
      case "template":
        model.templates.push(...expandTemplate(d));
        break;
      case "profile":
        model.profiles.push(toDeclared(d, d.value as unknown as BusinessProfile));
        break;
      case "flow":
        model.flows.push(toDeclared(d, d.value as unknown as ConversationFlow));
        break;
      case "payment":
        model.paymentConfigs.push(toDeclared(d, d.value as unknown as PaymentConfiguration));
        break;
      case "event-destination":
        model.eventDestinations.push(toDeclared(d, d.value as unknown as EventDestination));
        break;
      case "environment":
        break;
    }
  }
  return { model, problems };
}

function describeRoot(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}

function schemaFindings(kind: Kind, value: Record<string, unknown>) {
  if (kind === "template")
    return validateSchema(
      "message-template",
      value,
      "languages" in value ? "MultiLanguageMessageTemplate" : "MessageTemplateDefinition",
    );
  return validateSchema(SCHEMA_OF[kind], value);
}

function toDeclared<T>(d: Decl, value: T): Declared<T> {
  return {
    kind: d.kind,
    key: d.key,
    value,
    file: d.source.file,
    valid: d.valid,
    locate: (path, at) => locateDecl(d, path, at),
  };
}

/** Selects and patches base declarations with one environment file. */
function applyEnvironment(env: Decl, decls: Decl[], problems: Problem[]): Decl[] {
  const e = env.value as Partial<Environment>;
  const out: Decl[] = [];
  const byOverride = new Map<string, Decl[]>();
  for (const d of decls) {
    const section = Object.values(KIND_DIRS).find((k) => k.kind === d.kind)?.overrides ?? "";
    const list = byOverride.get(`${section}\u0000${d.key}`) ?? [];
    list.push(d);
    byOverride.set(`${section}\u0000${d.key}`, list);
  }
  const overrides = isPlainObject(e.overrides) ? e.overrides : {};
  const patched = new Map<Decl, Decl>();
  for (const [section, entries] of Object.entries(overrides)) {
    if (!isPlainObject(entries)) continue;
    for (const [key, patch] of Object.entries(entries)) {
      const targets = byOverride.get(`${section}\u0000${key}`);
      if (!targets) {
        const known = decls
          .filter((d) => (Object.values(KIND_DIRS).find((k) => k.kind === d.kind)?.overrides ?? "") === section)
          .map((d) => d.key);
        problems.push(
          problemFrom(
            locateIn(env.source, ["overrides", section, key], "key"),
            "env.override.unknown",
            `override "${key}" matches no declared ${section.replace(/_/g, " ")} (declared: ${[...new Set(known)].sort().join(", ") || "none"})`,
          ),
        );
        continue;
      }
      for (const t of targets) {
        const merged = mergePatch(t.value, patch);
        const next: Decl = {
          ...t,
          value: isPlainObject(merged) ? merged : {},
          patch: { env: env.source, prefix: ["overrides", section, key], value: patch },
        };
        const findings = schemaFindings(t.kind, next.value);
        for (const s of findings) {
          if (patchCovers(patch, s.path))
            problems.push(problemFrom(locateDecl(next, s.path, s.at), s.code, s.message, s.severity));
          // Findings outside the patch were reported in the base file, unless the base was valid: then a `null` in
          // the override removed something required, and the override is where to fix it.
          else if (t.valid)
            problems.push(
              problemFrom(
                locateIn(env.source, ["overrides", section, key], "key"),
                s.code,
                `after this override, ${formatPath(s.path) || "the declaration"}: ${s.message}`,
                s.severity,
              ),
            );
        }
        next.valid = findings.length === 0;
        patched.set(t, next);
      }
    }
  }
  const templatesSel = e.templates;
  const flowsSel = e.flows;
  const wabaId = typeof e.waba?.id === "string" ? e.waba.id : undefined;
  for (const original of decls) {
    const d = patched.get(original) ?? original;
    if (d.kind === "template" && !isSelected(d.key, templatesSel)) continue;
    if (d.kind === "flow" && !isSelected(d.key, flowsSel)) continue;
    if (d.kind === "event-destination") {
      const w = d.value["waba"];
      if (typeof w === "string" && w !== "all" && wabaId !== undefined && !sameWaba(w, wabaId)) continue;
    }
    out.push(d);
  }
  return out;
}

function sameWaba(a: string, b: string): boolean {
  const tail = (s: string) => (s.startsWith("arn:") ? `waba-${s.split("/").pop() ?? ""}` : s);
  return tail(a) === tail(b);
}

/** Expands one template file into a definition per language, mapping paths back to the file. */
function expandTemplate(d: Decl): Declared<MessageTemplateDefinition>[] {
  const v = d.value;
  if (!("languages" in v)) {
    return [
      {
        ...toDeclared(d, v as unknown as MessageTemplateDefinition),
        key: `${displayText(v["name"])}:${displayText(v["language"])}`,
      },
    ];
  }
  const langs = v["languages"];
  if (!isPlainObject(langs)) return [];
  const out: Declared<MessageTemplateDefinition>[] = [];
  for (const [lang, variant] of Object.entries(langs)) {
    if (!isPlainObject(variant)) continue;
    const def: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== "languages") def[k] = x;
    def["language"] = lang;
    for (const [k, x] of Object.entries(variant)) def[k] = x;
    const toFile = (path: PathSegments): { path: PathSegments; at?: Anchor } => {
      const [head, ...rest] = path;
      if (head === "language") return { path: ["languages", lang], at: "key" };
      if (typeof head === "string" && head in variant) return { path: ["languages", lang, head, ...rest] };
      if (head === "components") return { path: ["languages", lang, "components", ...rest] };
      return { path };
    };
    out.push({
      kind: "template",
      key: `${displayText(v["name"])}:${lang}`,
      value: def as unknown as MessageTemplateDefinition,
      file: d.source.file,
      valid: d.valid,
      locate: (path, at) => {
        const mapped = toFile(path);
        return locateDecl(d, mapped.path, mapped.at ?? at);
      },
    });
  }
  return out;
}

function keyOf(rel: string[]): string {
  const last = rel[rel.length - 1] ?? "";
  return [...rel.slice(0, -1), basename(last, extname(last))].join("/");
}

/** Kind and key from a path relative to the root; `undefined` when the layout does not say. */
function place(rel: string[]): { kind: Kind; key: string } | undefined {
  let parts = rel;
  if (parts[0] === "envs" && parts.length === 2) return { kind: "environment", key: keyOf(parts.slice(1)) };
  if (parts[0] === "base") parts = parts.slice(1);
  if (parts.length === 1 && /^profile\.(ya?ml|json)$/.test(parts[0] ?? "")) return { kind: "profile", key: "profile" };
  const dir = parts[0];
  if (parts.length >= 2 && dir !== undefined && dir in KIND_DIRS)
    return { kind: KIND_DIRS[dir]!.kind, key: keyOf(parts.slice(1)) };
  return undefined;
}

async function walk(root: string, problems: Problem[]): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({
        file: dir,
        line: 1,
        column: 1,
        path: "",
        code: "file.read",
        message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        severity: "error",
      });
      continue;
    }
    for (const ent of entries) {
      if (ent.name.startsWith(".") || ent.name === "node_modules") continue;
      const abs = join(dir, ent.name);
      if (ent.isDirectory()) stack.push(abs);
      else if (ent.isFile() && CONFIG_EXTENSIONS.has(extname(ent.name).toLowerCase())) {
        const rel = relative(root, abs).split(sep);
        out.push({ abs, display: join(root, ...rel), rel });
      }
    }
    if (out.length > MAX_FILES) break;
  }
  return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}
