import { describe, expect, it } from "vitest";
import { renderRulesDoc } from "../../../../src/config/rules/doc.ts";
import { listRules } from "../../../../src/config/rules/index.ts";

describe("docs/rules.md", () => {
  it("matches listRules() (regenerate with -u after changing a rule)", async () => {
    await expect(renderRulesDoc(listRules())).toMatchFileSnapshot("../../../../docs/rules.md");
  });
});
