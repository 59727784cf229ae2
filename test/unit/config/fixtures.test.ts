import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../src/config/validate.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/config/", import.meta.url));

function filesUnder(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Reads `# expect: LINE PATH CODE` and `# env: NAME` comments from every YAML file of a case. */
function expectations(caseDir: string): { env: string | undefined; expected: string[] } {
  let env: string | undefined;
  const expected: string[] = [];
  for (const file of filesUnder(caseDir).filter((f) => /\.ya?ml$/.test(f))) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const e = /^# expect: (\d+) (\S+) (\S+)$/.exec(line);
      if (e) expected.push(`${relative(caseDir, file)}:${e[1]} ${e[2] === "-" ? "" : e[2]} [${e[3]}]`);
      const n = /^# env: (\S+)$/.exec(line);
      if (n) env = n[1];
    }
  }
  return { env, expected: expected.sort() };
}

const cases = (group: string) => readdirSync(join(FIXTURES, group)).sort();

describe("config fixtures", () => {
  // Valid trees: a lone template file, Meta's JSON pasted as-is, the minimal base/ + envs/ layout.
  it.each(cases("valid"))("accepts valid/%s", async (name) => {
    const dir = join(FIXTURES, "valid", name);
    const { problems } = await validateConfig(dir, {});
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("accepts valid/layout-min with its dev overlay and selects by glob", async () => {
    const { model, problems } = await validateConfig(join(FIXTURES, "valid", "layout-min"), { env: "dev" });
    expect(problems).toEqual([]);
    expect(model.templates.map((t) => t.key)).toEqual(["hello:en_US", "hello:es_MX"]);
  });

  // Invalid trees: each YAML file states the errors it must produce (line, path, code) and nothing else.
  it.each(cases("invalid"))("reports exactly the expected errors for invalid/%s", async (name) => {
    const dir = join(FIXTURES, "invalid", name);
    const { env, expected } = expectations(dir);
    expect(expected.length).toBeGreaterThan(0);
    const { problems } = await validateConfig(dir, { env });
    const got = problems.map((p) => `${relative(dir, p.file)}:${p.line} ${p.path} [${p.code}]`).sort();
    expect(got).toEqual(expected);
  });
});

describe("the example estate in config/", () => {
  const root = fileURLToPath(new URL("../../../config", import.meta.url));

  it.each([undefined, "local", "dev", "staging", "prod"])("validates clean with env %s", async (env) => {
    const { problems, model } = await validateConfig(root, { env });
    expect(problems).toEqual([]);
    expect(model.templates.length).toBeGreaterThanOrEqual(15);
  });

  it("covers en_US, es_MX, pt_BR and hi and every category", async () => {
    const { model } = await validateConfig(root, { env: "prod" });
    const langs = new Set(model.templates.map((t) => t.value.language));
    const cats = new Set(model.templates.map((t) => String(t.value.category).toUpperCase()));
    expect([...langs].sort()).toEqual(["en_US", "es_MX", "hi", "pt_BR"]);
    expect([...cats].sort()).toEqual(["AUTHENTICATION", "MARKETING", "UTILITY"]);
  });

  it("names its schema on line 1 of every YAML file", () => {
    for (const file of filesUnder(root).filter((f) => f.endsWith(".yaml"))) {
      const first = readFileSync(file, "utf8").split("\n")[0] ?? "";
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, file).not.toBeNull();
      expect(statSync(join(file, "..", m![1]!)).isFile(), file).toBe(true);
    }
  });
});
