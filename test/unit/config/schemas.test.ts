import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateSchema } from "../../../src/config/schemas.ts";

const dir = new URL("../../../schemas/", import.meta.url);
// message-template.schema.json is covered by test/unit/config/rules/schema.test.ts.
const OWN = readdirSync(dir).filter((f) => f.endsWith(".schema.json") && f !== "message-template.schema.json");

type Node = Record<string, unknown>;
function walk(node: unknown, where: string, visit: (n: Node, where: string) => void): void {
  if (typeof node !== "object" || node === null) return;
  if (!Array.isArray(node)) visit(node as Node, where);
  for (const [k, v] of Object.entries(node)) walk(v, `${where}/${k}`, visit);
}

describe.each(OWN)("%s", (file) => {
  const schema = JSON.parse(readFileSync(new URL(file, dir), "utf8"));

  it("is draft-07 with $id and title", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.$id).toBe(`https://waba-config.dev/schemas/${file}`);
    expect(schema.title).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it("describes every property and closes every object", () => {
    const bad: string[] = [];
    walk(schema, "#", (n, where) => {
      for (const [k, v] of Object.entries((n["properties"] as Node | undefined) ?? {}))
        if (!(v as Node)["description"] && !(v as Node)["$ref"]) bad.push(`${where}.${k}: no description`);
      if (n["type"] === "object" && n["properties"] && n["additionalProperties"] !== false)
        bad.push(`${where}: additionalProperties is not false`);
    });
    expect(bad).toEqual([]);
  });
});

describe("validateSchema", () => {
  it("names the allowed values of a discriminated union", () => {
    expect(validateSchema("conversation-flow", { routes: { a: { action: "jump" } } })).toEqual([
      {
        path: ["routes", "a", "action"],
        at: "value",
        code: "schema.enum",
        message: 'action "jump" is not one of reply_text, send_template, send_flow, show_menu, handoff',
        severity: "error",
      },
    ]);
  });

  it("reports only the selected branch of a template component", () => {
    const f = validateSchema(
      "message-template",
      { name: "a", language: "en_US", category: "UTILITY", components: [{ type: "FOOTER", text: 5 }] },
      "MessageTemplateDefinition",
    );
    expect(f.map((x) => `${x.path.join(".")} ${x.code}`)).toEqual(["components.0.text schema.type"]);
  });
});
