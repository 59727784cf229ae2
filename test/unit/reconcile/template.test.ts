/** Pure template reconciliation: normalization and Meta's lifecycle rules. */
import { describe, expect, it } from "vitest";
import {
  diffTemplate,
  editBudgetUsed,
  type LiveTemplateState,
  normalizeTemplate,
  projectLive,
  statusWarnings,
} from "../../../src/reconcile/template.ts";

const def = (body = "Hi {{1}}", extra: Record<string, unknown> = {}) =>
  normalizeTemplate({
    name: "order_update",
    language: "en_US",
    category: "utility",
    components: [{ type: "body", text: body, example: { body_text: [["Ana"]] } }],
    ...extra,
  });
const live = (over: Partial<LiveTemplateState> = {}): LiveTemplateState => ({
  definition: def(),
  status: "APPROVED",
  category: "UTILITY",
  metaTemplateId: "1",
  wabaId: "waba-1",
  ...over,
});
const NOW = Date.parse("2026-11-25T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();

describe("normalizeTemplate", () => {
  it("upper-cases enums, sorts keys, defaults the parameter format and drops ignored and echo fields", () => {
    const n = normalizeTemplate({
      components: [{ text: "x", type: "body" }],
      language: "en_US",
      name: "a",
      category: "marketing",
      allow_category_change: true,
      id: "99",
      status: "APPROVED",
    });
    expect(n).toEqual({
      category: "MARKETING",
      components: [{ text: "x", type: "BODY" }],
      language: "en_US",
      name: "a",
      parameter_format: "POSITIONAL",
    });
    expect(Object.keys(n)).toEqual(["category", "components", "language", "name", "parameter_format"]);
  });

  it("projects Meta's echo onto the same shape as the declared definition", () => {
    const echo = {
      ...def(),
      id: "5",
      status: "REJECTED",
      rejected_reason: "PROMOTIONAL",
      parameter_format: "positional",
    };
    expect(projectLive(echo)).toEqual(def());
  });
});

describe("diffTemplate", () => {
  it("creates when nothing is live", () => {
    expect(diffTemplate({ wabaId: "waba-1", definition: def() }, undefined, []).action).toBe("create");
  });

  it("is a no-op for an identical definition, whatever the status", () => {
    const r = diffTemplate({ wabaId: "waba-1", definition: def() }, live({ status: "PENDING" }), [hoursAgo(1)], NOW);
    expect(r).toMatchObject({ action: "none", changes: [] });
    expect(r.refusal).toBeUndefined();
  });

  it("replaces on name, language or WABA change and warns about the name lock", () => {
    const renamed = { ...def(), name: "order_status" };
    const r = diffTemplate({ wabaId: "waba-1", definition: renamed }, live(), [], NOW);
    expect(r).toMatchObject({ action: "replace", replaces: ["name"] });
    expect(r.warnings.join()).toContain("locks that name for 30 days");
    expect(
      diffTemplate({ wabaId: "waba-2", definition: { ...def(), language: "es_MX" } }, live(), [], NOW).replaces,
    ).toEqual(["wabaId", "language"]);
  });

  it("updates an approved template within budget", () => {
    const r = diffTemplate({ wabaId: "waba-1", definition: def("Hello {{1}}") }, live(), [hoursAgo(25)], NOW);
    expect(r).toMatchObject({ action: "update", changes: ["components"] });
    expect(r.refusal).toBeUndefined();
  });

  // Each refusal names the template and the limit.
  it.each([
    [
      "a PENDING template",
      live({ status: "PENDING" }),
      [],
      /order_update \(en_US\) is PENDING; Meta accepts edits only of APPROVED, REJECTED or PAUSED/,
    ],
    ["a DISABLED template", live({ status: "DISABLED" }), [], /is DISABLED/],
    ["the 24 h budget", live(), [hoursAgo(3)], /allows 1 edit per 24 h for an APPROVED template/],
    [
      "the 30 day budget",
      live(),
      Array.from({ length: 10 }, (_, i) => hoursAgo(30 + i * 24)),
      /edited 10 times in 30 days; Meta allows 10/,
    ],
  ])("refuses an edit of %s", (_case, state, history, message) => {
    const r = diffTemplate({ wabaId: "waba-1", definition: def("Hello {{1}}") }, state, history, NOW);
    expect(r.action).toBe("update");
    expect(r.refusal).toMatch(message);
  });

  it("refuses an approved category change but lets REJECTED and PAUSED templates be edited without budget", () => {
    const marketing = { ...def(), category: "MARKETING" };
    expect(diffTemplate({ wabaId: "waba-1", definition: marketing }, live(), [], NOW).refusal).toMatch(
      /does not allow changing an approved template's category/,
    );
    for (const status of ["REJECTED", "PAUSED"]) {
      const r = diffTemplate(
        { wabaId: "waba-1", definition: def("Hello {{1}}") },
        live({ status }),
        [hoursAgo(1)],
        NOW,
      );
      expect(r.refusal).toBeUndefined();
    }
  });

  it("warns about rejection and Meta's recategorization", () => {
    const r = diffTemplate(
      { wabaId: "waba-1", definition: def() },
      live({ status: "REJECTED", category: "MARKETING" }),
      [],
      NOW,
    );
    expect(r.warnings).toEqual([
      "template order_update (en_US) is REJECTED at Meta; it cannot be sent",
      "template order_update (en_US) was recategorized by Meta from UTILITY to MARKETING; update the YAML to MARKETING (an approved template's category cannot be edited)",
    ]);
  });
});

describe("budget and warnings", () => {
  it("counts edits in the last 24 h and 30 days, ignoring junk", () => {
    expect(editBudgetUsed([hoursAgo(1), hoursAgo(48), hoursAgo(24 * 31), "not a date"], NOW)).toEqual({
      day: 1,
      month: 2,
    });
  });

  it("says nothing about an approved template in its requested category", () => {
    expect(
      statusWarnings("a (en_US)", { status: "APPROVED", category: "UTILITY", requestedCategory: "UTILITY" }),
    ).toEqual([]);
  });
});
