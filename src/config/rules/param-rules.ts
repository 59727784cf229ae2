/** Meta rules for template parameters `{{…}}` (whatsapp-rules.md §1.3). */
import type { Rule } from "./engine.ts";
import type { Placeholder } from "./placeholders.ts";
import type { TemplateView, TextView } from "./template-view.ts";
import { arr, isNonBlank, isRec, q, rec, str } from "./util.ts";

type R = Rule<TemplateView>;

function textPath(x: TextView) {
  return [...x.comp.path, "text"];
}

function examplePath(x: TextView) {
  return [...x.comp.path, "example"];
}

function distinctKeys(params: readonly Placeholder[], kind: Placeholder["kind"]): string[] {
  const seen: string[] = [];
  for (const p of params) if (p.kind === kind && !seen.includes(p.key)) seen.push(p.key);
  return seen;
}

/** Positional example values of a text (`header_text` or the first row of `body_text`). */
function positionalExamples(x: TextView): readonly unknown[] | undefined {
  const ex = rec(x.comp.raw["example"]);
  const v = x.role === "header" ? ex["header_text"] : arr(ex["body_text"])[0];
  return Array.isArray(v) ? v : undefined;
}

function namedKey(x: TextView): string {
  return x.role === "header" ? "header_text_named_params" : "body_text_named_params";
}

