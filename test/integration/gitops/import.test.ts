import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateConfig } from "../../../src/config/validate.ts";
import { loadEnvironment } from "../../../src/gitops/environment.ts";
import { buildPlan, hasChanges } from "../../../src/gitops/plan.ts";
import { deploy, ENV_A, type GitopsFixture, runWaba, startFixture, WABA_A, writeEnvs } from "./support.ts";

describe("waba import round trip against the emulator", () => {
  let f: GitopsFixture;
  let out: string;
  let result: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    // Prepare: env a selects every example template; deploy them into the default WABA (with Meta's sample).
    f = await startFixture();
    writeEnvs(f.root, ENV_A.replace(/templates:\n.*\n/, ""));
    await deploy(f, "a");
    // Meta recategorizes one language: that name can no longer share one multi-language file.
    f.emu.admin.setTemplateCategory({ wabaId: WABA_A, name: "shipping_update", language: "hi", category: "MARKETING" });
    out = mkdtempSync(join(tmpdir(), "waba-import-"));
    result = await runWaba(["import", "--env", "a", "--config", f.root, "--out", out, "--endpoint", f.emu.url]);
  });

  afterAll(async () => {
    await f.cleanup();
    rmSync(out, { recursive: true, force: true });
  });

  it("writes one file per name (split where Meta's categories differ) and a minimal env file", () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("imported 19 template-language(s)");
    expect(readdirSync(join(out, "base", "templates")).sort()).toEqual([
      "festival_flash_sale.yaml",
      "hello_world.yaml",
      "login_otp.yaml",
      "new_arrivals_carousel.yaml",
      "order_confirmation.yaml",
      "payment_reminder.yaml",
      "shipping_update.en_US.yaml",
      "shipping_update.es_MX.yaml",
      "shipping_update.hi.yaml",
      "shipping_update.pt_BR.yaml",
    ]);
    expect(readdirSync(join(out, "envs"))).toEqual(["a.yaml"]);
  });

  it("writes Meta-shaped YAML with the schema line first", () => {
    const schema = join(out, "base", "templates");
    for (const file of readdirSync(schema))
      expect(readFileSync(join(schema, file), "utf8").split("\n")[0]).toMatch(
        /^# yaml-language-server: \$schema=(\.\.\/)+.*schemas\/message-template\.schema\.json$/,
      );
    expect(
      readFileSync(join(schema, "login_otp.yaml"), "utf8").replace(/^# yaml-language-server.*\n/, ""),
    ).toMatchInlineSnapshot(`
      "# Imported from waba-0123456789abcdef0123456789abcdef by \`waba import\`.
      name: login_otp
      category: AUTHENTICATION
      message_send_ttl_seconds: 300
      languages:
        en_US:
          components:
            - type: BODY
              add_security_recommendation: true
            - type: FOOTER
              code_expiration_minutes: 10
            - type: BUTTONS
              buttons:
                - type: OTP
                  text: Copy code
                  otp_type: COPY_CODE
        es_MX:
          components:
            - type: BODY
              add_security_recommendation: true
            - type: FOOTER
              code_expiration_minutes: 10
            - type: BUTTONS
              buttons:
                - type: OTP
                  text: Copiar código
                  otp_type: COPY_CODE
        hi:
          components:
            - type: BODY
              add_security_recommendation: true
            - type: FOOTER
              code_expiration_minutes: 10
            - type: BUTTONS
              buttons:
                - type: OTP
                  text: कोड कॉपी करें
                  otp_type: COPY_CODE
        pt_BR:
          components:
            - type: BODY
              add_security_recommendation: true
            - type: FOOTER
              code_expiration_minutes: 10
            - type: BUTTONS
              buttons:
                - type: OTP
                  text: Copiar código
                  otp_type: COPY_CODE
      "
    `);
    expect(
      readFileSync(join(schema, "hello_world.yaml"), "utf8").replace(/^# yaml-language-server.*\n/, ""),
    ).toMatchInlineSnapshot(`
      "# Imported from waba-0123456789abcdef0123456789abcdef by \`waba import\`.
      name: hello_world
      language: en_US
      category: UTILITY
      components:
        - type: HEADER
          format: TEXT
          text: Hello World
        - type: BODY
          text: Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.
        - type: FOOTER
          text: WhatsApp Business Platform sample message
      "
    `);
  });

  it("validates without problems and plans against the same WABA with no changes", async () => {
    const { problems } = await validateConfig(out, { env: "a" });
    // The only finding is true of the live estate: Meta made shipping_update (hi) MARKETING, keeping a utility TTL.
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.file.slice(out.length)}`)).toEqual([
      "warning ttl.marketing_mm_lite /base/templates/shipping_update.hi.yaml",
    ]);
    const report = await buildPlan(await loadEnvironment(out, "a"), f.eum);
    expect(hasChanges(report)).toBe(false);
    expect(report.counts).toMatchObject({ none: 19, unmanaged: 0, create: 0, update: 0 });
  });

  it("refuses to overwrite existing files without --force (exit 2), and overwrites with it", async () => {
    const again = await runWaba(["import", "--env", "a", "--config", f.root, "--out", out, "--endpoint", f.emu.url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("refusing to overwrite");
    const forced = await runWaba([
      "import",
      "--env",
      "a",
      "--config",
      f.root,
      "--out",
      out,
      "--endpoint",
      f.emu.url,
      "--force",
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("kept envs/a.yaml (exists)");
  });
});
