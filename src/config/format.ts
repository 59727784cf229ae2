/** Renders problems for people (text), machines (json) and GitHub Actions annotations (github). */
import { formatProblem, type Problem } from "./problem.ts";

/** Output formats of `waba validate`. */
export const FORMATS = ["text", "json", "github"] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

/** Renders a list of problems in a format; text and github end with a newline when non-empty. */
export function formatProblems(problems: readonly Problem[], format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(problems, null, 2)}\n`;
    case "github":
      return problems.map((p) => `${githubAnnotation(p)}\n`).join("");
    default:
      return problems.map((p) => `${formatProblem(p)}\n`).join("");
  }
}

/** One GitHub Actions workflow command: `::error file=…,line=…,col=…,title=<code>::<path>: <message>`. */
export function githubAnnotation(p: Problem): string {
  const level = p.severity === "warning" ? "warning" : "error";
  const props = `file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.code)}`;
  const text = p.path === "" ? p.message : `${p.path}: ${p.message}`;
  return `::${level} ${props}::${escapeData(text)}`;
}

// GitHub's workflow-command escaping (actions/toolkit `command.ts`).
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One summary line: counts of errors and warnings. */
export function summarize(problems: readonly Problem[], files: number): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${plural(files, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
