/**
 * JSON Schema validation of declared config: one ajv instance, every schema compiled once, errors turned into
 * problems that point at the right node (`required` at the parent's key, `additionalProperties` at the key).
 */
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { PathSegments, Severity } from "./problem.ts";
import { displayText } from "./text.ts";
import type { Anchor } from "./yaml-source.ts";

/** A schema-level finding, relative to the validated value. */
export interface SchemaFinding {
  path: PathSegments;
  at: Anchor;
  code: string;
  message: string;
  severity: Severity;
}

/** Schema names under schemas/, without `.schema.json`. */
export type SchemaName =
  | "message-template"
  | "business-profile"
  | "conversation-flow"
  | "payment-configuration"
  | "event-destination"
  | "environment";

const SCHEMA_NAMES: SchemaName[] = [
  "message-template",
  "business-profile",
  "conversation-flow",
  "payment-configuration",
  "event-destination",
  "environment",
];

interface Loaded {
  ajv: Ajv;
  ids: Map<SchemaName, string>;
  cache: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, discriminator: true });
  const ids = new Map<SchemaName, string>();
  for (const name of SCHEMA_NAMES) {
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), "utf8"));
    ajv.addSchema(schema);
    ids.set(name, schema.$id);
  }
  loaded = { ajv, ids, cache: new Map() };
  return loaded;
}

function compiled(ref: string): ValidateFunction {
  const l = load();
  let fn = l.cache.get(ref);
  if (!fn) {
    fn = l.ajv.getSchema(ref);
    if (!fn) throw new Error(`schema ${ref} is not registered`);
    l.cache.set(ref, fn);
  }
  return fn;
}

/** Compiles every schema now, so the first file validated does not pay for it. */
export function warmSchemas(): void {
  const l = load();
  for (const id of l.ids.values()) compiled(id);
}

/** Validates `value` against a whole schema, or one of its definitions (`definition`). */
export function validateSchema(name: SchemaName, value: unknown, definition?: string): SchemaFinding[] {
  const id = load().ids.get(name)!;
  return validateRef(id, definition ? `${id}#/definitions/${definition}` : id, value, []);
}

function validateRef(rootId: string, ref: string, value: unknown, base: PathSegments): SchemaFinding[] {
  const fn = compiled(ref);
  if (fn(value)) return [];
  return toFindings(rootId, fn.errors ?? [], value, base);
}

function toFindings(rootId: string, errors: ErrorObject[], value: unknown, base: PathSegments): SchemaFinding[] {
  // A failed `oneOf` reports every branch's errors; keep only the branch the value's `type` selects.
  const oneOfs = errors
    .filter((e) => e.keyword === "oneOf")
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  const handled: string[] = [];
  const out: SchemaFinding[] = [];
  const under = (p: string, prefix: string) => p === prefix || p.startsWith(`${prefix}/`);
  for (const e of oneOfs) {
    if (handled.some((h) => under(e.instancePath, h))) continue;
    handled.push(e.instancePath);
    const path = toSegments(e.instancePath, value);
    out.push(...explainOneOf(rootId, e, valueAt(value, path), [...base, ...path]));
  }
  for (const e of errors) {
    if (e.keyword === "oneOf" || handled.some((h) => under(e.instancePath, h))) continue;
    const f = toFinding(rootId, e, value, base);
    if (f) out.push(f);
  }
  return out;
}

function explainOneOf(rootId: string, e: ErrorObject, data: unknown, path: PathSegments): SchemaFinding[] {
  const branches = (Array.isArray(e.schema) ? e.schema : []) as Array<{ $ref?: string }>;
  const refs = branches.map((b) => b.$ref).filter((r): r is string => typeof r === "string");
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return [finding(path, "value", "schema.type", `must be an object (got ${describe(data)})`)];
  const tag = (data as Record<string, unknown>)["type"];
  const options: string[] = [];
  for (const ref of refs) {
    const full = ref.startsWith("#") ? `${rootId}${ref}` : ref;
    const allowed = tagValues(full);
    options.push(...allowed);
    if (allowed.includes(displayText(tag))) return validateRef(rootId, full, data, path);
  }
  if (tag === undefined) return [finding(path, "key", "schema.required", `missing required property "type"`)];
  return [
    finding(
      [...path, "type"],
      "value",
      "schema.enum",
      `type ${JSON.stringify(tag)} is not one of ${unique(options).join(", ")}`,
    ),
  ];
}

