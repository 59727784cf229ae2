/**
 * Parses one YAML (or JSON) config file into a plain value that remembers where every node came from.
 * Nothing here throws on bad input: every failure becomes a positioned problem.
 */
import { CORE_SCHEMA, load as loadFast } from "js-yaml";
import type { Document } from "yaml";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import { formatPath, type PathSegments, type Problem, type Severity } from "./problem.ts";

/** Largest file accepted; config files are small, and this keeps a hostile input from eating memory. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Deepest nesting accepted; real config is under 15 levels, and deep input can exhaust the stack. */
export const MAX_DEPTH = 64;
/** Aliases one document may expand; bounds "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

/** Whether a position should point at a mapping key or at its value. */
export type Anchor = "key" | "value";

/** A parsed file: its display name, the YAML document (when it parsed) and the plain value. */
export interface SourceFile {
  file: string;
  /** The text; the YAML document is re-parsed from it on demand, so clean files do not keep a syntax tree alive. */
  text: string;
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  value: unknown;
}

/** A 1-based position in a file. */
export interface Position {
  file: string;
  line: number;
  column: number;
  path: string;
}

/** Result of parsing: `source.value` is `undefined` when the file is unusable. */
export interface ParsedSource {
  source: SourceFile;
  problems: Problem[];
}

/** Builds a problem at a path of a source file. */
export function problemAt(
  source: SourceFile,
  path: PathSegments,
  code: string,
  message: string,
  severity: Severity = "error",
  at: Anchor = "value",
): Problem {
  const pos = locateIn(source, path, at);
  return { file: pos.file, line: pos.line, column: pos.column, path: pos.path, code, message, severity };
}

/** Position of `path` in a source; a missing path resolves to its nearest existing ancestor. */
export function locateIn(source: SourceFile, path: PathSegments, at: Anchor = "value"): Position {
  const where = { file: source.file, path: formatPath(path) };
  const doc = documentOf(source);
  if (!doc?.contents) return { ...where, line: 1, column: 1 };
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isAlias(node)) node = node.resolve(doc);
    let keyNode: unknown;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      keyNode = pair.key;
      next = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      next = node.items[seg];
      if (next === undefined) break;
    } else break;
    const last = i === path.length - 1;
    const keyStart = rangeStart(keyNode);
    const valueStart = rangeStart(next);
    if (last && at === "key" && keyStart !== undefined) offset = keyStart;
    else offset = valueStart ?? keyStart ?? offset;
    node = next;
  }
  const { line, col } = source.lineCounter.linePos(offset);
  return { ...where, line, column: col };
}

function documentOf(source: SourceFile): Document.Parsed | undefined {
  if (!source.doc && source.text !== "") {
    source.lineCounter = new LineCounter();
    try {
      source.doc = parseDocument(source.text, YAML_OPTIONS(source.lineCounter));
    } catch {
      return undefined;
    }
  }
  return source.doc;
}

const YAML_OPTIONS = (lineCounter: LineCounter) =>
  ({ lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }) as const;

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

