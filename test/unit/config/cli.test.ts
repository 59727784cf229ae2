import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { envFile, ORDER_UPDATE, tree } from "./support.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/config");

/** Runs `bin/waba.js` in a real Node 24 subprocess (the one running vitest). */
function waba(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/waba.js"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("waba validate", () => {
  it("exits 0 on the example estate with --env prod", () => {
    const r = waba("validate", "config", "--env", "prod");
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
    expect(r.code).toBe(0);
  });

  it("defaults PATH to config", () => {
    expect(waba("validate").code).toBe(0);
  });

  it("exits 0 with warnings only", () => {
    const root = tree({
      "base/flows/main.yaml": "routes:\n  spare: { action: reply_text, text: hi }\n",
    });
    const r = waba("validate", root);
    expect(r.stdout).toContain("[ref.route.unused]");
    expect(r.code).toBe(0);
  });

  it("exits 1 with the line and path of each error", () => {
    const r = waba("validate", join(FIXTURES, "invalid/template-rule"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("invalid/template-rule/t.yaml:8:11 components[1].text: footer text");
    expect(r.stdout).toContain("[template.footer.length]");
  });

  it("prints GitHub annotations and JSON", () => {
    const dir = join(FIXTURES, "invalid/template-unknown-key");
    const gh = waba("validate", dir, "--format", "github");
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(
      /^::error file=.*t\.yaml,line=6,col=5,title=schema\.additionalProperties::components\[0\]\.txt: /,
    );
    const js = waba("validate", dir, "--format", "json");
    expect(js.code).toBe(1);
    expect(JSON.parse(js.stdout)).toMatchObject([{ line: 6, column: 5, code: "schema.additionalProperties" }]);
  });

  it.each([
    [["validate", "config", "--env", "qa"], /unknown environment "qa" \(in config\/envs: dev, local, prod, staging\)/],
    [["validate", "no/such/dir"], /path "no\/such\/dir" does not exist/],
    [["validate", "config", "--format", "xml"], /--format must be one of text, json, github/],
    [["validate", "--bogus"], /unknown option '--bogus'/],
  ])("exits 2 on usage error %j", (args, message) => {
    const r = waba(...args);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it("exits 2 for --env on a single file", () => {
    const root = tree({ "t.yaml": ORDER_UPDATE, "envs/dev.yaml": envFile("dev") });
    expect(waba("validate", join(root, "t.yaml"), "--env", "dev").code).toBe(2);
  });

  it("has --help", () => {
    const r = waba("validate", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: waba validate [options] [path]");
    expect(r.stdout).toContain("--format <format>");
  });
});
