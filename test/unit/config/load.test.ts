import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.ts";
import { validateConfig } from "../../../src/config/validate.ts";
import { envFile, MULTI, ORDER_UPDATE, tree } from "./support.ts";

describe("loadConfig", () => {
  it("points additionalProperties at the key and required at the parent key", async () => {
    // Prepare
    const root = tree({
      "base/flows/main.yaml": "welcome:\n  silence_hours: 2\nroutes:\n  a:\n    action: reply_text\n    txet: hi\n",
    });
    // Act
    const { problems } = await loadConfig(root);
    // Assess
    const got = problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.code}`);
    expect(got).toEqual([
      "1:1 welcome schema.required",
      "4:3 routes.a schema.required",
      "6:5 routes.a.txet schema.additionalProperties",
    ]);
    expect(problems[2]!.message).toBe('unknown property "txet"; did you mean "text"?');
  });

  it("expands a multi-language file into one definition per language", async () => {
    const root = tree({ "base/templates/order_update.yaml": MULTI });
    const { model, problems } = await loadConfig(root);
    expect(problems).toEqual([]);
    expect(model.templates.map((t) => [t.key, t.value.language, t.value.message_send_ttl_seconds])).toEqual([
      ["order_update:en_US", "en_US", undefined],
      ["order_update:es_MX", "es_MX", 600],
    ]);
  });

  it("maps expanded paths back into the languages block of the file", async () => {
    const root = tree({ "base/templates/order_update.yaml": MULTI });
    const { model } = await loadConfig(root);
    const es = model.templates[1]!;
    expect(es.locate(["components", 0, "text"])).toMatchObject({
      line: 13,
      column: 15,
      path: "languages.es_MX.components[0].text",
    });
    expect(es.locate(["language"])).toMatchObject({ line: 9, column: 3, path: "languages.es_MX" });
    expect(es.locate(["message_send_ttl_seconds"])).toMatchObject({ line: 10, column: 31 });
    expect(es.locate(["category"])).toMatchObject({ line: 2, column: 11, path: "category" });
  });

  it("accepts a single template file as the whole tree", async () => {
    const root = tree({ "order_update.yaml": ORDER_UPDATE });
    const { model, problems } = await loadConfig(join(root, "order_update.yaml"));
    expect(problems).toEqual([]);
    expect(model.templates.map((t) => t.key)).toEqual(["order_update:en_US"]);
  });

  it("reports a missing path instead of throwing", async () => {
    const { problems } = await loadConfig("/nonexistent/waba-config");
    expect(problems).toMatchObject([{ code: "file.read", line: 1, column: 1, severity: "error" }]);
  });

  it("warns about a tree without config files", async () => {
    const { problems } = await loadConfig(tree({ "README.txt": "nothing here" }));
    expect(problems).toMatchObject([{ code: "config.empty", severity: "warning" }]);
  });

  it("turns binary junk, empty documents and scalars at the root into positioned problems", async () => {
    const root = tree({
      "base/templates/junk.yaml": new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
      "base/templates/nul.yaml": "name: a\u0000b\n",
      "base/templates/empty.yaml": "# nothing\n",
      "base/templates/scalar.yaml": "just text\n",
    });
    const { problems } = await loadConfig(root);
    expect(problems.map((p) => `${p.file.slice(root.length)}:${p.line}:${p.column} ${p.code}`)).toEqual([
      "/base/templates/empty.yaml:1:1 file.root_type",
      "/base/templates/junk.yaml:1:1 file.binary",
      "/base/templates/nul.yaml:1:8 file.binary",
      "/base/templates/scalar.yaml:1:1 file.root_type",
    ]);
  });

  it("keeps schema-invalid declarations for references but marks them invalid", async () => {
    const root = tree({ "base/templates/t.yaml": ORDER_UPDATE.replace("category: UTILITY", "category: PROMO") });
    const { model, problems } = await loadConfig(root);
    expect(problems.map((p) => p.code)).toEqual(["schema.enum"]);
    expect(model.templates.map((t) => t.valid)).toEqual([false]);
  });
});

describe("environment overlay", () => {
  const base = {
    "base/templates/order_update.yaml": MULTI,
    "base/templates/promo_one.yaml": ORDER_UPDATE.replace("order_update", "promo_one"),
    "base/payments/pg.yaml":
      'configuration_name: acme-pg\nprovider_name: razorpay\npurpose_code: "00"\nmerchant_category_code: "5651"\n',
  };

  it("selects templates by include/exclude globs", async () => {
    const root = tree({ ...base, "envs/dev.yaml": envFile("dev", "templates:\n  exclude: [promo_*]\n") });
    const { model } = await loadConfig(root, { env: "dev" });
    expect(model.templates.map((t) => t.key)).toEqual(["order_update:en_US", "order_update:es_MX"]);
    const all = await loadConfig(root);
    expect(all.model.templates).toHaveLength(3);
  });

  it("deep-merges overrides, replaces arrays and deletes with null", async () => {
    const root = tree({
      ...base,
      "envs/dev.yaml": envFile(
        "dev",
        "overrides:\n  templates:\n    order_update:\n      message_send_ttl_seconds: 900\n      languages:\n        es_MX: null\n",
      ),
    });
    const { model, problems } = await loadConfig(root, { env: "dev" });
    expect(problems).toEqual([]);
    expect(model.templates.map((t) => [t.key, t.value.message_send_ttl_seconds])).toEqual([
      ["order_update:en_US", 900],
      ["promo_one:en_US", undefined],
    ]);
    // The overridden value is located in the env file, the rest in the base file.
    const en = model.templates[0]!;
    expect(en.locate(["message_send_ttl_seconds"]).file).toBe(join(root, "envs/dev.yaml"));
    expect(en.locate(["message_send_ttl_seconds"]).line).toBe(7);
    expect(en.locate(["components", 0, "text"]).file).toBe(join(root, "base/templates/order_update.yaml"));
  });

  it("reports rule findings caused by an override in the env file", async () => {
    const root = tree({
      ...base,
      "envs/prod.yaml": envFile(
        "prod",
        "overrides:\n  templates:\n    promo_one:\n      message_send_ttl_seconds: 999999\n",
      ),
    });
    const { problems } = await validateConfig(root, { env: "prod" });
    expect(problems.map((p) => `${p.file.slice(root.length)}:${p.line} ${p.path} ${p.code}`)).toEqual([
      "/envs/prod.yaml:7 overrides.templates.promo_one.message_send_ttl_seconds ttl.range",
    ]);
  });

  it("reports an override removing a required field at the override", async () => {
    const root = tree({
      ...base,
      "envs/dev.yaml": envFile("dev", "overrides:\n  payments:\n    pg:\n      purpose_code: null\n"),
    });
    const { problems } = await loadConfig(root, { env: "dev" });
    expect(problems).toMatchObject([
      {
        file: join(root, "envs/dev.yaml"),
        line: 6,
        code: "schema.required",
        message: 'after this override, the declaration: missing required property "purpose_code"',
      },
    ]);
  });

  it("reports an unknown environment as a problem", async () => {
    const { problems } = await loadConfig(tree(base), { env: "qa" });
    expect(problems.map((p) => [p.code, p.message])).toEqual([["env.unknown", 'no environment "qa" (known: none)']]);
  });

  it("checks applies_to phone aliases against the environment", async () => {
    const root = tree({
      "base/profile.yaml": "about: Acme\napplies_to: [in, br]\n",
      "envs/dev.yaml": envFile(
        "dev",
        "phone_numbers:\n  in: { id: phone-number-id-00000000000000000000000000000001 }\n",
      ),
    });
    const { problems } = await validateConfig(root, { env: "dev" });
    expect(problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.code}`)).toEqual([
      "2:18 applies_to[1] ref.phone_number.unknown",
    ]);
  });
});

