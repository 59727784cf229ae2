/**
 * The rule engine: a rule is a named, documented check with a stable code and a fixed severity.
 * Rules are grouped in tables per subject; running a table over a subject yields findings.
 */
import type { PathSegments, Severity } from "../problem.ts";

/** One rule violation; `path` is relative to the object passed to the check. */
export interface Finding {
  path: PathSegments;
  code: string;
  message: string;
  severity: Severity;
  /** For set-level checks: which definition of the list the finding belongs to. */
  index?: number;
}

/** What `listRules()` tells about a rule. */
export interface RuleInfo {
  code: string;
  severity: Severity;
  /** Section and source key(s) in whatsapp-rules.md, e.g. `§1.4 URL · M-TC`. */
  source: string;
  description: string;
}

/** Called by a rule once per violation. */
export type Report = (path: PathSegments, message: string) => void;

/** A rule over a subject of type `S`. */
export interface Rule<S> extends RuleInfo {
  check: (subject: S, report: Report) => void;
}

/** Runs every rule of a table over one subject and collects the findings. */
export function runRules<S>(rules: readonly Rule<S>[], subject: S, out: Finding[] = []): Finding[] {
  for (const rule of rules) {
    const report: Report = (path, message) => {
      out.push({ path, code: rule.code, message, severity: rule.severity });
    };
    rule.check(subject, report);
  }
  return out;
}

/** Strips a rule down to its public description. */
export function toRuleInfo(rule: RuleInfo): RuleInfo {
  return { code: rule.code, severity: rule.severity, source: rule.source, description: rule.description };
}
