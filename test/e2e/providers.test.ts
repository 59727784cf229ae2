/**
 * End to end with the real Pulumi CLI against the emulator (tier d): preview, up, a clean second preview, drift
 * from an out-of-band edit and a Meta rejection, up correcting the edit, a new language as one create, a name
 * change as a replace, and destroy removing only owned templates.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.ts";
import { clearTemplateCache, getTemplate, listTemplates } from "../../src/eum/templates.ts";
import { createWorkspace, initStack, type PulumiWorkspace } from "../../src/pulumi/workspace.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";
let emu: RunningEmulator;
let ws: PulumiWorkspace;
let eum: SocialMessagingClient;

const live = async () => {
  clearTemplateCache();
  return listTemplates(eum, WABA);
};
const editYaml = (file: string, f: (doc: { name: string; languages: Record<string, unknown> }) => void) => {
  const path = join(ws.configRoot, "base", "templates", file);
  const doc = parse(readFileSync(path, "utf8"));
  f(doc);
  writeFileSync(path, stringify(doc));
};

beforeAll(async () => {
  emu = await startEmulator();
  eum = new SocialMessagingClient({ endpoint: emu.url, region: "us-east-1", maxAttempts: 1 });
  ws = createWorkspace("local", { "aws:region": "us-east-1", "waba:eumEndpoint": emu.url });
  await initStack(ws, "local");
});
afterAll(async () => {
  await emu?.stop();
  if (ws) rmSync(ws.dir, { recursive: true, force: true });
});

describe("pulumi CLI against the emulator", () => {
  it("previews the creates without touching EUM", async () => {
    const before = emu.admin.callCounts();
    const r = await ws.run(["preview"]);
    expect(r.stdout).toMatch(/\+\s+pulumi-nodejs:dynamic\/whatsapp:Template\s+order_confirmation\.en_US\s+create/);
    expect(r.stdout).toMatch(/\+ 24 to create/);
    expect(emu.admin.callCounts()).toEqual(before);
  });

  it("applies with up, then a second preview has no changes", async () => {
    await ws.run(["up", "--yes", "--skip-preview"]);
    const templates = await live();
    expect(templates.has("order_confirmation|pt_BR")).toBe(true);
    expect(templates.size).toBe(19);

    const r = await ws.run(["preview", "--expect-no-changes"]);
    expect(r.stdout).toMatch(/24 unchanged/);
  });

  it("shows an out-of-band edit and a Meta rejection in preview --refresh", async () => {
    emu.admin.editTemplateOutOfBand({
      wabaId: WABA,
      name: "shipping_update",
      language: "en_US",
      components: [{ type: "BODY", text: "Changed in WhatsApp Manager {{1}}", example: { body_text: [["x"]] } }],
    });
    emu.admin.setTemplateStatus({
      wabaId: WABA,
      name: "order_confirmation",
      language: "hi",
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });

    const r = await ws.run(["preview", "--refresh", "--diff", "--expect-no-changes"], { allowFailure: true });

    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/Template: \(update\)\s+\[id=\d+\]\s+\[urn=[^\]]*Template::shipping_update\.en_US\]/);
    expect(r.output).toMatch(
      /Template: \(refresh\)\s+\[id=\d+\]\s+\[urn=[^\]]*Template::order_confirmation\.hi\][\s\S]*?status\s+: "APPROVED" => "REJECTED"/,
    );
    expect(r.output).toContain("Changed in WhatsApp Manager");
    expect(r.output).toContain("template order_confirmation (hi) is REJECTED at Meta");
    expect(r.output).toMatch(/1 to update/);
  });

  it("corrects the edit with up --refresh", async () => {
    await ws.run(["up", "--refresh", "--yes", "--skip-preview"]);
    const t = await getTemplate(eum, WABA, { name: "shipping_update", language: "en_US" });
    expect(JSON.stringify(t?.components)).not.toContain("Changed in WhatsApp Manager");
    await new Promise((r) => setTimeout(r, 200));
    const r = await ws.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(r.stdout).toMatch(/24 unchanged/);
  });

  it("previews a language added in YAML as one create", async () => {
    editYaml("shipping_update.yaml", (doc) => {
      doc.languages.en_GB = structuredClone(doc.languages.en_US);
    });
    const r = await ws.run(["preview"]);
    expect(r.stdout).toMatch(/\+\s+pulumi-nodejs:dynamic\/whatsapp:Template\s+shipping_update\.en_GB\s+create/);
    expect(r.stdout).toMatch(/\+ 1 to create/);
    expect(r.stdout).not.toMatch(/to replace|to update|to delete/);
  });

  it("previews a name change as a replace", async () => {
    editYaml("payment_reminder_hi.yaml", (doc) => {
      doc.name = "payment_due_hi";
    });
    const r = await ws.run(["preview"]);
    expect(r.stdout).toMatch(/\+-\s+pulumi-nodejs:dynamic\/whatsapp:Template\s+payment_reminder_hi\.hi\s+replace/);
    expect(r.stdout).toMatch(/\+-1 to replace/);
  });

  it("destroy removes only the templates the stack owns", async () => {
    await ws.run(["destroy", "--yes", "--skip-preview"]);
    const left = await live();
    expect([...left.keys()]).toEqual(["hello_world|en_US"]);
  });
});
