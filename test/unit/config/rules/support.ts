/** Table-driven rule fixtures: a clean base per subject, and per rule code a failing (and optional passing) variant. */
import { readFileSync } from "node:fs";
import type { Finding } from "../../../../src/config/rules/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: fixtures mutate arbitrary JSON documents
export type Doc = any;

/** One rule code's fixtures. */
export interface RuleCase {
  code: string;
  /** The edge case, in a few words. */
  note: string;
  /** Must produce a finding with `code`. */
  fail: unknown;
  /** Must not produce a finding with `code` (defaults to the group's first base). */
  pass?: unknown;
}

/** A group of cases sharing one check function. */
export interface CaseGroup {
  name: string;
  check: (subject: Doc) => Finding[];
  /** Documents that must come out completely clean (no errors, no warnings). */
  bases: unknown[];
  cases: RuleCase[];
}

/** Deep-copies `base` and applies `change` to the copy. */
export function mut<T>(base: T, change: (d: Doc) => void): T {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

/** Reads a JSON fixture under test/fixtures/rules/. */
export function fixture(path: string): Doc {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/rules/${path}`, import.meta.url), "utf8"));
}

/** The codes of a list of findings. */
export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}
