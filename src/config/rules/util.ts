/** Small, allocation-light helpers shared by the rule tables. Inputs are untrusted (rules also run on schema-invalid documents). */

/** A plain object as read from YAML/JSON. */
export type Rec = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRec(x: unknown): x is Rec {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The value as a record, or an empty one. */
export function rec(x: unknown): Rec {
  return isRec(x) ? x : EMPTY;
}
const EMPTY: Rec = Object.freeze({}) as Rec;

/** The value as an array, or an empty one. */
export function arr(x: unknown): readonly unknown[] {
  return Array.isArray(x) ? x : NONE;
}
const NONE: readonly unknown[] = Object.freeze([]);

/** The value if it is a string, else undefined. */
export function str(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

/** Upper-cased string value, or "" (Meta accepts `type`/`format`/`category` in either case). */
export function upper(x: unknown): string {
  return typeof x === "string" ? x.toUpperCase() : "";
}

/** True for a string with at least one non-space character. */
export function isNonBlank(x: unknown): x is string {
  return typeof x === "string" && x.trim() !== "";
}

/** Length in Unicode code points (how this project counts Meta's "characters"). */
export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Quotes a value for a message, shortening long text; never throws (cyclic values from YAML aliases included). */
export function q(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? "[…]" : "{…}";
    }
    if (text.length > 60) text = `${text.slice(0, 57)}…`;
    return text;
  }
  const short = cpLength(text) > 60 ? `${Array.from(text).slice(0, 57).join("")}…` : text;
  return JSON.stringify(short);
}

/** `<what> "<value>" is N chars; the limit is M` when too long, else undefined. */
export function tooLong(what: string, value: unknown, limit: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const n = cpLength(value);
  return n > limit ? `${what} ${q(value)} is ${n} chars; the limit is ${limit}` : undefined;
}

const EMOJI = /\p{Extended_Pictographic}/u;
/** True when the text holds an emoji (pictographic code point). */
export function hasEmoji(s: string): boolean {
  return EMOJI.test(s);
}

/** True for an integer number. */
export function isInt(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x);
}

/** Counts `\n` in a string. */
export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