/** Parses bytes read from `file` (a display name) into a positioned value. */
export function parseYamlSource(file: string, bytes: Uint8Array): ParsedSource {
  const lineCounter = new LineCounter();
  const source: SourceFile = { file, text: "", doc: undefined, lineCounter, value: undefined };
  const fail = (code: string, message: string, line = 1, column = 1): ParsedSource => ({
    source,
    problems: [{ file, line, column, path: "", code, message, severity: "error" }],
  });
  if (bytes.byteLength > MAX_FILE_BYTES)
    return fail("file.too_large", `file is ${bytes.byteLength} bytes; config files are limited to ${MAX_FILE_BYTES}`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("file.binary", "file is not UTF-8 text; config files must be YAML");
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const { line, col } = positionOf(text, nul);
    return fail("file.binary", "file contains a NUL byte; config files must be YAML text", line, col);
  }
  const fast = parseFast(text);
  if (fast.ok) {
    source.text = text;
    source.value = fast.value;
    return { source, problems: [] };
  }
  const deep = findDeepFlow(text);
  if (deep !== undefined) {
    const { line, col } = positionOf(text, deep);
    return fail("yaml.too_deep", `nesting is deeper than ${MAX_DEPTH} levels`, line, col);
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, YAML_OPTIONS(lineCounter));
  } catch (err) {
    // The parser recurses on nesting; a stack overflow must not take the validator down.
    return fail("yaml.unparsable", `YAML could not be parsed: ${firstLine(err)}`);
  }
  source.doc = doc;
  source.text = text;
  const problems: Problem[] = [];
  for (const [list, severity] of [
    [doc.errors, "error"],
    [doc.warnings, "warning"],
  ] as const) {
    for (const e of list) {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      const code = e.code === "DUPLICATE_KEY" ? "yaml.duplicate_key" : `yaml.${e.code.toLowerCase()}`;
      problems.push({ file, line, column: col, path: "", code, message: yamlMessage(e.message), severity });
    }
  }
  if (doc.errors.length > 0) return { source, problems };
  let complexKey: number | undefined;
  // Only an explicit `? key` or a flow collection before `:` can make a non-scalar key; skip the walk otherwise.
  if (/\?|[\]}]\s*:/.test(text))
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) {
          complexKey = rangeStart(pair.key) ?? 0;
          return visit.BREAK;
        }
        return undefined;
      },
    });
  if (complexKey !== undefined) {
    const { line, col } = lineCounter.linePos(complexKey);
    problems.push({
      file,
      line,
      column: col,
      path: "",
      code: "yaml.complex_key",
      message: "mapping keys must be plain scalars, not lists or mappings",
      severity: "error",
    });
    return { source, problems };
  }
  try {
    source.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    source.value = undefined;
    const code = err instanceof ReferenceError ? "yaml.alias_limit" : "yaml.unparsable";
    const message =
      code === "yaml.alias_limit"
        ? `aliases expand too much (more than ${MAX_ALIAS_COUNT} per alias); write the values out`
        : `YAML could not be converted: ${firstLine(err)}`;
    problems.push({ file, line: 1, column: 1, path: "", code, message, severity: "error" });
    return { source, problems };
  }
  const tooDeep = findDeepPath(source.value);
  if (tooDeep) {
    problems.push(problemAt(source, tooDeep, "yaml.too_deep", `nesting is deeper than ${MAX_DEPTH} levels`));
    source.value = undefined;
  }
  if (problems.length === 0) source.doc = undefined;
  return { source, problems };
}

/**
 * The fast path: js-yaml (YAML 1.2 core schema, ~8× faster than building a positioned document) for plain,
 * well-formed files. Anything unusual (aliases, possible complex keys, any error) returns `ok: false` and goes
 * through the positioned `yaml` parser, which is the reference for every problem and position; a differential
 * property test checks both agree wherever the fast path accepts.
 */
export function parseFast(text: string): { ok: true; value: unknown } | { ok: false } {
  if (COMPLEX_KEY_HINT.test(text) || DIRECTIVE.test(text) || text.includes("\t") || text.includes("\r"))
    return { ok: false };
  let value: unknown;
  try {
    value = loadFast(text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: MAX_DEPTH, json: false });
  } catch {
    return { ok: false };
  }
  // Only a mapping at the root is a usable config file; everything else takes the path that explains why.
  const mapping = typeof value === "object" && value !== null && !Array.isArray(value);
  return mapping && !differsFromYaml(value) ? { ok: true, value } : { ok: false };
}

/** Values where js-yaml and yaml are known to disagree: null/empty keys, number-like strings (`1e999`). */
function differsFromYaml(value: unknown): boolean {
  if (typeof value === "string") return NUMBER_LIKE.test(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(differsFromYaml);
  for (const [k, v] of Object.entries(value))
    if (k === "null" || NUMBER_LIKE.test(k) || differsFromYaml(v)) return true;
  return false;
}

const NUMBER_LIKE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Directives, document markers, tags, anchors and a BOM: legal but rare, and where the two parsers differ in edge cases. */
const DIRECTIVE = /^%|---|\.\.\.|\uFEFF|(^|[\s[{,:])[!&*]/m;

/** An explicit `? key` or a flow collection used as a key. */
const COMPLEX_KEY_HINT = /(^|[\s[{,])\?(\s|$)|[\]}]\s*:(\s|$)/m;

function yamlMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, "").trim();
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0] ?? msg;
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** Offset where flow brackets nest deeper than MAX_DEPTH (quotes and comments skipped roughly). */
function findDeepFlow(text: string): number | undefined {
  let depth = 0;
  let quote = "";
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (comment) {
      if (c === "\n") comment = false;
      continue;
    }
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = text[i - 1];
      if (prev === undefined || " \t\n[{,:-".includes(prev)) quote = c;
    } else if (c === "#" && (i === 0 || " \t\n".includes(text[i - 1] ?? ""))) comment = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth > MAX_DEPTH) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return undefined;
}

function findDeepPath(value: unknown, depth = 0): Array<string | number> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (depth >= MAX_DEPTH) return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((x, i) => [i, x])
    : Object.entries(value);
  for (const [k, x] of entries) {
    const deeper = findDeepPath(x, depth + 1);
    if (deeper) return [k, ...deeper];
  }
  return undefined;
}
