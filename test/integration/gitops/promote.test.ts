import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadEnvironment } from "../../../src/gitops/environment.ts";
import { buildPromotion } from "../../../src/gitops/promote.ts";
import { renderPromotion } from "../../../src/gitops/render.ts";
import { deploy, ENV_B, type GitopsFixture, runWaba, settle, startFixture, WABA_A, writeEnvs } from "./support.ts";

describe("waba promote a → b against the emulator", () => {
  let f: GitopsFixture;

  beforeAll(async () => {
    f = await startFixture();
  });

  beforeEach(async () => {
    writeEnvs(f.root);
    f.emu.admin.reset();
    await deploy(f, "a");
  });

  afterAll(async () => {
    await f.cleanup();
  });

  it("promotes only templates APPROVED in a and holds back the rest", async () => {
    // Prepare: Meta rejects one language of the flash sale in a
    f.emu.admin.setTemplateStatus({
      wabaId: WABA_A,
      name: "festival_flash_sale",
      language: "hi",
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
    // ...and recategorizes one language of the shipping update (still APPROVED: promoted, with a warning)
    f.emu.admin.setTemplateCategory({
      wabaId: WABA_A,
      name: "shipping_update",
      language: "pt_BR",
      category: "MARKETING",
    });
    await settle(f);
    // Act
    const r = await buildPromotion(
      f.root,
      await loadEnvironment(f.root, "a"),
      await loadEnvironment(f.root, "b"),
      f.eum,
    );
    // Assess
    expect(r.promoted).toEqual(["shipping_update"]);
    expect(renderPromotion(r, "text")).toMatchInlineSnapshot(`
      "Promotion a → b (only templates APPROVED in a unless --include-unapproved)
        + create shipping_update (en_US) [a: APPROVED]
        + create shipping_update (es_MX) [a: APPROVED]
        + create shipping_update (hi) [a: APPROVED]
        + create shipping_update (pt_BR) [a: APPROVED]
            ! Meta approved shipping_update:pt_BR in a as MARKETING, not UTILITY; expect the same in b and update the YAML's category
      Held back:
        festival_flash_sale: hi is REJECTED in a (only templates APPROVED in a are promoted; --include-unapproved overrides)
      Change to envs/b.yaml:
        templates.exclude: "shipping_update" removed
      "
    `);
    expect(r.newEnvText).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../../schemas/environment.schema.json
      # Environment b: second WABA.
      name: b
      aws:
        region: us-east-1
      waba:
        id: waba-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
      phone_numbers:
        in:
          id: phone-number-id-b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0
          display_name: Acme Retail B
      templates:
        # Held back until approved in a.
        exclude: [ "*_*_*" ] # marketing names have three words
      flows:
        exclude: [ main ]
      tags:
        env: b
      "
    `);
  });

  it("--include-unapproved promotes the held-back template and narrows the glob to what stays excluded", async () => {
    f.emu.admin.setTemplateStatus({ wabaId: WABA_A, name: "festival_flash_sale", language: "hi", status: "PENDING" });
    const r = await buildPromotion(
      f.root,
      await loadEnvironment(f.root, "a"),
      await loadEnvironment(f.root, "b"),
      f.eum,
      {
        includeUnapproved: true,
      },
    );
    expect(r.promoted).toEqual(["festival_flash_sale", "shipping_update"]);
    expect(r.selectionEdits).toMatchInlineSnapshot(`
      [
        "templates.exclude: "*_*_*" removed, still excluded by name: new_arrivals_carousel",
        "templates.exclude: "shipping_update" removed",
      ]
    `);
    expect(r.changes.map((c) => `${c.action} ${c.key} (${c.sourceStatus})`)).toMatchInlineSnapshot(`
      [
        "create festival_flash_sale:en_US (APPROVED)",
        "create festival_flash_sale:hi (PENDING)",
        "create shipping_update:en_US (APPROVED)",
        "create shipping_update:es_MX (APPROVED)",
        "create shipping_update:hi (APPROVED)",
        "create shipping_update:pt_BR (APPROVED)",
      ]
    `);
  });

  it("--write edits b's overlay keeping its comments, and the result validates; exit codes as a subprocess", async () => {
    const args = ["promote", "--from", "a", "--to", "b", "--config", f.root, "--endpoint", f.emu.url];
    const dry = await runWaba([...args, "--format", "markdown"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("### waba promote: `a` → `b`");
    expect(readFileSync(join(f.root, "envs", "b.yaml"), "utf8")).toBe(ENV_B);

    const write = await runWaba([...args, "--write"]);
    expect(write.code).toBe(0);
    expect(write.stderr).toContain("wrote");
    const written = readFileSync(join(f.root, "envs", "b.yaml"), "utf8");
    expect(written).toContain("# Environment b: second WABA.");
    expect(written).toContain("# Held back until approved in a.");
    expect(written).toContain("# marketing names have three words");
    expect(written).not.toContain("shipping_update");
    const valid = await runWaba(["validate", f.root, "--env", "b"]);
    expect(valid.code).toBe(0);

    const again = await runWaba([...args, "--write"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing to promote");
    expect(again.stderr).toContain("nothing to write");

    expect((await runWaba(["promote", "--from", "a", "--to", "a", "--config", f.root])).code).toBe(2);
    expect((await runWaba(["promote", "--from", "a", "--to", "zz", "--config", f.root])).code).toBe(2);
  });
});
