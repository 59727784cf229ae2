import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import type { Problem } from "../../../src/config/problem.ts";
import { validateConfig } from "../../../src/config/validate.ts";
import { parseFast } from "../../../src/config/yaml-source.ts";
import { envFile, MULTI, ORDER_UPDATE, tree } from "./support.ts";

const ESTATE = fileURLToPath(new URL("../../../config/", import.meta.url));
const SEEDS = [
  ORDER_UPDATE,
  MULTI,
  ...["base/profile.yaml", "base/flows/main.yaml", "base/payments/acme-razorpay.yaml", "envs/prod.yaml"].map((f) =>
    readFileSync(join(ESTATE, f), "utf8"),
  ),
  ...readdirSync(join(ESTATE, "base/templates")).map((f) => readFileSync(join(ESTATE, "base/templates", f), "utf8")),
];
const PLACES = [
  "base/templates/t.yaml",
  "base/flows/f.yaml",
  "base/profile.yaml",
  "base/payments/p.yaml",
  "base/event-destinations/e.yaml",
  "envs/dev.yaml",
  "loose.yaml",
];
const TOKENS = [
  "a",
  "b:",
  ": ",
  " ",
  "  ",
  "\n",
  "- ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "&x ",
  "*x",
  "'",
  '"',
  "#",
  "!!str ",
  "<<: ",
  "\t",
  "? ",
  "|\n",
  ">",
  "%YAML 1.2\n",
  "---\n",
  "...\n",
  "name",
  "components",
  "languages",
  "type: BODY",
  "text",
  "{{1}}",
  "\u0000",
  "\uFEFF",
  "é",
  "null",
  "~",
  "0x1F",
  "1e999",
  "-.inf",
];

const codeShape = /^[a-z_]+(\.[A-Za-z0-9_]+)+$/;

function assertTyped(problems: Problem[]): void {
  for (const p of problems) {
    expect(typeof p.file).toBe("string");
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    expect(typeof p.path).toBe("string");
    expect(p.code).toMatch(codeShape);
    expect(p.message.length).toBeGreaterThan(0);
    expect(["error", "warning"]).toContain(p.severity);
  }
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant("dupline" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, muts: Mutation[]): string {
  let s = text;
  for (const m of muts) {
    const at = s.length === 0 ? 0 : m.at % s.length;
    if (m.op === "insert") s = s.slice(0, at) + m.text + s.slice(at);
    else if (m.op === "delete") s = s.slice(0, at) + s.slice(at + m.len);
    else {
      const lines = s.split("\n");
      const i = lines.length === 0 ? 0 : m.at % lines.length;
      if (m.op === "dupline") lines.splice(i, 0, lines[i] ?? "");
      else lines[i] = m.by >= 0 ? " ".repeat(m.by) + (lines[i] ?? "") : (lines[i] ?? "").slice(-m.by);
      s = lines.join("\n");
    }
  }
  return s;
}

const document = fc.oneof(
  // random bytes
  fc.uint8Array({ maxLength: 400 }),
  // token soup
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join("")),
  // mutated real documents
  fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([s, m]) => mutate(s, m)),
  // well-formed YAML with arbitrary types
  fc.anything({ maxDepth: 5 }).map((v) => stringify(v) ?? ""),
  // wrong types in the right keys
  fc
    .record({ name: fc.anything(), language: fc.anything(), category: fc.anything(), components: fc.anything() })
    .map((v) => stringify(v)),
  // deep nesting, flow and block
  fc.integer({ min: 1, max: 3000 }).map((n) => `a: ${"[".repeat(n)}${"]".repeat(n)}\n`),
  fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")),
  // alias bombs
  fc
    .integer({ min: 2, max: 12 })
    .map(
      (n) =>
        `a0: &a0 [x, x, x, x, x, x, x, x]\n${Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(8).fill(`*a${i}`).join(", ")}]`).join("\n")}\n`,
    ),
  // duplicate keys
  fc
    .array(fc.constantFrom("name", "language", "category", "components"), { minLength: 2, maxLength: 8 })
    .map((ks) => ks.map((k) => `${k}: x`).join("\n")),
);

describe("validateConfig on hostile input", () => {
  it("reports keys that are mappings with a toString member instead of throwing (found by this property)", async () => {
    // Counterexample from a CI run: String() throws on { toString: false }, which YAML produces.
    const root = tree({
      "base/templates/t.yaml": "name:\n  toString: false\nlanguage: 0\ncategory: 0\ncomponents: []\n",
      "base/flows/f.yaml": "send:\n  name: { toString: 1 }\n",
    });

    const { problems } = await validateConfig(root, {});

    assertTyped(problems);
    expect(problems.some((p) => p.file.endsWith("t.yaml") && p.severity === "error")).toBe(true);
  });

  it("returns only typed, positioned problems, never throws, in bounded time", async () => {
    // Every place exists up front (an empty document is one of the inputs); each run rewrites one of them.
    const root = tree({ "envs/dev.yaml": envFile("dev"), ...Object.fromEntries(PLACES.map((p) => [p, ""])) });
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(document, fc.constantFrom(...PLACES), fc.boolean(), async (doc, place, withEnv) => {
        const file = join(root, place);
        writeFileSync(file, doc);
        const started = performance.now();
        try {
          const { problems } = await validateConfig(root, withEnv ? { env: "dev" } : {});
          assertTyped(problems);
        } finally {
          slowest = Math.max(slowest, performance.now() - started);
          writeFileSync(file, place === "envs/dev.yaml" ? envFile("dev") : "");
        }
      }),
      { numRuns: 3000 },
    );
    // A hang guard, not a benchmark: one small document must never take seconds.
    expect(slowest).toBeLessThan(3000);
  }, 180_000);
});

describe("the js-yaml fast path", () => {
  it("accepts only what the positioned yaml parser accepts, with the same value", () => {
    const text = document.map((d) => (typeof d === "string" ? d : Buffer.from(d).toString("utf8")));
    fc.assert(
      fc.property(text, (t) => {
        const fast = parseFast(t);
        if (!fast.ok) return;
        const doc = parseDocument(t, { prettyErrors: false, uniqueKeys: true, strict: true });
        expect(doc.errors.map((e) => e.message)).toEqual([]);
        expect(fast.value).toEqual(doc.toJS({ maxAliasCount: 100 }));
      }),
      { numRuns: 10000 },
    );
  });
});
