/** A small collector of limit violations, shared by the builders. Counts characters as code points (Meta's safer reading). */
import { type MessageIssue, MessageValidationError } from "./errors.ts";

/** Characters as code points. */
export function chars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Collects issues for one message, then throws them together. */
export class Checker {
  readonly issues: MessageIssue[] = [];
  readonly type: string;
  constructor(type: string) {
    this.type = type;
  }

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Checks a string: present (if required), non-empty, at most `max` characters. Returns whether it is usable. */
  text(path: string, value: unknown, max: number, required = true): value is string {
    if (value === undefined || value === null) {
      if (required) this.fail(path, "is required");
      return false;
    }
    if (typeof value !== "string") {
      this.fail(path, `must be a string, got ${typeof value}`);
      return false;
    }
    if (required && value.trim() === "") {
      this.fail(path, "must not be empty");
      return false;
    }
    const n = chars(value);
    if (n > max) this.fail(path, `"${preview(value)}" is ${n} chars; the limit is ${max}`);
    return true;
  }

  count(path: string, list: readonly unknown[] | undefined, min: number, max: number, what: string): void {
    const n = list?.length ?? 0;
    if (n < min || n > max)
      this.fail(path, min === max ? `needs exactly ${min} ${what}, got ${n}` : `needs ${min}–${max} ${what}, got ${n}`);
  }

  unique(path: string, values: readonly string[], what: string): void {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) this.fail(path, `${what} "${preview(v)}" is not unique`);
      seen.add(v);
    }
  }

  url(path: string, value: unknown, max = 2000): void {
    if (this.text(path, value, max) && !/^https?:\/\/\S+$/.test(value))
      this.fail(path, `"${preview(value)}" must be an http(s) URL`);
  }

  /** Throws `MessageValidationError` if anything was collected. */
  done(): void {
    if (this.issues.length > 0) throw new MessageValidationError(this.type, this.issues);
  }
}

function preview(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** Renders `rules` findings (paths as segment arrays) as issues under `prefix`. */
export function findingsToIssues(
  prefix: string,
  findings: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string; severity: string; code: string }>,
): MessageIssue[] {
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => ({
      path: [prefix, ...f.path].reduce<string>(
        (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc === "" ? seg : `${acc}.${seg}`),
        "",
      ),
      message: `${f.message} [${f.code}]`,
    }));
}
