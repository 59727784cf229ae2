/**
 * The program under `pulumi.runtime.setMocks` (tier b): the declared resource set for `local` and `prod`, names,
 * inputs and type tokens, and that every provider serializes. The serialized shim text is then loaded with
 * require-from-string and driven in process against the emulator, exactly as the provider host would run it.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

async function runProgram(stack: string, config: Record<string, string> = {}): Promise<Registered[]> {
  registered.length = 0;
  // Mocks replace the engine: registration is recorded, outputs echo the inputs plus Meta-like fields.
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, status: "APPROVED", category: args.inputs.definition?.category },
        };
      },
      call: (args) => args.inputs,
    },
    "waba",
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(config);
  const { default: program } = await import("../../../src/pulumi/index.ts");
  await program();
  await new Promise((r) => setTimeout(r, 200));
  return [...registered];
}

const byType = (rs: Registered[], t: string) => rs.filter((r) => r.type === `pulumi-nodejs:dynamic/whatsapp:${t}`);

describe("program under mocks", () => {
  let local: Registered[];
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator();
    local = await runProgram("local", { "waba:configTable": "waba-config-local" });
  });
  afterAll(async () => {
    await emu?.stop();
  });

  it("declares one Template per name and language, named after the file and language", () => {
    const templates = byType(local, "Template");
    const names = templates.map((t) => t.name).sort();
    expect(names).toContain("order_confirmation.en_US");
    expect(names).toContain("order_confirmation.es_MX");
    expect(new Set(names).size).toBe(names.length);
    const en = templates.find((t) => t.name === "order_confirmation.en_US");
    expect(en?.inputs).toMatchObject({
      wabaId: "waba-0123456789abcdef0123456789abcdef",
      name: "order_confirmation",
      language: "en_US",
      definition: { name: "order_confirmation", language: "en_US", category: "UTILITY", parameter_format: "NAMED" },
    });
  });

  it("declares tags on the WABA and each phone, display-name checks and the runtime documents", () => {
    expect(
      byType(local, "ResourceTags")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["tags.phone.in", "tags.phone.mx", "tags.waba"]);
    expect(byType(local, "ResourceTags")[0]?.inputs.tags).toMatchObject({ "managed-by": "waba-config", env: "local" });
    expect(
      byType(local, "DisplayName")
        .map((r) => r.inputs.expected)
        .sort(),
    ).toEqual(["Acme Retail", "Acme Retail MX"]);
    const docs = byType(local, "RuntimeConfig").map((r) => r.inputs.kind);
    expect(docs).toEqual(expect.arrayContaining(["BusinessProfile", "ConversationFlow", "PaymentConfiguration"]));
  });

  it("serializes every provider as a small shim", () => {
    const dynamic = local.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/whatsapp:"));
    expect(dynamic.length).toBeGreaterThan(10);
    for (const r of dynamic) {
      expect(typeof r.inputs.__provider).toBe("string");
      expect((r.inputs.__provider as string).length).toBeLessThan(8_000);
      expect(r.inputs.__provider as string).not.toContain("SocialMessagingClient");
    }
  });

  it("runs the serialized Template shim in process against the emulator", async () => {
    const tpl = byType(local, "Template").find((t) => t.name === "order_confirmation.en_US");
    const requireFromString = createRequire(import.meta.url)("require-from-string") as (code: string) => {
      handler: () => Record<string, (...a: unknown[]) => Promise<Record<string, unknown>>>;
    };
    const provider = requireFromString(tpl?.inputs.__provider as string).handler();
    const config: Record<string, string> = { "waba:eumEndpoint": emu.url, "aws:region": "us-east-1" };
    await provider.configure?.({ config: { get: (k: string) => config[k] } });
    const { __provider: _p, ...props } = tpl?.inputs ?? {};

    const checked = await provider.check?.({}, props);
    expect(checked?.failures).toEqual([]);
    const created = await provider.create?.(checked?.inputs);
    const id = created?.id as string;
    const read = await provider.read?.(id, created?.outs);
    const diff = await provider.diff?.(id, read?.props, checked?.inputs);

    expect(id).toMatch(/^\d+$/);
    expect(read?.id).toBe(id);
    expect(diff).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(emu.admin.callCounts().CreateWhatsAppMessageTemplate).toBe(1);
    await provider.delete?.(id, read?.props);
    expect(emu.admin.callCounts().DeleteWhatsAppMessageTemplate).toBe(1);
  });

  it("deploys no AWS runtime for the local stack, whose documents go to the configured table", () => {
    expect(local.filter((r) => r.type.startsWith("aws:") || r.type.startsWith("waba:runtime:"))).toEqual([]);
    expect(new Set(byType(local, "RuntimeConfig").map((d) => d.inputs.table))).toEqual(new Set(["waba-config-local"]));
  });

  it("declares the prod estate against the prod WABA and deploys the runtime whose table receives the documents", async () => {
    const prod = await runProgram("prod");

    const templates = byType(prod, "Template");
    expect(templates.length).toBeGreaterThan(0);
    expect(new Set(templates.map((t) => t.inputs.wabaId))).toEqual(
      new Set(["arn:aws:social-messaging:ap-south-1:444455556666:waba/9f8e7d6c5b4a39281706f5e4d3c2b1a0"]),
    );
    const otp = templates.find((t) => (t.inputs.name as string) === "login_otp");
    expect((otp?.inputs.definition as Record<string, unknown>)?.message_send_ttl_seconds).toBe(600);
    // prod sets runtime.deploy: the component is declared and the documents go to its table (an input, so the
    // engine orders every write after the table exists).
    expect(prod.filter((r) => r.type === "waba:runtime:WhatsAppRuntime").map((r) => r.name)).toEqual(["prod"]);
    const docs = byType(prod, "RuntimeConfig");
    expect(docs.length).toBeGreaterThan(0);
    expect(new Set(docs.map((d) => d.inputs.table))).toEqual(new Set(["waba-prod-config"]));
    expect(byType(prod, "ResourceTags")[0]?.inputs.tags).toMatchObject({ env: "prod", "cost-center": "cc-4410" });
  });
});