const tagCache = new Map<string, string[]>();
function tagValues(ref: string, tag = "type"): string[] {
  const cacheKey = `${ref}\u0000${tag}`;
  let vals = tagCache.get(cacheKey);
  if (!vals) {
    const schema = compiled(ref).schema as { properties?: Record<string, { enum?: unknown[]; const?: unknown }> };
    const t = schema.properties?.[tag];
    vals = (t?.enum ?? (t && "const" in t ? [t.const] : [])).map(String);
    tagCache.set(cacheKey, vals);
  }
  return vals;
}

function toFinding(rootId: string, e: ErrorObject, value: unknown, base: PathSegments): SchemaFinding | undefined {
  const path = [...base, ...toSegments(e.instancePath, value)];
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return finding(path, "key", "schema.required", `missing required property "${p["missingProperty"]}"`);
    case "additionalProperties": {
      const key = String(p["additionalProperty"]);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = suggest(key, allowed);
      const tail = hint ? `; did you mean "${hint}"?` : allowed.length > 0 ? `; allowed: ${allowed.join(", ")}` : "";
      return finding([...path, key], "key", "schema.additionalProperties", `unknown property "${key}"${tail}`);
    }
    case "type":
      return finding(path, "value", "schema.type", `must be ${article(String(p["type"]))} (got ${describe(e.data)})`);
    case "enum":
      return finding(
        path,
        "value",
        "schema.enum",
        `${JSON.stringify(e.data)} is not one of ${(p["allowedValues"] as unknown[]).map(String).join(", ")}`,
      );
    case "const":
      return finding(path, "value", "schema.const", `must be ${JSON.stringify(p["allowedValue"])}`);
    case "pattern":
      return finding(
        path,
        "value",
        "schema.pattern",
        `${JSON.stringify(e.data)} is not in the expected form: ${hintOf(e)}`,
      );
    case "discriminator": {
      if (p["error"] === "mapping") {
        const opts = ((e.parentSchema as { oneOf?: Array<{ $ref?: string }> }).oneOf ?? []).map((b) => b.$ref ?? "");
        const tags = opts.flatMap((r) => (r.startsWith("#") ? tagValues(`${rootId}${r}`, String(p["tag"])) : []));
        return finding(
          [...path, String(p["tag"])],
          "value",
          "schema.enum",
          `${p["tag"]} ${JSON.stringify(p["tagValue"])} is not one of ${tags.join(", ")}`,
        );
      }
      return finding(path, "key", "schema.required", `missing required property "${p["tag"]}"`);
    }
    case "if":
      return undefined;
    default:
      return finding(path, "value", `schema.${e.keyword}`, e.message ?? "is invalid");
  }
}

function hintOf(e: ErrorObject): string {
  const d = (e.parentSchema as { description?: string } | undefined)?.description;
  return d ?? `must match ${String((e.params as { pattern?: string }).pattern)}`;
}

function finding(path: PathSegments, at: Anchor, code: string, message: string): SchemaFinding {
  return { path, at, code, message, severity: "error" };
}

function article(t: string): string {
  const map: Record<string, string> = {
    object: "an object (a mapping)",
    array: "a list",
    string: "a string",
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
    null: "null",
  };
  return t
    .split(",")
    .map((x) => map[x] ?? x)
    .join(" or ");
}

/** Short description of a value's type for messages. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function toSegments(pointer: string, value: unknown): Array<string | number> {
  if (pointer === "") return [];
  const out: Array<string | number> = [];
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = typeof cur === "object" && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(value: unknown, path: PathSegments): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function suggest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const a of allowed) {
    const d = distance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
