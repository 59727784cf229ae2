/** One EUM operation: its HTTP binding, input constraints and handler. */
import type { Engine } from "./engine.ts";
import { invalidParameters } from "./errors.ts";
import type { Input, Spec } from "./shape.ts";

/** An operation definition served by the HTTP front. */
export interface Operation {
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** Members bound to the query string: wire key → member name (GET/DELETE bind every member there). */
  query?: Record<string, string>;
  spec: Spec;
  /** True when the operation changes durable state (the state file is written after it). */
  mutates?: boolean;
  run(e: Engine, input: Input): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Returns one page of `items` and the token of the next (offset-based, scoped to one listing). */
export function paginate<T>(
  items: T[],
  scope: string,
  nextToken: unknown,
  maxResults: unknown,
  defaultMax = 25,
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (typeof nextToken === "string") {
    try {
      const t = JSON.parse(Buffer.from(nextToken, "base64url").toString("utf8")) as { s?: string; o?: number };
      if (t.s !== scope || typeof t.o !== "number" || t.o < 0) throw new Error("scope");
      offset = t.o;
    } catch {
      throw invalidParameters(`Invalid nextToken: ${nextToken.slice(0, 40)} does not belong to this listing`);
    }
  }
  const size = typeof maxResults === "number" ? maxResults : defaultMax;
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  if (end >= items.length) return { page };
  return { page, nextToken: Buffer.from(JSON.stringify({ s: scope, o: end })).toString("base64url") };
}

/** Copies `value` into `out[key]` unless it is undefined (responses omit unset members). */
export function setIf(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}
