/**
 * Import round trip with the real Pulumi CLI (issue 8): templates that exist only at EUM are imported as YAML, the
 * YAML validates, `pulumi up` of it adopts every template without creating one, and the following preview is clean.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateWhatsAppMessageTemplateCommand, SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Environment } from "../../schemas/generated/environment.ts";
import { isValid, validateConfig } from "../../src/config/validate.ts";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.ts";
import { importEstate } from "../../src/gitops/import.ts";
import { createWorkspace, initStack, ROOT } from "../../src/pulumi/workspace.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";
let emu: RunningEmulator;
let eum: SocialMessagingClient;
let out: string;

const definitions = [
  {
    name: "delivery_window",
    language: "en_US",
    category: "UTILITY",
    components: [
      {
        type: "BODY",
        text: "Your order {{1}} arrives between {{2}} today.",
        example: { body_text: [["A-1", "2-4 pm"]] },
      },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Reschedule" }] },
    ],
  },
  {
    name: "delivery_window",
    language: "es_MX",
    category: "UTILITY",
    components: [
      { type: "BODY", text: "Tu pedido {{1}} llega entre {{2}} hoy.", example: { body_text: [["A-1", "2-4 pm"]] } },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Reprogramar" }] },
    ],
  },
  {
    // Meta echoes authentication templates with preset text and the OTP button as a URL button.
    name: "signin_code",
    language: "en_US",
    category: "AUTHENTICATION",
    components: [
      { type: "BODY", add_security_recommendation: true },
      { type: "FOOTER", code_expiration_minutes: 5 },
      { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
    ],
  },
];

beforeAll(async () => {
  emu = await startEmulator();
  eum = new SocialMessagingClient({ endpoint: emu.url, region: "us-east-1", maxAttempts: 1 });
  for (const d of definitions) {
    await eum.send(
      new CreateWhatsAppMessageTemplateCommand({
        id: WABA,
        templateDefinition: new TextEncoder().encode(JSON.stringify(d)),
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 50)); // the emulator reviews on the next tick
  out = mkdtempSync(join(tmpdir(), "waba-import-"));
});
afterAll(async () => {
  await emu?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("waba import round trip through pulumi", () => {
  it("imports valid YAML that pulumi up adopts without creating anything, then previews clean", async () => {
    // Prepare: import the live estate with the local environment's ids.
    const env = parse(readFileSync(join(ROOT, "config", "envs", "local.yaml"), "utf8")) as Environment;
    const imported = await importEstate(eum, env, join(out, "config"));
    expect(imported.templates).toBe(4); // ours plus the Meta sample hello_world
    const { problems } = await validateConfig(join(out, "config"), { env: "local" });
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(isValid(problems)).toBe(true);
    const createsBefore = emu.admin.callCounts().CreateWhatsAppMessageTemplate ?? 0;
    const ws = createWorkspace(
      "local",
      { "aws:region": "us-east-1", "waba:eumEndpoint": emu.url },
      { configRoot: join(out, "config") },
    );
    try {
      await initStack(ws, "local");

      // Act
      await ws.run(["up", "--yes", "--skip-preview"]);
      const preview = await ws.run(["preview", "--expect-no-changes"], { allowFailure: true });

      // Assess: every template was adopted (no create at EUM) and nothing is left to change.
      expect(emu.admin.callCounts().CreateWhatsAppMessageTemplate ?? 0).toBe(createsBefore);
      expect(preview.code, preview.output).toBe(0);
      expect(preview.stdout).toMatch(/unchanged/);
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
