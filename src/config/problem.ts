/**
 * A config problem is data: where it is, what rule found it, and what to do about it.
 * Everything that checks declared config (schema validation, Meta rules, cross-file references) produces these.
 */
export type Severity = "error" | "warning";

/** One problem, positioned in a source file. `line` and `column` are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted/bracketed path inside the document, e.g. `components[1].buttons[0].text`. */
  path: string;
  /** Stable rule code, e.g. `template.body.length` or `schema.additionalProperties`. */
  code: string;
  message: string;
  severity: Severity;
}

/** A path inside a plain JS value, as segments: `["components", 1, "text"]`. */
export type PathSegments = ReadonlyArray<string | number>;

/** Renders path segments as `components[1].text`. */
export function formatPath(segments: PathSegments): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

/** Thrown when config cannot be used; carries every problem found, never just the first. */
export class ConfigError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === "error").length;
    super(`${errors} config error(s)`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Renders one problem as `file:line:col path: message [code]` (warnings are tagged). */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const path = p.path === "" ? "" : ` ${p.path}`;
  const tag = p.severity === "warning" ? "warning: " : "";
  return `${where}${path}: ${tag}${p.message} [${p.code}]`;
}
