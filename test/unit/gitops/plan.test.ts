import { describe, expect, it } from "vitest";
import { planMarkdown } from "../../../src/gitops/render.ts";
import { diffValues, type LiveTemplateSummary, type PlanInput, planTemplates } from "../../../src/reconcile/plan.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";

function def(name: string, language: string, body: string, category = "UTILITY") {
  return { name, language, category, components: [{ type: "BODY", text: body }] };
}

function live(name: string, language: string, body: string, over: Partial<LiveTemplateSummary> = {}) {
  const summary: LiveTemplateSummary = {
    name,
    language,
    metaTemplateId: `id-${name}-${language}`,
    status: "APPROVED",
    category: "UTILITY",
    quality: "GREEN",
    ...over,
  };
  const detail = {
    ...def(name, language, body, summary.category),
    id: summary.metaTemplateId,
    status: summary.status,
    parameter_format: "POSITIONAL",
  };
  return { summary, detail };
}

function input(
  desired: ReturnType<typeof def>[],
  lives: ReturnType<typeof live>[],
  baseline?: PlanInput["baseline"],
): PlanInput {
  return {
    wabaId: WABA,
    desired: desired.map((d) => ({
      name: d.name,
      language: d.language,
      file: `base/templates/${d.name}.yaml`,
      definition: d,
    })),
    baseline,
    summaries: new Map(lives.map((l) => [`${l.summary.name}:${l.summary.language}`, l.summary])),
    details: new Map(lives.map((l) => [`${l.summary.name}:${l.summary.language}`, l.detail])),
    now: Date.parse("2026-11-25T00:00:00Z"),
  };
}

describe("planTemplates", () => {
  it("plans nothing when the live echo matches the declaration", () => {
    const plan = planTemplates(input([def("a", "en_US", "Hi {{1}}")], [live("a", "en_US", "Hi {{1}}")]));
    expect(plan.items.map((i) => [i.key, i.action, i.warnings])).toEqual([["a:en_US", "none", []]]);
  });

  it("refuses an edit of a PENDING template and names the changed field", () => {
    const plan = planTemplates(input([def("a", "en_US", "New")], [live("a", "en_US", "Old", { status: "PENDING" })]));
    const [item] = plan.items;
    expect(item?.action).toBe("update");
    expect(item?.changes).toEqual([{ path: "components[0].text", before: "Old", after: "New" }]);
    expect(item?.refusal).toMatch(/is PENDING; Meta accepts edits only of APPROVED, REJECTED or PAUSED/);
    expect(item?.warnings).toContain(
      "template a (en_US) is PENDING Meta's review; it cannot be sent or edited until reviewed",
    );
  });

  it("warns that an edit of a REJECTED template resubmits it, without an edit-budget warning", () => {
    const plan = planTemplates(input([def("a", "en_US", "New")], [live("a", "en_US", "Old", { status: "REJECTED" })]));
    expect(plan.items[0]?.warnings.some((w) => w.includes("resubmits it for Meta's review"))).toBe(true);
    expect(plan.items[0]?.warnings.some((w) => w.includes("edit budget"))).toBe(false);
  });

  it("deletes only what the baseline declared, refuses a DISABLED one, and warns about the name lock", () => {
    const plan = planTemplates(
      input(
        [def("kept", "en_US", "x")],
        [live("kept", "en_US", "x"), live("gone", "en_US", "y", { status: "DISABLED" }), live("foreign", "en_US", "z")],
        [
          { name: "kept", language: "en_US", file: "base/templates/kept.yaml" },
          { name: "gone", language: "en_US", file: "base/templates/gone.yaml" },
        ],
      ),
    );
    expect(plan.items.map((i) => `${i.key} ${i.action}${i.refusal ? " refused" : ""}`)).toEqual([
      "foreign:en_US unmanaged",
      "gone:en_US delete refused",
      "kept:en_US none",
    ]);
    expect(plan.items[1]?.warnings[0]).toMatch(/lock the name gone for 30 days/);
  });

  it("treats a rename in the same file as a replacement only when the old template is live", () => {
    const baseline = [{ name: "old", language: "en_US", file: "base/templates/new.yaml" }];
    const replaced = planTemplates(input([def("new", "en_US", "x")], [live("old", "en_US", "x")], baseline));
    expect(replaced.items.map((i) => [i.key, i.action, i.replaces])).toEqual([["new:en_US", "replace", "old:en_US"]]);
    const created = planTemplates(input([def("new", "en_US", "x")], [], baseline));
    expect(created.items.map((i) => [i.key, i.action])).toEqual([["new:en_US", "create"]]);
  });

  it("sorts by name, then language", () => {
    const plan = planTemplates(input([def("b", "hi", "x"), def("a", "pt_BR", "x"), def("a", "en_US", "x")], []));
    expect(plan.items.map((i) => i.key)).toEqual(["a:en_US", "a:pt_BR", "b:hi"]);
  });
});

describe("diffValues", () => {
  it("reports leaves, added and removed array elements", () => {
    expect(diffValues({ a: [1, 2], b: { c: "x" } }, { a: [1], b: { c: "y", d: true } })).toEqual([
      { path: "a[1]", before: 2 },
      { path: "b.c", before: "x", after: "y" },
      { path: "b.d", after: true },
    ]);
  });
});

describe("planMarkdown", () => {
  it("keeps a PR comment under the limit by dropping field details first", () => {
    const desired = Array.from({ length: 40 }, (_, n) => def(`t${n}`, "en_US", `New text ${"x".repeat(150)} ${n}`));
    const lives = Array.from({ length: 40 }, (_, n) => live(`t${n}`, "en_US", `Old text ${n}`));
    const plan = planTemplates(input(desired, lives));
    const report = {
      env: "dev",
      wabaId: WABA,
      baseline: false,
      items: plan.items,
      warnings: [],
      counts: { create: 0, update: 40, replace: 0, delete: 0, unmanaged: 0, none: 0, refused: 0 },
    };
    const full = planMarkdown(report);
    expect(full).toContain("<details>");
    const short = planMarkdown(report, 12_000);
    expect(short.length).toBeLessThanOrEqual(12_000);
    expect(short).not.toContain("<details>");
    expect(short).toContain("Field-level changes omitted");
    const cut = planMarkdown(report, 3_000);
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut).toContain("plan truncated");
  });
});
