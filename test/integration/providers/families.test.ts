/** EventDestination, ResourceTags, DisplayName and RuntimeConfig implementations against the emulator and moto. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as display from "../../../providers/impl/display-name.ts";
import * as events from "../../../providers/impl/event-destination.ts";
import * as tags from "../../../providers/impl/resource-tags.ts";
import * as runtime from "../../../providers/impl/runtime-config.ts";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { getConfigItem } from "../../../src/runtime/config-store.ts";
import { createConfigTable, PHONE, useEndpoints, WABA, WABA_ARN } from "./support.ts";

let emu: RunningEmulator;
let store: Awaited<ReturnType<typeof createConfigTable>>;

beforeAll(async () => {
  emu = await startEmulator({ awsEndpoint: process.env.MOTO_URL as string });
  store = await createConfigTable();
});
afterAll(async () => {
  await emu?.stop();
});
beforeEach(() => {
  emu.admin.reset();
  useEndpoints(emu.url, store.table);
});

describe("EventDestination", () => {
  const topic = "arn:aws:sns:us-east-1:111122223333:waba-events";
  const role = "arn:aws:iam::111122223333:role/eum-publish";

  it("sets, reads, detects a change and resets to none on delete", async () => {
    const { id, outs } = await events.create({ wabaId: WABA, destinationArn: topic, roleArn: role });
    expect((await events.read(id, outs)).props).toEqual({ wabaId: WABA, destinationArn: topic, roleArn: role });

    const other = { wabaId: WABA, destinationArn: "arn:aws:sns:us-east-1:111122223333:other" };
    expect((await events.diff(id, outs, other)).changes).toBe(true);
    await events.update(id, outs, other);
    const drifted = await events.read(id, outs);
    expect((await events.diff(id, drifted.props as events.EventDestinationOutputs, outs)).changes).toBe(true);

    await events.delete(id, other);
    expect((await events.read(id, other)).props).toEqual({ wabaId: WABA });
  });

  it("rejects a malformed role ARN in check", async () => {
    const r = await events.check({}, { wabaId: WABA, destinationArn: topic, roleArn: "role/x" });
    expect(r.failures).toEqual([{ property: "roleArn", reason: '"role/x" is not an IAM role ARN' }]);
  });
});

describe("ResourceTags", () => {
  it("tags the WABA by id, removes only the keys it owned, and sees drift on its own keys", async () => {
    const { id, outs } = await tags.create({ resourceId: WABA, tags: { "managed-by": "waba-config", env: "local" } });
    expect(id).toBe(WABA_ARN);

    const updated = await tags.update(id, outs, { resourceId: WABA, tags: { "managed-by": "waba-config" } });
    const r = await tags.read(id, updated.outs);
    expect(r.props?.tags).toEqual({ "managed-by": "waba-config" });

    await tags.delete(id, updated.outs);
    expect((await tags.read(id, updated.outs)).props?.tags).toEqual({});
  });
});

describe("DisplayName", () => {
  it("matches the seeded name, and reports a mismatch as a manual step, not a change", async () => {
    const ok = await display.create({ phoneNumberId: PHONE, expected: "Acme Retail" });
    expect(ok.outs).toMatchObject({ matches: true, actual: "Acme Retail", manualStep: "" });

    emu.admin.setDisplayName({ phoneNumberId: PHONE, name: "Acme Retail Old" });
    const r = await display.read(ok.id, ok.outs);
    expect(r.props).toMatchObject({ matches: false, actual: "Acme Retail Old" });
    expect(r.props?.manualStep).toContain('request the display name "Acme Retail"');
    expect(
      (
        await display.diff(ok.id, r.props as display.DisplayNameOutputs, {
          phoneNumberId: PHONE,
          expected: "Acme Retail",
        })
      ).changes,
    ).toBe(false);
  });
});

describe("RuntimeConfig", () => {
  it("writes a versioned document, bumps the version only on change, and deletes it", async () => {
    const inputs = {
      kind: "BusinessProfile" as const,
      id: "profile",
      content: { about: "Hi" },
      manualSteps: ["set it in WhatsApp Manager"],
    };
    const { id, outs } = await runtime.create(inputs);
    expect(outs).toMatchObject({ version: 1, table: store.table });
    expect((await runtime.diff(id, outs, inputs)).changes).toBe(false);

    const changed = { ...inputs, content: { about: "Hello" } };
    expect((await runtime.diff(id, outs, changed)).changes).toBe(true);
    const u = await runtime.update(id, outs, changed);
    expect(u.outs.version).toBe(2);
    expect((await getConfigItem(store.db, store.table, "BusinessProfile", "profile"))?.content).toEqual({
      about: "Hello",
    });

    await runtime.delete(id, u.outs);
    expect((await runtime.read(id, u.outs)).id).toBe("");
  });
});
