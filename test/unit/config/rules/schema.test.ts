import { readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { templateGroup, utility } from "./cases/template-cases.ts";
import { type Doc, fixture, mut } from "./support.ts";

const schema = JSON.parse(
  readFileSync(new URL("../../../../schemas/message-template.schema.json", import.meta.url), "utf8"),
);
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function errors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("message-template.schema.json", () => {
  it("is draft-07 with an $id and titled definitions", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.$id).toMatch(/message-template\.schema\.json$/);
    expect(schema.title).toBe("MessageTemplateFile");
    expect(schema.definitions.MessageTemplateDefinition.title).toBe("MessageTemplateDefinition");
  });

  it("describes every property", () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (typeof node !== "object" || node === null) return;
      const props = (node as Doc).properties;
      if (props)
        for (const [k, v] of Object.entries(props))
          if (!(v as Doc).description && !(v as Doc).$ref) missing.push(`${where}.${k}`);
      for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
    };
    walk(schema, "#");
    expect(missing).toEqual([]);
  });

  it.each(readdirSync(new URL("../../../fixtures/rules/meta-examples/", import.meta.url)))(
    "accepts Meta's example %s as pasted",
    (file) => {
      expect(errors(fixture(`meta-examples/${file}`))).toEqual([]);
    },
  );

  it("accepts every clean fixture template", () => {
    for (const base of templateGroup.bases) expect(errors(base)).toEqual([]);
  });

  it("accepts the multi-language form", () => {
    const multi = {
      name: "order_update",
      category: "UTILITY",
      message_send_ttl_seconds: 3600,
      languages: {
        en_US: { components: utility.components },
        es_MX: {
          components: [{ type: "BODY", text: "Hola {{1}}, tu pedido va en camino." }],
          message_send_ttl_seconds: 600,
        },
      },
    };
    expect(errors(multi)).toEqual([]);
  });

  it.each([
    ["an unknown button field", mut(utility, (d) => (d.components[3].buttons[0].payload = "x"))],
    ["mixed-case component type", mut(utility, (d) => (d.components[1].type = "Body"))],
    ["legacy category", mut(utility, (d) => (d.category = "TRANSACTIONAL"))],
    ["a language map that is empty", { name: "x", category: "UTILITY", languages: {} }],
    ["both language and languages", mut(utility, (d) => (d.languages = {}))],
  ])("rejects %s", (_what, doc) => {
    expect(errors(doc)).not.toEqual([]);
  });
});
