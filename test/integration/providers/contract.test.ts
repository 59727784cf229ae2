/**
 * gRPC contract (tier c): the real `@pulumi/pulumi/cmd/dynamic-provider` host, driven as the engine drives it,
 * with the serialized Template shim and the emulator as EUM. Covers preview-time unknowns (no EUM call), create,
 * no-op, update, replace, refresh with drift, refresh of a deleted template, destroy, and stale `__provider` state.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { templateProvider } from "../../../providers/template.ts";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { DIFF, type ProviderHost, startProviderHost } from "./host.ts";
import { definition, WABA } from "./support.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

let emu: RunningEmulator;
let host: ProviderHost;
let provider: string;

const props = (name: string, body?: string, language = "en_US") => ({
  __provider: provider,
  wabaId: WABA,
  name,
  language,
  definition: definition(name, body, language),
});
const calls = (): number => Object.values(emu.admin.callCounts()).reduce((a, b) => a + b, 0);
const tick = (ms = 40) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  emu = await startEmulator();
  provider = (await pulumi.runtime.serializeFunction(() => templateProvider, { allowSecrets: true })).text;
  host = await startProviderHost(root, {
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    WABA_EUM_RETRY_BASE_MS: "5",
  });
  await host.configure({ "waba:eumEndpoint": emu.url, "aws:region": "us-east-1" });
});
afterAll(async () => {
  await host?.stop();
  await emu?.stop();
});
beforeEach(() => emu.admin.reset());

/** check + create, as `up` does for a new resource, then a refresh so the review has finished. */
async function createViaHost(name: string, body?: string) {
  const checked = await host.check({}, props(name, body));
  const created = await host.create(checked.inputs);
  await tick();
  const read = await host.read(created.id, created.properties);
  return { inputs: checked.inputs, id: created.id, outputs: read.properties };
}

describe("dynamic-provider host contract (Template)", () => {
  it("previews a create with unknowns without calling EUM", async () => {
    const before = calls();
    const news = { ...props("order_shipped"), wabaId: UNKNOWN };

    const checked = await host.check({}, news);
    const invalid = await host.check(
      {},
      { ...props("order_shipped"), definition: { ...definition("order_shipped"), name: "Bad Name" } },
    );

    expect(checked.failures).toEqual([]);
    expect(checked.inputs.wabaId).toBe(UNKNOWN);
    expect(invalid.failures.map((f) => f.property)).toContain("definition.name");
    expect(calls()).toBe(before);
  });

  it("diffs unknown identity as a replacement without calling EUM", async () => {
    const { id, outputs, inputs } = await createViaHost("order_shipped");
    const before = calls();

    const d = await host.diff(id, outputs, { ...inputs, name: UNKNOWN });

    expect(d.changes).toBe(DIFF.SOME);
    expect(d.replaces).toEqual(["name"]);
    expect(calls()).toBe(before);
  });

  it("creates with JSON-clean outputs covering every diffed field, then diffs a re-check as no change", async () => {
    const { id, outputs, inputs } = await createViaHost("order_shipped");

    expect(outputs).toMatchObject({ metaTemplateId: id, status: "APPROVED", name: "order_shipped", editHistory: [] });
    expect(typeof outputs.__provider).toBe("string");
    const rechecked = await host.check(inputs, props("order_shipped"));
    const d = await host.diff(id, outputs, rechecked.inputs);
    expect(d).toEqual({ changes: DIFF.NONE, replaces: [], deleteBeforeReplace: false });
  });

  it("updates an approved template, then refuses the second edit within 24 h with a named limit", async () => {
    const { id, outputs } = await createViaHost("order_shipped");
    const edit = (await host.check({}, props("order_shipped", "your order {{1}} is on its way."))).inputs;

    expect((await host.diff(id, outputs, edit)).changes).toBe(DIFF.SOME);
    const updated = await host.update(id, outputs, edit);
    expect(updated.properties.editHistory).toHaveLength(1);
    await tick();
    const refreshed = await host.read(id, updated.properties);

    const again = (await host.check({}, props("order_shipped", "your order {{1}} arrives today."))).inputs;
    await expect(host.diff(id, refreshed.properties, again)).rejects.toThrow(
      /order_shipped \(en_US\) was already edited in the last 24 hours/,
    );
  });

  it("replaces on a language change: create the new one, then delete the old by its id", async () => {
    const old = await createViaHost("order_shipped");
    const news = (await host.check({}, props("order_shipped", "tu pedido {{1}} salió.", "es_MX"))).inputs;

    const d = await host.diff(old.id, old.outputs, news);
    const created = await host.create(
      (await host.check({}, props("order_shipped", "tu pedido {{1}} salió.", "es_MX"))).inputs,
    );
    await host.delete(old.id, old.outputs);

    expect(d).toEqual({ changes: DIFF.SOME, replaces: ["language"], deleteBeforeReplace: false });
    expect((await host.read(created.id, created.properties)).id).toBe(created.id);
    expect((await host.read(old.id, old.outputs)).id).toBe("");
  });

  it("refresh: read reports an out-of-band edit, and diff(read result, old inputs) shows the drift", async () => {
    const { id, outputs, inputs } = await createViaHost("order_shipped");
    emu.admin.editTemplateOutOfBand({
      wabaId: WABA,
      name: "order_shipped",
      language: "en_US",
      components: [{ type: "BODY", text: "Edited elsewhere {{1}}", example: { body_text: [["x"]] } }],
    });

    const r = await host.read(id, outputs);
    const d = await host.diff(id, r.properties, inputs);

    expect(r.id).toBe(id);
    expect((r.inputs?.definition as { components: { text: string }[] } | undefined)?.components[0]?.text).toBe(
      "Edited elsewhere {{1}}",
    );
    expect(r.inputs?.__provider).toBe(provider);
    expect(d.changes).toBe(DIFF.SOME);
    expect(host.stderr()).toContain("order_shipped (en_US) was edited outside this stack");
  });

  it("refresh of a deleted template returns an empty id; destroy treats NotFound as done and spares foreign templates", async () => {
    const { id, outputs } = await createViaHost("order_shipped");
    await host.delete(id, outputs);

    expect((await host.read(id, outputs)).id).toBe("");
    await host.delete(id, outputs);
    expect(emu.admin.callCounts().DeleteWhatsAppMessageTemplate).toBe(2);
    const hello = await host.read("1000000000000001", {
      ...outputs,
      name: "hello_world",
      metaTemplateId: "1000000000000001",
    });
    expect(hello.id).toBe("1000000000000001");
  });

  it("runs Read and Delete with a stale __provider and outputs from an earlier generation", async () => {
    const stale = readFileSync(join(here, "fixtures", "template-shim-v1.txt"), "utf8");
    const { id } = await createViaHost("order_shipped");
    // Generation-1 outputs: no fingerprints, no edit history.
    const oldOutputs = {
      __provider: stale,
      wabaId: WABA,
      name: "order_shipped",
      language: "en_US",
      definition: definition("order_shipped"),
      metaTemplateId: id,
      status: "PENDING",
      category: "UTILITY",
    };

    const r = await host.read(id, oldOutputs);
    expect(r.id).toBe(id);
    expect(r.properties).toMatchObject({ status: "APPROVED", editHistory: [] });
    expect(r.properties.liveFingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(r.properties.__provider).toBe(stale);
    const d = await host.diff(id, r.properties, (await host.check({}, props("order_shipped"))).inputs);
    expect(d.changes).toBe(DIFF.NONE);
    await host.delete(id, oldOutputs);
    expect((await host.read(id, oldOutputs)).id).toBe("");
  });
});
