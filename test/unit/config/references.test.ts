import { describe, expect, it } from "vitest";
import { templateParams } from "../../../src/config/references.ts";
import { validateConfig } from "../../../src/config/validate.ts";
import { envFile, tree } from "./support.ts";

const NAMED = `name: order_ready
language: en_US
category: UTILITY
parameter_format: NAMED
components:
  - type: BODY
    text: "Hi {{first_name}}, your order {{order_id}} is packed and ready for pickup at our store today."
    example:
      body_text_named_params:
        - { param_name: first_name, example: Ana }
        - { param_name: order_id, example: AR-1 }
`;

async function refProblems(files: Record<string, string>, env?: string): Promise<string[]> {
  const root = tree(files);
  const { problems } = await validateConfig(root, { env });
  return problems.map((p) => `${p.file.slice(root.length + 1)}:${p.line} ${p.path} ${p.code} ${p.severity}`);
}

describe("reference checks", () => {
  it("checks send_template params against the template's parameters", async () => {
    const got = await refProblems({
      "base/templates/order_ready.yaml": NAMED,
      "base/flows/main.yaml": `welcome:
  message: { type: template, name: order_ready, language: en_US, params: { first_name: Ana, extra: x } }
`,
    });
    expect(got).toEqual([
      "base/flows/main.yaml:2 welcome.message.params ref.template.params error",
      "base/flows/main.yaml:2 welcome.message.params.extra ref.template.params warning",
    ]);
  });

  it("accepts a template welcome with every parameter", async () => {
    const got = await refProblems({
      "base/templates/order_ready.yaml": NAMED,
      "base/flows/main.yaml":
        "welcome:\n  message: { type: template, name: order_ready, language: en_US, params: { first_name: A, order_id: B } }\n",
    });
    expect(got).toEqual([]);
  });

  it("does not resolve a template the environment leaves out", async () => {
    const got = await refProblems(
      {
        "base/templates/order_ready.yaml": NAMED,
        "base/flows/main.yaml": "fallback: { action: send_template, name: order_ready, language: en_US }\n",
        "envs/dev.yaml": envFile("dev", "templates: { exclude: [order_*] }\n"),
      },
      "dev",
    );
    expect(got).toEqual(["base/flows/main.yaml:1 fallback.name ref.template.unknown error"]);
  });

  it("requires a menu for show_menu and a route for each command", async () => {
    const got = await refProblems({
      "base/flows/main.yaml":
        "routes:\n  again: { action: show_menu }\nctwa_welcome_sequences:\n  '123': { name: ad, text: Hi, route: nowhere }\n",
    });
    expect(got).toEqual([
      "base/flows/main.yaml:2 routes.again ref.route.unused warning",
      "base/flows/main.yaml:2 routes.again.action ref.menu.missing error",
      "base/flows/main.yaml:4 ctwa_welcome_sequences.123.route ref.route.missing error",
    ]);
  });

  it("gives each phone number one profile", async () => {
    const got = await refProblems({
      "base/profiles/india.yaml": "about: Acme India\n",
      "base/profiles/mexico.yaml": "about: Acme México\n",
    });
    expect(got).toEqual(["base/profiles/mexico.yaml:1  ref.profile.overlap error"]);
  });

  it("reports duplicate name + language across files through the rules engine", async () => {
    const got = await refProblems({ "base/templates/a.yaml": NAMED, "base/templates/b.yaml": NAMED });
    expect(got.some((g) => g.startsWith("base/templates/b.yaml:") && g.endsWith("error"))).toBe(true);
  });
});

describe("templateParams", () => {
  it("collects positional and named parameters of header and body", () => {
    expect(
      templateParams({
        components: [
          { type: "HEADER", format: "TEXT", text: "Hi {{1}}" },
          { type: "body", text: "{{ 2 }} and {{order_id}}" },
          { type: "FOOTER", text: "{{9}}" },
        ],
      }),
    ).toEqual(["1", "2", "order_id"]);
  });
});
