import { describe, expect, it } from "vitest";
import { classifyDrift } from "../../../src/reconcile/drift.ts";
import type { LiveTemplateSummary } from "../../../src/reconcile/plan.ts";

const body = (text: string) => [{ type: "BODY", text }];
const summary = (over: Partial<LiveTemplateSummary> = {}): LiveTemplateSummary => ({
  name: "a",
  language: "en_US",
  metaTemplateId: "1",
  status: "APPROVED",
  category: "UTILITY",
  quality: "GREEN",
  ...over,
});
const desired = [
  {
    name: "a",
    language: "en_US",
    file: "a.yaml",
    definition: { name: "a", language: "en_US", category: "UTILITY", components: body("x") },
  },
];

describe("classifyDrift", () => {
  it("does not count PENDING templates as drift but lists them", () => {
    const r = classifyDrift({
      desired,
      summaries: new Map([["a:en_US", summary({ status: "PENDING" })]]),
      details: new Map([["a:en_US", { name: "a", language: "en_US", category: "UTILITY", components: body("x") }]]),
    });
    expect(r).toEqual({ findings: [], pending: ["a:en_US"], drifted: false });
  });

  it("reports a recategorization as Meta's change, not as an edit", () => {
    const r = classifyDrift({
      desired,
      summaries: new Map([["a:en_US", summary({ category: "MARKETING" })]]),
      details: new Map([["a:en_US", { name: "a", language: "en_US", category: "MARKETING", components: body("x") }]]),
    });
    expect(r.findings.map((f) => f.kind)).toEqual(["changed_by_meta"]);
    expect(r.drifted).toBe(true);
  });

  it("matches phone numbers declared by ARN and reports an unlinked one", () => {
    const r = classifyDrift({
      desired: [],
      summaries: new Map(),
      details: new Map(),
      phones: {
        desired: [
          {
            alias: "in",
            phoneNumberId: "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/aaaa",
            displayName: "Acme",
          },
          { alias: "mx", phoneNumberId: "phone-number-id-bbbb", displayName: "Acme MX" },
          { alias: "us", phoneNumberId: "phone-number-id-cccc" },
        ],
        live: [{ phoneNumberId: "phone-number-id-aaaa", displayName: "Acme" }],
      },
    });
    expect(r.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual(["display_name_mismatch mx"]);
    expect(r.findings[0]?.message).toContain("is not linked to the WABA");
  });
});
