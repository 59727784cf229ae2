import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnvironment } from "../../../src/gitops/environment.ts";
import { buildPlan, hasChanges } from "../../../src/gitops/plan.ts";
import { renderPlan } from "../../../src/gitops/render.ts";
import { deploy, type GitopsFixture, runWaba, settle, startFixture, WABA_A } from "./support.ts";

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${file} matched nothing`);
  writeFileSync(file, next);
}

describe("waba plan against the emulator", () => {
  let f: GitopsFixture;
  let baseline: string;

  beforeAll(async () => {
    // Prepare: env a deployed, then Meta and WhatsApp Manager change things, then the PR changes the config.
    f = await startFixture();
    await deploy(f, "a");
    const ref = { wabaId: WABA_A };
    f.emu.admin.editTemplateOutOfBand({
      ...ref,
      name: "shipping_update",
      language: "en_US",
      components: [
        { type: "HEADER", format: "TEXT", text: "Your order is on its way" },
        {
          type: "BODY",
          text: "Order {{1}} shipped with {{2}}, ETA {{3}}.",
          example: { body_text: [["AR-1", "DHL", "12 March"]] },
        },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Track package" },
            { type: "QUICK_REPLY", text: "Talk to us" },
          ],
        },
      ],
    });
    f.emu.admin.setTemplateCategory({ ...ref, name: "shipping_update", language: "es_MX", category: "MARKETING" });
    f.emu.admin.setTemplateStatus({ ...ref, name: "login_otp", language: "pt_BR", status: "PAUSED" });
    f.emu.admin.setTemplateStatus({
      ...ref,
      name: "payment_reminder",
      language: "hi",
      status: "REJECTED",
      reason: "INVALID_FORMAT",
    });
    await settle(f);
    baseline = mkdtempSync(join(tmpdir(), "waba-baseline-"));
    cpSync(f.root, baseline, { recursive: true });
    const t = join(f.root, "base", "templates");
    edit(join(t, "shipping_update.yaml"), "Seu pedido está a caminho", "Seu pedido saiu para entrega");
    edit(join(t, "login_otp.yaml"), /\n {2}hi:\n[\s\S]*$/, "\n");
    edit(join(t, "payment_reminder_hi.yaml"), "name: payment_reminder", "name: payment_due");
  });

  afterAll(async () => {
    await f.cleanup();
    rmSync(baseline, { recursive: true, force: true });
  });

  it("lists creates, field-level updates, replacements, deletions, refusals and warnings", async () => {
    // Act
    const env = await loadEnvironment(f.root, "a");
    const report = await buildPlan(env, f.eum, { baselineRoot: baseline });
    // Assess
    expect(hasChanges(report)).toBe(true);
    expect(renderPlan(report, "text")).toMatchInlineSnapshot(`
      "Plan for environment a (WABA waba-0123456789abcdef0123456789abcdef)
        ? unmanaged hello_world (en_US) [APPROVED, UTILITY] (not declared; would not be deleted)
        - delete    login_otp (hi) [APPROVED, AUTHENTICATION]
        = unchanged login_otp (pt_BR) [PAUSED, AUTHENTICATION]
            ! template login_otp (pt_BR) is PAUSED at Meta; it cannot be sent
        ± replace   payment_due (hi) (replaces payment_reminder:hi)
            name: "payment_reminder" → "payment_due"
            ! payment_due (hi) is created first; payment_reminder (hi) is deleted once the new one exists
            ! deleting the last language of payment_reminder makes Meta lock the name payment_reminder for 30 days (it cannot be re-created until then)
        ~ update    shipping_update (en_US) [APPROVED, UTILITY]
            components[1].example.body_text[0][0]: "AR-1" → "AR-10293"
            components[1].example.body_text[0][1]: "DHL" → "Delhivery"
            components[1].text: "Order {{1}} shipped with {{2}}, ETA {{3}}." → "Order {{1}} has shipped with {{2}} and should arrive by {{3}}."
            ! editing APPROVED template shipping_update (en_US) spends Meta's edit budget (1 per 24 h, 10 per 30 days) and sends it back to review (PENDING)
        ~ update    shipping_update (es_MX) [APPROVED, MARKETING]
            category: "MARKETING" → "UTILITY"
            ✗ refused: template shipping_update (es_MX) is APPROVED as MARKETING; Meta does not allow changing an approved template's category (to UTILITY). Give the template a new name to recreate it in the new category
            ! template shipping_update (es_MX) was recategorized by Meta from UTILITY to MARKETING; update the YAML to MARKETING (an approved template's category cannot be edited)
        ~ update    shipping_update (pt_BR) [APPROVED, UTILITY]
            components[0].text: "Seu pedido está a caminho" → "Seu pedido saiu para entrega"
            ! editing APPROVED template shipping_update (pt_BR) spends Meta's edit budget (1 per 24 h, 10 per 30 days) and sends it back to review (PENDING)
      Warnings:
        ! manual step: business profile "profile": the profile shown in WhatsApp (about, address, description, email, websites, picture) is set in WhatsApp Manager; EUM has no API for it (waba's runtime answers from the declared profile)
        ! manual step: flow "main": commands (/…) are configured in WhatsApp Manager; EUM has no API for them
        ! manual step: flow "main": ice breakers are configured in WhatsApp Manager (conversational components); EUM has no API for them
        ! manual step: payment configuration "acme-razorpay": create and link "acme-razorpay-in" with the payment gateway in WhatsApp Manager; EUM has no API for it
      Plan: 0 to create, 3 to update, 1 to replace, 1 to delete; 1 unmanaged (not deleted), 6 unchanged; 1 refused by Meta's rules.
      "
    `);
  });

  it("renders a PR comment in Markdown", async () => {
    const env = await loadEnvironment(f.root, "a");
    const md = renderPlan(await buildPlan(env, f.eum, { baselineRoot: baseline }), "markdown");
    expect(md).toMatchInlineSnapshot(`
      "<!-- waba-plan:a -->
      ### waba plan: \`a\`

      WABA \`waba-0123456789abcdef0123456789abcdef\` · Plan: 0 to create, 3 to update, 1 to replace, 1 to delete; 1 unmanaged (not deleted), 6 unchanged; 1 refused by Meta's rules.

      | | Template | Language | Action | Live status | Notes |
      |---|---|---|---|---|---|
      | ? | \`hello_world\` | en_US | unmanaged, would not be deleted | APPROVED |  |
      | - | \`login_otp\` | hi | delete | APPROVED |  |
      | = | \`login_otp\` | pt_BR | unchanged | PAUSED | template login_otp (pt_BR) is PAUSED at Meta; it cannot be sent |
      | ± | \`payment_due\` | hi | replace | — | replaces \`payment_reminder:hi\`<br>payment_due (hi) is created first; payment_reminder (hi) is deleted once the new one exists<br>deleting the last language of payment_reminder makes Meta lock the name payment_reminder for 30 days (it cannot be re-created until then) |
      | ~ | \`shipping_update\` | en_US | update | APPROVED | editing APPROVED template shipping_update (en_US) spends Meta's edit budget (1 per 24 h, 10 per 30 days) and sends it back to review (PENDING) |
      | ~ | \`shipping_update\` | es_MX | update | APPROVED | **refused**: template shipping_update (es_MX) is APPROVED as MARKETING; Meta does not allow changing an approved template's category (to UTILITY). Give the template a new name to recreate it in the new category<br>template shipping_update (es_MX) was recategorized by Meta from UTILITY to MARKETING; update the YAML to MARKETING (an approved template's category cannot be edited) |
      | ~ | \`shipping_update\` | pt_BR | update | APPROVED | editing APPROVED template shipping_update (pt_BR) spends Meta's edit budget (1 per 24 h, 10 per 30 days) and sends it back to review (PENDING) |

      <details><summary>± payment_due (hi): 1 field change(s)</summary>

      \`\`\`diff
      - name: "payment_reminder"
      + name: "payment_due"
      \`\`\`

      </details>

      <details><summary>~ shipping_update (en_US): 3 field change(s)</summary>

      \`\`\`diff
      - components[1].example.body_text[0][0]: "AR-1"
      + components[1].example.body_text[0][0]: "AR-10293"
      - components[1].example.body_text[0][1]: "DHL"
      + components[1].example.body_text[0][1]: "Delhivery"
      - components[1].text: "Order {{1}} shipped with {{2}}, ETA {{3}}."
      + components[1].text: "Order {{1}} has shipped with {{2}} and should arrive by {{3}}."
      \`\`\`

      </details>

      <details><summary>~ shipping_update (es_MX): 1 field change(s)</summary>

      \`\`\`diff
      - category: "MARKETING"
      + category: "UTILITY"
      \`\`\`

      </details>

      <details><summary>~ shipping_update (pt_BR): 1 field change(s)</summary>

      \`\`\`diff
      - components[0].text: "Seu pedido está a caminho"
      + components[0].text: "Seu pedido saiu para entrega"
      \`\`\`

      </details>

      **Warnings and manual steps**

      - manual step: business profile "profile": the profile shown in WhatsApp (about, address, description, email, websites, picture) is set in WhatsApp Manager; EUM has no API for it (waba's runtime answers from the declared profile)
      - manual step: flow "main": commands (/…) are configured in WhatsApp Manager; EUM has no API for them
      - manual step: flow "main": ice breakers are configured in WhatsApp Manager (conversational components); EUM has no API for them
      - manual step: payment configuration "acme-razorpay": create and link "acme-razorpay-in" with the payment gateway in WhatsApp Manager; EUM has no API for it
      "
    `);
  });

  it("without a baseline reports removed templates as unmanaged, never as deletions", async () => {
    const env = await loadEnvironment(f.root, "a");
    const report = await buildPlan(env, f.eum);
    const byKey = Object.fromEntries(report.items.map((i) => [i.key, i.action]));
    expect(report.counts.delete).toBe(0);
    expect(byKey).toMatchObject({
      "login_otp:hi": "unmanaged",
      "payment_reminder:hi": "unmanaged",
      "payment_due:hi": "create",
    });
  });

  it("is read-only: only List, Get and the WABA lookup are called", async () => {
    const before = f.emu.admin.callCounts();
    const env = await loadEnvironment(f.root, "a");
    await buildPlan(env, f.eum, { baselineRoot: baseline });
    const after = f.emu.admin.callCounts();
    const delta = Object.fromEntries(
      Object.keys(after)
        .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    // 9 template-languages are declared and live (payment_due is not live yet): one Get each, never a write.
    expect(delta).toEqual({
      ListWhatsAppMessageTemplates: 1,
      GetWhatsAppMessageTemplate: 9,
      GetLinkedWhatsAppBusinessAccount: 1,
    });
  });

  it("exits 0 as a subprocess and writes JSON to --out", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "waba-plan-out-")), "plan.json");
    const r = await runWaba([
      "plan",
      "--env",
      "a",
      "--config",
      f.root,
      "--endpoint",
      f.emu.url,
      "--format",
      "json",
      "--out",
      out,
      "--baseline",
      baseline,
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, "utf8")) as { env: string; counts: Record<string, number> };
    expect(json.env).toBe("a");
    expect(json.counts).toEqual({ create: 0, update: 3, replace: 1, delete: 1, unmanaged: 1, none: 6, refused: 1 });
  });

  it("exits 2 on usage errors and 1 when EUM cannot be reached", async () => {
    const unknown = await runWaba(["plan", "--env", "nope", "--config", f.root, "--endpoint", f.emu.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown environment "nope"');
    const badFormat = await runWaba(["plan", "--env", "a", "--config", f.root, "--format", "yaml"]);
    expect(badFormat.code).toBe(2);
    f.emu.admin.injectFault({ operation: "ListWhatsAppMessageTemplates", error: "AccessDeniedException" });
    const denied = await runWaba(["plan", "--env", "a", "--config", f.root, "--endpoint", f.emu.url]);
    const broken = mkdtempSync(join(tmpdir(), "waba-broken-"));
    cpSync(f.root, broken, { recursive: true });
    edit(join(broken, "base", "templates", "shipping_update.yaml"), "category: UTILITY", "category: PROMO");
    const invalid = await runWaba(["plan", "--env", "a", "--config", broken, "--endpoint", f.emu.url]);
    rmSync(broken, { recursive: true, force: true });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('shipping_update.yaml:4:11 category: "PROMO" is not one of');
    expect(invalid.stderr).toContain('the config of environment "a" is invalid');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      "ListWhatsAppMessageTemplates waba-0123456789abcdef0123456789abcdef failed: AccessDeniedException",
    );
  });
});