/** Named example entries of a text, by name. */
function namedExamples(x: TextView): Map<string, unknown> | undefined {
  const list = rec(x.comp.raw["example"])[namedKey(x)];
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, unknown>();
  for (const e of list) if (isRec(e) && typeof e["param_name"] === "string") out.set(e["param_name"], e["example"]);
  return out;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

function countWords(text: string, params: readonly Placeholder[]): number {
  let rest = "";
  let last = 0;
  for (const p of params) {
    rest += `${text.slice(last, p.start)} `;
    last = p.end;
  }
  rest += text.slice(last);
  let n = 0;
  for (const w of rest.split(/\s+/)) if (WORDLIKE.test(w)) n++;
  return n;
}

const BAD_VALUE = /[\n\t]| {5}/;

/** Parameter syntax, numbering, examples and placement (§1.3). */
export const paramRules: R[] = [
  {
    code: "template.params.brace",
    severity: "error",
    source: "§1.3 Brace form · M-TR",
    description: "Placeholders are exactly `{{` + token + `}}`; mismatched braces are rejected.",
    check(t, report) {
      for (const x of t.texts)
        for (const b of x.scan.bad)
          if (b.problem === "braces")
            report(textPath(x), `${q(b.raw)} has mismatched braces; write a parameter as {{1}} or {{name}}`);
    },
  },
  {
    code: "template.params.special_chars",
    severity: "error",
    source: "§1.3 Special chars inside placeholder · M-TR",
    description: "No `#`, `$`, `%`, spaces or other special characters inside `{{…}}`.",
    check(t, report) {
      for (const x of t.texts)
        for (const b of x.scan.bad)
          if (b.problem === "chars")
            report(
              textPath(x),
              `placeholder ${q(b.raw)} holds special characters; use only digits ({{1}}) or lowercase letters and underscores ({{first_name}})`,
            );
    },
  },
  {
    code: "template.params.named_syntax",
    severity: "error",
    source: "§1.3 Named syntax · M-TF",
    description: "Named parameters use lowercase letters and underscores only.",
    check(t, report) {
      for (const x of t.texts)
        for (const b of x.scan.bad)
          if (b.problem === "named")
            report(
              textPath(x),
              `named parameter ${q(b.raw)} may use only lowercase letters and underscores; try {{${b.raw
                .slice(2, -2)
                .toLowerCase()
                .replace(/[^a-z_]/g, "_")}}}`,
            );
    },
  },
  {
    code: "template.params.format_mismatch",
    severity: "error",
    source: "§1.1 `parameter_format` one format per template · M-TF",
    description: "Parameters match `parameter_format`: `{{1}}` for POSITIONAL (default), `{{name}}` for NAMED.",
    check(t, report) {
      const fmt = t.parameterFormat;
      if (fmt !== "POSITIONAL" && fmt !== "NAMED") {
        report(["parameter_format"], `parameter_format ${q(t.raw["parameter_format"])} must be POSITIONAL or NAMED`);
        return;
      }
      for (const x of t.texts) {
        const wrong = x.scan.params.find((p) => (fmt === "NAMED") !== (p.kind === "named"));
        if (!wrong) continue;
        const raw = x.text.slice(wrong.start, wrong.end);
        report(
          textPath(x),
          fmt === "NAMED"
            ? `${raw} is positional but parameter_format is NAMED; use {{name}} parameters or set parameter_format: POSITIONAL`
            : `${raw} is a named parameter; set parameter_format: NAMED or use {{1}}, {{2}}, …`,
        );
      }
    },
  },
  {
    code: "template.params.sequence",
    severity: "error",
    source: "§1.3 Positional syntax (from 1, no gaps) · M-TF, M-TR",
    description: "Positional parameters of a text are numbered 1…n without gaps or leading zeros.",
    check(t, report) {
      for (const x of t.texts) {
        const keys = distinctKeys(x.scan.params, "positional");
        if (keys.length === 0) continue;
        const nums = keys.map(Number).sort((a, b) => a - b);
        const canonical = keys.every((k) => String(Number(k)) === k);
        if (!canonical || nums.some((n, i) => n !== i + 1))
          report(
            textPath(x),
            `parameters ${keys.map((k) => `{{${k}}}`).join(", ")} must be numbered {{1}} to {{${keys.length}}} without gaps`,
          );
      }
    },
  },
  {
    code: "template.params.order",
    severity: "error",
    source: "§1.3 Positional syntax (in order) · M-TF, M-TR",
    description: "Positional parameters first appear in ascending order ({{1}} before {{2}}).",
    check(t, report) {
      for (const x of t.texts) {
        const keys = distinctKeys(x.scan.params, "positional").map(Number);
        if (keys.some((n, i) => i > 0 && n < keys[i - 1]!))
          report(
            textPath(x),
            `parameters appear as ${keys.map((k) => `{{${k}}}`).join(", ")}; number them in order of appearance`,
          );
      }
    },
  },
  {
    code: "template.params.example_required",
    severity: "error",
    source: "§1.3 Examples mandatory · M-TF, M-TC",
    description: "Every parameter has a non-empty example value.",
    check(t, report) {
      for (const x of t.texts) {
        const positional = distinctKeys(x.scan.params, "positional");
        const named = distinctKeys(x.scan.params, "named");
        if (positional.length > 0) {
          const ex = positionalExamples(x);
          const key = x.role === "header" ? "example.header_text" : "example.body_text";
          if (ex === undefined || ex.length === 0)
            report(
              examplePath(x),
              `${positional.length} parameter(s) but no ${key}; add ${key}: ${x.role === "header" ? '["…"]' : '[["…", …]]'} with one value per parameter`,
            );
          else if (ex.some((v) => !isNonBlank(v)))
            report(examplePath(x), `${key} has an empty value; give every parameter a realistic example`);
        }
        if (named.length > 0) {
          const ex = namedExamples(x);
          const missing = named.filter((n) => ex === undefined || !isNonBlank(ex.get(n)));
          if (missing.length > 0)
            report(
              examplePath(x),
              `no example for ${missing.map((n) => `{{${n}}}`).join(", ")}; add example.${namedKey(x)}: [{param_name, example}]`,
            );
        }
      }
    },
  },
  {
    code: "template.params.example_count",
    severity: "error",
    source: "§1.3 Examples matching count · M-TF, M-TC",
    description: "Example values match the parameters: one per positional parameter, one per name, no extras.",
    check(t, report) {
      for (const x of t.texts) {
        const positional = distinctKeys(x.scan.params, "positional");
        const ex = positionalExamples(x);
        if (positional.length > 0 && ex !== undefined && ex.length > 0 && ex.length !== positional.length)
          report(
            examplePath(x),
            `${ex.length} example value(s) for ${positional.length} parameter(s); give exactly one per parameter`,
          );
        const named = distinctKeys(x.scan.params, "named");
        const nex = namedExamples(x);
        if (nex !== undefined)
          for (const name of nex.keys())
            if (!named.includes(name))
              report(
                examplePath(x),
                `example for ${q(name)} matches no {{${name}}} in the text; remove it or fix the name`,
              );
      }
    },
  },
  {
    code: "template.params.dangling",
    severity: "error",
    source: "§1.3 Placement (no leading/trailing parameter) · M-TR, M-ERR 2388299",
    description: "Body text does not start or end with a parameter.",
    check(t, report) {
      for (const x of t.texts) {
        if (x.role !== "body" || x.scan.params.length === 0) continue;
        const head = x.text.length - x.text.trimStart().length;
        const tail = x.text.trimEnd().length;
        const firstP = x.scan.params[0]!;
        const lastP = x.scan.params[x.scan.params.length - 1]!;
        if (firstP.start === head)
          report(textPath(x), `body starts with ${x.text.slice(firstP.start, firstP.end)}; put words before it`);
        if (lastP.end === tail)
          report(
            textPath(x),
            `body ends with ${x.text.slice(lastP.start, lastP.end)}; put words or punctuation after it`,
          );
      }
    },
  },
  {
    code: "template.params.adjacent",
    severity: "error",
    source: "§1.3 Adjacent parameters · M-WH-TSU",
    description: "Two parameters are separated by text or punctuation (`{{1}}{{2}}` is rejected).",
    check(t, report) {
      for (const x of t.texts)
        for (let i = 1; i < x.scan.params.length; i++) {
          const a = x.scan.params[i - 1]!;
          const b = x.scan.params[i]!;
          if (a.end === b.start)
            report(textPath(x), `${x.text.slice(a.start, b.end)} are adjacent; put words between parameters`);
        }
    },
  },
  {
    code: "template.params.adjacent_space",
    severity: "warning",
    source: "§1.3 Adjacent parameters (bare space) · Maqsam",
    description: "Two parameters separated only by whitespace may be rejected as adjacent.",
    check(t, report) {
      for (const x of t.texts)
        for (let i = 1; i < x.scan.params.length; i++) {
          const a = x.scan.params[i - 1]!;
          const b = x.scan.params[i]!;
          if (a.end < b.start && x.text.slice(a.end, b.start).trim() === "")
            report(
              textPath(x),
              `${q(x.text.slice(a.start, b.end))} separates parameters by a space only; put at least one word between them`,
            );
        }
    },
  },
  {
    code: "template.params.density",
    severity: "warning",
    source: "§1.3 Density heuristic · Syniverse, Mercuri, Maqsam (heuristic); M-ERR 2388293",
    description: "Body has at least 2 × P + 1 words outside its P parameters.",
    check(t, report) {
      for (const x of t.texts) {
        if (x.role !== "body" || x.scan.params.length === 0) continue;
        const p = x.scan.params.length;
        const words = countWords(x.text, x.scan.params);
        if (words < 2 * p + 1)
          report(
            textPath(x),
            `body has ${p} parameter(s) but only ${words} other word(s); Meta rejects templates with too many parameters for their length — write at least ${2 * p + 1} words`,
          );
      }
    },
  },
  {
    code: "template.params.count",
    severity: "warning",
    source: "§1.3 Max parameters (unconfirmed) · Maqsam, MyOperator",
    description: "Body has at most 25 distinct parameters (BSP figures differ: 25 in body, 100 per template).",
    check(t, report) {
      for (const x of t.texts) {
        if (x.role !== "body") continue;
        const n = distinctKeys(x.scan.params, "positional").length + distinctKeys(x.scan.params, "named").length;
        if (n > 25)
          report(textPath(x), `body has ${n} parameters; BSPs report 25 as the body limit — split the message`);
      }
    },
  },
  {
    code: "template.params.example_value",
    severity: "warning",
    source: "§1.3 Send-time value · netflie #201, open-chat-studio #4277",
    description: "Example values contain no newline, tab or more than 4 consecutive spaces (such values fail at send).",
    check(t, report) {
      for (const x of t.texts) {
        const values: unknown[] = [...(positionalExamples(x) ?? []), ...(namedExamples(x)?.values() ?? [])];
        for (const v of values)
          if (typeof v === "string" && BAD_VALUE.test(v))
            report(
              examplePath(x),
              `example value ${q(v)} has a newline, tab or 5+ spaces; parameter values like that are rejected at send`,
            );
      }
    },
  },
];

/** Exposed for the URL button rules: the static part and variable of a URL. */
export function splitUrlVariable(url: string): { prefix: string; vars: string[]; suffixOnly: boolean } {
  const vars: string[] = [];
  for (const m of url.matchAll(/\{\{([^{}]*)\}\}/g)) vars.push(m[1] ?? "");
  const i = url.indexOf("{{");
  const prefix = i === -1 ? url : url.slice(0, i);
  const suffixOnly = vars.length === 1 && /\{\{[^{}]*\}\}$/.test(url);
  return { prefix, vars, suffixOnly };
}

/** Reads a button `example` given as a string or a one-element array. */
export function exampleString(x: unknown): string | undefined {
  return str(x) ?? str(arr(x)[0]);
}
