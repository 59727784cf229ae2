import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.ts";
import { listManualSteps } from "../../../src/config/manual-steps.ts";

describe("listManualSteps", () => {
  it("lists the example estate's profile picture and ice breakers with their positions", async () => {
    const root = fileURLToPath(new URL("../../../config", import.meta.url));
    const { model } = await loadConfig(root, { env: "prod" });
    const steps = listManualSteps(model).map((s) => `${s.kind}:${s.key} ${s.at.path}@${s.at.line} ${s.what}`);
    expect(steps).toEqual([
      "profile:profile profile_picture@13 upload the profile picture assets/profile-picture.png in WhatsApp Manager (Meta needs an upload handle, not a file)",
      'flow:main ice_breakers@57 set 3 ice breaker(s) in WhatsApp Manager: "Where is my order?", "What is on sale?", "Talk to a person"',
    ]);
  });
});
