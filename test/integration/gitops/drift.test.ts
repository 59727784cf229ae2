import {
  DeleteWhatsAppMessageTemplateCommand,
  GetWhatsAppMessageTemplateCommand,
} from "@aws-sdk/client-socialmessaging";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildDrift } from "../../../src/gitops/drift.ts";
import { loadEnvironment } from "../../../src/gitops/environment.ts";
import { renderDrift } from "../../../src/gitops/render.ts";
import { deploy, type GitopsFixture, PHONE_A, runWaba, settle, startFixture, WABA_A } from "./support.ts";

describe("waba drift against the emulator", () => {
  let f: GitopsFixture;

  beforeAll(async () => {
    f = await startFixture();
  });

  beforeEach(async () => {
    f.emu.admin.reset();
    await deploy(f, "a");
  });

  afterAll(async () => {
    await f.cleanup();
  });

  it("is clean right after a deploy (the unmanaged Meta sample does not count)", async () => {
    const env = await loadEnvironment(f.root, "a");
    const report = await buildDrift(env, f.eum);
    expect(report.drifted).toBe(false);
    expect(renderDrift("a", env.wabaId, report, "text")).toMatchInlineSnapshot(`
      "Drift for environment a (WABA waba-0123456789abcdef0123456789abcdef)
      Present but unmanaged (1):
        hello_world:en_US (UTILITY, APPROVED) is live but not declared: unmanaged (a Meta sample or created in WhatsApp Manager); never deleted by waba
      No drift (1 unmanaged template(s) ignored).
      "
    `);
  });

  it("classifies out-of-band edits, Meta's verdicts, deletions and display names", async () => {
    // Prepare: one of each kind of drift
    const ref = { wabaId: WABA_A };
    f.emu.admin.editTemplateOutOfBand({
      ...ref,
      name: "shipping_update",
      language: "hi",
      components: [{ type: "BODY", text: "ऑर्डर {{1}} भेज दिया गया है।", example: { body_text: [["AR-10293"]] } }],
    });
    f.emu.admin.setTemplateCategory({ ...ref, name: "shipping_update", language: "es_MX", category: "MARKETING" });
    f.emu.admin.setTemplateStatus({
      ...ref,
      name: "payment_reminder",
      language: "hi",
      status: "REJECTED",
      reason: "INVALID_FORMAT",
    });
    f.emu.admin.setTemplateQuality({ ...ref, name: "festival_flash_sale", language: "hi", quality: "RED" });
    f.emu.admin.setTemplateStatus({ ...ref, name: "login_otp", language: "en_US", status: "PAUSED" });
    f.emu.admin.setDisplayName({ phoneNumberId: PHONE_A, name: "Acme Retail Outlet" });
    const env = await loadEnvironment(f.root, "a");
    // Deleted in WhatsApp Manager: one language, by its Meta id.
    const got = await f.eum.send(
      new GetWhatsAppMessageTemplateCommand({ id: WABA_A, templateName: "login_otp", templateLanguageCode: "pt_BR" }),
    );
    const metaTemplateId = (JSON.parse(got.template ?? "{}") as { id: string }).id;
    await f.eum.send(
      new DeleteWhatsAppMessageTemplateCommand({ id: WABA_A, templateName: "login_otp", metaTemplateId }),
    );
    await settle(f);
    // Act
    const report = await buildDrift(env, f.eum);
    // Assess
    expect(report.drifted).toBe(true);
    expect(renderDrift("a", env.wabaId, report, "text")).toMatchInlineSnapshot(`
      "Drift for environment a (WABA waba-0123456789abcdef0123456789abcdef)
      Edited outside the config (1):
        shipping_update:hi differs from the config in components: edited outside the config (e.g. in WhatsApp Manager)
            components[0].example: {"body_text":[["AR-10293"]]} → (absent)
            components[0].format: (absent) → "TEXT"
            components[0].text: "ऑर्डर {{1}} भेज दिया गया है।" → "आपका ऑर्डर रास्ते में है"
            components[0].type: "BODY" → "HEADER"
            components[1]: (absent) → {"example":{"body_text":[["AR-10293","Delhivery","12 मार्च"]]},"text":"ऑर्डर {{…
            components[2]: (absent) → {"buttons":[{"text":"पैकेज ट्रैक करें","type":"QUICK_REPLY"},{"text":"हमसे बात …
      Changed by Meta (4):
        Meta changed festival_flash_sale:hi: quality RED
            quality: "GREEN" → "RED"
        Meta changed login_otp:en_US: status PAUSED
            status: "APPROVED" → "PAUSED"
        Meta changed payment_reminder:hi: status REJECTED (rejected: INVALID_FORMAT)
            status: "APPROVED" → "REJECTED"
        Meta changed shipping_update:es_MX: category MARKETING
            category: "UTILITY" → "MARKETING"
      Deleted outside the config (1):
        login_otp:pt_BR is declared but not live: deleted outside the config (or never deployed)
      Display name mismatch (1):
        phone number in shows "Acme Retail Outlet", the config expects "Acme Retail" (display names change only through Meta's review in WhatsApp Manager)
            display_name: "Acme Retail Outlet" → "Acme Retail"
      Present but unmanaged (1):
        hello_world:en_US (UTILITY, APPROVED) is live but not declared: unmanaged (a Meta sample or created in WhatsApp Manager); never deleted by waba
      Drift: 7 finding(s), 1 unmanaged.
      "
    `);
    expect(renderDrift("a", env.wabaId, report, "markdown")).toMatchInlineSnapshot(`
      "<!-- waba-drift:a -->
      ### waba drift: \`a\`

      **Edited outside the config** (1)

      - shipping_update:hi differs from the config in components: edited outside the config (e.g. in WhatsApp Manager)
        - \`components[0].example: {"body_text":[["AR-10293"]]} → (absent)\`
        - \`components[0].format: (absent) → "TEXT"\`
        - \`components[0].text: "ऑर्डर {{1}} भेज दिया गया है।" → "आपका ऑर्डर रास्ते में है"\`
        - \`components[0].type: "BODY" → "HEADER"\`
        - \`components[1]: (absent) → {"example":{"body_text":[["AR-10293","Delhivery","12 मार्च"]]},"text":"ऑर्डर {{…\`
        - \`components[2]: (absent) → {"buttons":[{"text":"पैकेज ट्रैक करें","type":"QUICK_REPLY"},{"text":"हमसे बात …\`

      **Changed by Meta** (4)

      - Meta changed festival_flash_sale:hi: quality RED
        - \`quality: "GREEN" → "RED"\`
      - Meta changed login_otp:en_US: status PAUSED
        - \`status: "APPROVED" → "PAUSED"\`
      - Meta changed payment_reminder:hi: status REJECTED (rejected: INVALID_FORMAT)
        - \`status: "APPROVED" → "REJECTED"\`
      - Meta changed shipping_update:es_MX: category MARKETING
        - \`category: "UTILITY" → "MARKETING"\`

      **Deleted outside the config** (1)

      - login_otp:pt_BR is declared but not live: deleted outside the config (or never deployed)

      **Display name mismatch** (1)

      - phone number in shows "Acme Retail Outlet", the config expects "Acme Retail" (display names change only through Meta's review in WhatsApp Manager)
        - \`display_name: "Acme Retail Outlet" → "Acme Retail"\`

      **Present but unmanaged** (1)

      - hello_world:en_US (UTILITY, APPROVED) is live but not declared: unmanaged (a Meta sample or created in WhatsApp Manager); never deleted by waba

      Drift: 7 finding(s), 1 unmanaged.
      "
    `);
  });

  it("calls one List per WABA plus one Get per owned live template", async () => {
    const env = await loadEnvironment(f.root, "a");
    const before = f.emu.admin.callCounts();
    await buildDrift(env, f.eum);
    const after = f.emu.admin.callCounts();
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    expect(delta("ListWhatsAppMessageTemplates")).toBe(1);
    expect(delta("GetWhatsAppMessageTemplate")).toBe(env.templates.length);
    expect(delta("GetLinkedWhatsAppBusinessAccount")).toBe(1);
    expect(
      Object.keys(after)
        .filter((op) => delta(op) > 0)
        .sort(),
    ).toEqual(["GetLinkedWhatsAppBusinessAccount", "GetWhatsAppMessageTemplate", "ListWhatsAppMessageTemplates"]);
  });

  it("exits 0 when clean, 2 on drift and 1 on an EUM error, as a subprocess", async () => {
    const args = ["drift", "--env", "a", "--config", f.root, "--endpoint", f.emu.url];
    const clean = await runWaba(args);
    expect(clean.code).toBe(0);
    const strict = await runWaba([...args, "--fail-on-unmanaged"]);
    expect(strict.code).toBe(2);
    f.emu.admin.setTemplateStatus({ wabaId: WABA_A, name: "shipping_update", language: "en_US", status: "DISABLED" });
    const drifted = await runWaba([...args, "--format", "json"]);
    expect(drifted.code).toBe(2);
    expect(JSON.parse(drifted.stdout)).toMatchObject({
      env: "a",
      drifted: true,
      findings: [
        { kind: "changed_by_meta", subject: "shipping_update:en_US" },
        { kind: "unmanaged", subject: "hello_world:en_US" },
      ],
    });
    f.emu.admin.injectFault({ operation: "ListWhatsAppMessageTemplates", error: "ValidationException" });
    const failed = await runWaba(args);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("ListWhatsAppMessageTemplates");
    expect(failed.stderr).toContain("ValidationException");
  });
});
