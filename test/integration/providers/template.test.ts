/** Template provider implementation against the emulator with the real SDK (tier a). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TemplateInputs } from "../../../providers/impl/template.ts";
import * as impl from "../../../providers/impl/template.ts";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { clearTemplateCache } from "../../../src/eum/templates.ts";
import { normalizeTemplate } from "../../../src/reconcile/template.ts";
import { getConfigItem } from "../../../src/runtime/config-store.ts";
import { createConfigTable, failure, templateInputs, tick, useEndpoints, WABA } from "./support.ts";

let emu: RunningEmulator;
let store: Awaited<ReturnType<typeof createConfigTable>>;

beforeAll(async () => {
  emu = await startEmulator();
  store = await createConfigTable();
});
afterAll(async () => {
  await emu?.stop();
});
beforeEach(() => {
  emu.admin.reset();
  useEndpoints(emu.url, store.table);
});

/** Creates and waits for the emulator's review so the template is APPROVED. */
async function createApproved(name: string, body?: string) {
  const created = await impl.create(templateInputs(name, body));
  await tick();
  clearTemplateCache();
  const r = await impl.read(created.id, created.outs);
  if (!r.props) throw new Error("template vanished");
  return { id: created.id, outs: r.props };
}

describe("template provider", () => {
  it("creates a template, records its status in the config table and returns JSON-clean outputs", async () => {
    const { id, outs } = await impl.create(templateInputs("order_shipped"));

    expect(id).toMatch(/^\d+$/);
    expect(outs).toMatchObject({ metaTemplateId: id, name: "order_shipped", language: "en_US", category: "UTILITY" });
    expect(JSON.parse(JSON.stringify(outs))).toEqual(outs);
    const item = await getConfigItem(store.db, store.table, "TemplateStatus", "order_shipped:en_US");
    expect(item?.content).toMatchObject({ metaTemplateId: id, category: "UTILITY" });
  });

  it("diffs an unchanged definition as no change, whatever the key order and case", async () => {
    const { id, outs } = await createApproved("order_shipped");
    const news = templateInputs("order_shipped");
    news.definition = { ...news.definition, components: news.definition.components.map((c) => ({ ...c })) };
    (news.definition.components[0] as Record<string, unknown>).type = "body";

    const d = await impl.diff(id, outs, news);

    expect(d).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("adopts an identical existing template instead of failing", async () => {
    const first = await impl.create(templateInputs("order_shipped"));
    clearTemplateCache();

    const again = await impl.create(templateInputs("order_shipped"));

    expect(again.id).toBe(first.id);
    expect(emu.admin.callCounts().CreateWhatsAppMessageTemplate).toBe(1);
  });

  it("adopts an identical authentication template although Meta echoes preset text and the OTP button as a URL", async () => {
    // Prepare: Meta (and the emulator) echo AUTHENTICATION bodies/footers as preset text and OTP buttons as URL buttons.
    const otp = (): TemplateInputs => ({
      wabaId: WABA,
      name: "login_code",
      language: "en_US",
      definition: normalizeTemplate({
        name: "login_code",
        language: "en_US",
        category: "AUTHENTICATION",
        components: [
          { type: "BODY", add_security_recommendation: true },
          { type: "FOOTER", code_expiration_minutes: 10 },
          { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
        ],
      }),
    });
    const first = await impl.create(otp());
    clearTemplateCache();

    // Act
    const again = await impl.create(otp());

    // Assess
    expect(again.id).toBe(first.id);
    expect(emu.admin.callCounts().CreateWhatsAppMessageTemplate).toBe(1);
  });

  it("refuses to take over a different template with the same name unless adopt is set", async () => {
    await impl.create(templateInputs("order_shipped", "the parcel {{1}} left."));
    clearTemplateCache();

    const err = await failure(() => impl.create(templateInputs("order_shipped")));
    expect(err.name).toBe("RefusedChangeError");
    expect(err.message).toContain("order_shipped (en_US) already exists");
    expect(err.message).toContain("components");

    const adopted = await impl.create({ ...templateInputs("order_shipped"), adopt: true });
    expect(adopted.outs.definition.components[0]).toMatchObject({ text: "Hello, the parcel {{1}} left." });
    const d = await impl.diff(adopted.id, adopted.outs, { ...templateInputs("order_shipped"), adopt: true });
    expect(d.changes).toBe(true);
  });

  it("edits an approved template once, then refuses a second edit within 24 hours", async () => {
    const { id, outs } = await createApproved("order_shipped");
    const news = templateInputs("order_shipped", "your order {{1}} is on its way.");

    expect((await impl.diff(id, outs, news)).changes).toBe(true);
    const updated = await impl.update(id, outs, news);
    expect(updated.outs.editHistory).toHaveLength(1);
    expect(updated.outs.definition.components[0]).toMatchObject({ text: "Hello, your order {{1}} is on its way." });
    await tick();
    clearTemplateCache();
    const refreshed = await impl.read(id, updated.outs);
    expect(refreshed.props?.status).toBe("APPROVED");

    const third = templateInputs("order_shipped", "your order {{1}} will arrive today.");
    const err = await failure(() => impl.diff(id, refreshed.props as impl.TemplateOutputs, third));
    expect(err.name).toBe("RefusedChangeError");
    expect(err.message).toContain("order_shipped (en_US) was already edited in the last 24 hours");
    await expect(impl.update(id, refreshed.props as impl.TemplateOutputs, third)).rejects.toThrow(/1 edit per 24 h/);
    expect(emu.admin.callCounts().UpdateWhatsAppMessageTemplate).toBe(1);
  });

  it("refuses to edit a PENDING template and to change an approved template's category", async () => {
    const created = await impl.create(templateInputs("order_shipped"));
    const pending = { ...created.outs, status: "PENDING" };
    const edit = templateInputs("order_shipped", "your order {{1}} is on its way.");
    await expect(impl.diff(created.id, pending, edit)).rejects.toThrow(
      /is PENDING; Meta accepts edits only of APPROVED/,
    );

    const { id, outs } = await createApproved("payment_due");
    const marketing = templateInputs("payment_due");
    marketing.definition = { ...marketing.definition, category: "MARKETING" };
    await expect(impl.diff(id, outs, marketing)).rejects.toThrow(
      /does not allow changing an approved template's category/,
    );
  });

  it("spends no budget on a no-op update", async () => {
    const { id, outs } = await createApproved("order_shipped");

    const r = await impl.update(id, outs, templateInputs("order_shipped"));

    expect(r.outs.editHistory).toEqual([]);
    expect(emu.admin.callCounts().UpdateWhatsAppMessageTemplate ?? 0).toBe(0);
  });

  it("replaces on a name change: the new template exists before the old one is deleted", async () => {
    const old = await createApproved("order_shipped");
    const news = templateInputs("order_dispatched");

    const d = await impl.diff(old.id, old.outs, news);
    expect(d).toEqual({ changes: true, replaces: ["name"], deleteBeforeReplace: false });
    const created = await impl.create(news);
    await impl.delete(old.id, old.outs);

    clearTemplateCache();
    expect(await impl.read(old.id, old.outs)).toEqual({ id: "" });
    expect((await impl.read(created.id, created.outs)).id).toBe(created.id);
  });

  it("deletes only the language it owns, treats NotFound as done, and honours retain", async () => {
    const en = await impl.create(templateInputs("order_shipped"));
    const es = await impl.create(templateInputs("order_shipped", "tu pedido {{1}} salió.", "es_MX"));

    await impl.delete(en.id, en.outs);
    await impl.delete(en.id, en.outs);
    await impl.delete(es.id, { ...es.outs, retain: true });

    clearTemplateCache();
    expect((await impl.read(es.id, es.outs)).id).toBe(es.id);
    expect((await impl.read(en.id, en.outs)).id).toBe("");
    const hello = await impl.read("1", { ...en.outs, name: "hello_world", metaTemplateId: "not-ours" });
    expect(hello.id).toBe("");
    const gone = await getConfigItem(store.db, store.table, "TemplateStatus", "order_shipped:en_US");
    expect(gone).toBeUndefined();
  });

  it("sees an out-of-band edit as drift in read and diff, and update restores the declared definition", async () => {
    const { id, outs } = await createApproved("order_shipped");
    emu.admin.editTemplateOutOfBand({
      wabaId: WABA,
      name: "order_shipped",
      language: "en_US",
      components: [{ type: "BODY", text: "Edited in WhatsApp Manager {{1}}", example: { body_text: [["x"]] } }],
    });
    clearTemplateCache();

    const r = await impl.read(id, outs);
    expect(r.props?.definition.components[0]).toMatchObject({ text: "Edited in WhatsApp Manager {{1}}" });
    expect(r.inputs?.definition).toEqual(r.props?.definition);
    const declared = templateInputs("order_shipped");
    expect((await impl.diff(id, r.props as impl.TemplateOutputs, declared)).changes).toBe(true);

    const fixed = await impl.update(id, r.props as impl.TemplateOutputs, declared);
    await tick();
    clearTemplateCache();
    const after = await impl.read(id, fixed.outs);
    expect(after.props?.definition).toEqual(declared.definition);
    expect((await impl.diff(id, after.props as impl.TemplateOutputs, declared)).changes).toBe(false);
  });

  it("reports a Meta rejection and recategorization in read outputs", async () => {
    const { id, outs } = await createApproved("order_shipped");
    emu.admin.setTemplateStatus({
      wabaId: WABA,
      name: "order_shipped",
      language: "en_US",
      status: "REJECTED",
      reason: "PROMOTIONAL",
    });
    emu.admin.setTemplateCategory({ wabaId: WABA, name: "order_shipped", language: "en_US", category: "MARKETING" });
    clearTemplateCache();

    const r = await impl.read(id, outs);

    expect(r.props).toMatchObject({ status: "REJECTED", rejectionReason: "PROMOTIONAL", category: "MARKETING" });
    expect((await impl.diff(id, r.props as impl.TemplateOutputs, templateInputs("order_shipped"))).changes).toBe(false);
    const item = await getConfigItem(store.db, store.table, "TemplateStatus", "order_shipped:en_US");
    expect(item?.content).toMatchObject({ status: "REJECTED", category: "MARKETING" });
  });

  it("retries throttling and shares one List across every template read in a run", async () => {
    const made = [];
    for (const n of ["a_one", "a_two", "a_three"]) made.push(await impl.create(templateInputs(n)));
    clearTemplateCache();
    const before = emu.admin.callCounts();
    process.env.WABA_EUM_RETRY_BASE_MS = "5";
    emu.admin.injectFault({ operation: "ListWhatsAppMessageTemplates", error: "ThrottledRequestException", count: 2 });

    const reads = await Promise.all(made.map((m) => impl.read(m.id, m.outs)));

    const after = emu.admin.callCounts();
    const delta = (op: string): number => (after[op] ?? 0) - (before[op] ?? 0);
    expect(reads.map((r) => r.id)).toEqual(made.map((m) => m.id));
    expect(delta("ListWhatsAppMessageTemplates")).toBe(3);
    expect(delta("GetWhatsAppMessageTemplate")).toBe(3);
  });

  it("converges after a partial failure: a create whose read-back failed is adopted on the re-run", async () => {
    emu.admin.injectFault({ operation: "GetWhatsAppMessageTemplate", error: "AccessDeniedException", count: 1 });

    const err = await failure(() => impl.create(templateInputs("order_shipped")));
    const again = await impl.create(templateInputs("order_shipped"));

    expect(err.message).toContain("GetWhatsAppMessageTemplate");
    expect(err.message).toContain("AccessDeniedException");
    expect(again.outs.name).toBe("order_shipped");
    expect(emu.admin.callCounts().CreateWhatsAppMessageTemplate).toBe(1);
  });
});
