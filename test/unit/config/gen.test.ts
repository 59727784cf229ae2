import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateTypes } from "../../../scripts/gen-types.ts";

describe("schemas/generated", () => {
  it("matches what npm run gen produces from schemas/*.schema.json", async () => {
    const generated = await generateTypes();
    expect([...generated.keys()]).toContain("conversation-flow.ts");
    for (const [name, text] of generated) {
      const committed = readFileSync(new URL(`../../../schemas/generated/${name}`, import.meta.url), "utf8");
      expect(committed, `schemas/generated/${name} is stale: run npm run gen`).toBe(text);
    }
  });
});