describe("hostile YAML", () => {
  it("reports a collection used as a mapping key", async () => {
    const { problems } = await loadConfig(tree({ "base/flows/f.yaml": "routes:\n  [a, b]: { action: show_menu }\n" }));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(["2:3 yaml.complex_key"]);
  });

  it("reports aliases that expand too much, at the top of the file", async () => {
    const levels = Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]`);
    const bomb = `l0: &l0 [x, x, x, x, x, x, x, x, x]\n${levels.join("\n")}\n`;
    const { problems } = await loadConfig(tree({ "base/templates/bomb.yaml": bomb }));
    expect(problems.map((p) => p.code)).toEqual(["yaml.alias_limit"]);
  });

  it("rejects nesting deeper than 64 levels in block style too", async () => {
    const deep = Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n");
    const { problems } = await loadConfig(tree({ "base/flows/f.yaml": `${deep} x\n` }));
    expect(problems.map((p) => p.code)).toEqual(["yaml.too_deep"]);
  });

  it("rejects files over 2 MiB without parsing them", async () => {
    const { problems } = await loadConfig(tree({ "base/flows/f.yaml": `a: "${"x".repeat(2 * 1024 * 1024)}"\n` }));
    expect(problems.map((p) => p.code)).toEqual(["file.too_large"]);
  });
});
