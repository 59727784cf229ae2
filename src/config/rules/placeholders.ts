/** Finds `{{…}}` placeholders in template text in one linear pass, and the malformed brace groups around them. */

/** A well-formed placeholder `{{1}}` or `{{first_name}}`. */
export interface Placeholder {
  kind: "positional" | "named";
  /** The number (as text) or the name between the braces. */
  key: string;
  start: number;
  end: number;
}

/** A brace group that is not a valid placeholder. */
export interface BadPlaceholder {
  raw: string;
  problem: "braces" | "chars" | "named";
}

/** Result of scanning one text. */
export interface ScannedText {
  params: Placeholder[];
  bad: BadPlaceholder[];
}

const POSITIONAL = /^[0-9]+$/;
const NAMED = /^[a-z_]+$/;
const IDENT = /^[A-Za-z0-9_]+$/;
const OPEN = 123;
const CLOSE = 125;

function classify(text: string, start: number, end: number, open: number, close: number, out: ScannedText): void {
  const raw = text.slice(start, end);
  const inner = raw.slice(open, raw.length - close);
  if (open === 2 && close === 2) {
    if (POSITIONAL.test(inner)) out.params.push({ kind: "positional", key: inner, start, end });
    else if (NAMED.test(inner)) out.params.push({ kind: "named", key: inner, start, end });
    else if (IDENT.test(inner)) out.bad.push({ raw, problem: "named" });
    else out.bad.push({ raw, problem: "chars" });
  } else if (open >= 2 || close >= 2 || IDENT.test(inner)) {
    out.bad.push({ raw, problem: "braces" });
  }
}

/**
 * Scans a text for brace groups `{…}` (a run of `{`, text without braces, a run of `}`) in one linear pass:
 * a hand-written scanner, because a backtracking regex is quadratic on long runs of unclosed braces.
 */
export function scanPlaceholders(text: string): ScannedText {
  const out: ScannedText = { params: [], bad: [] };
  const n = text.length;
  let i = text.indexOf("{");
  let outside = 0;
  let stray = -1;
  const noteStray = (from: number, to: number) => {
    if (stray !== -1) return;
    const seg = text.slice(from, to);
    const a = seg.indexOf("{{");
    const b = seg.indexOf("}}");
    const at = a === -1 ? b : b === -1 ? a : Math.min(a, b);
    if (at !== -1) stray = from + at;
  };
  while (i !== -1 && i < n) {
    const start = i;
    while (i < n && text.charCodeAt(i) === OPEN) i++;
    const open = i - start;
    while (i < n && text.charCodeAt(i) !== OPEN && text.charCodeAt(i) !== CLOSE) i++;
    if (i < n && text.charCodeAt(i) === CLOSE) {
      const closeStart = i;
      while (i < n && text.charCodeAt(i) === CLOSE) i++;
      noteStray(outside, start);
      classify(text, start, i, open, i - closeStart, out);
      outside = i;
      i = text.indexOf("{", i);
    }
  }
  noteStray(outside, n);
  if (stray !== -1) out.bad.push({ raw: text.slice(Math.max(0, stray - 10), stray + 12), problem: "braces" });
  return out;
}
