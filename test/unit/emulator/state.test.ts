import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, loadSeedFile, stateFromSeed } from "../../../src/emulator/seed.ts";
import { validateInput, WABA_ID } from "../../../src/emulator/shape.ts";
import { loadState, saveState } from "../../../src/emulator/state.ts";

describe("state persistence", () => {
  it("round-trips through an atomic write and leaves no temp file", () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-unit-"));
    const path = join(dir, "state.json");
    const state = stateFromSeed(DEFAULT_SEED, Date.UTC(2026, 0, 1));
    saveState(path, state);
    expect(loadState(path)).toEqual(state);
    expect(readdirSync(dir)).toEqual(["state.json"]);
    // A torn temp file from a crash mid-write does not affect the committed state.
    writeFileSync(`${path}.tmp-999`, '{"version":1,');
    expect(loadState(path)).toEqual(state);
    expect(loadState(join(dir, "missing.json"))).toBeUndefined();
  });

  it("builds the default estate with the contract ids", () => {
    const s = stateFromSeed(DEFAULT_SEED, 0);
    expect(Object.keys(s.wabas)).toEqual(["waba-0123456789abcdef0123456789abcdef"]);
    expect(Object.values(s.phones).map((p) => [p.id, p.metaPhoneNumberId, p.arn])).toEqual([
      [
        "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "420000000000001",
        "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      ],
      [
        "phone-number-id-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "420000000000002",
        "arn:aws:social-messaging:us-east-1:111122223333:phone-number-id/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      ],
    ]);
    expect(Object.values(s.templates).map((t) => `${t.name}/${t.language}/${t.status}`)).toEqual([
      "hello_world/en_US/APPROVED",
    ]);
  });
});

describe("seed files", () => {
  it("reads YAML and names the offending path of a bad seed", () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-seed-"));
    const good = join(dir, "good.yaml");
    writeFileSync(
      good,
      "accountId: '222233334444'\nwabas:\n  - id: waba-11111111111111111111111111111111\n    metaWabaId: '1'\n    name: Other\n    phoneNumbers:\n      - id: phone-number-id-22222222222222222222222222222222\n        metaPhoneNumberId: '2'\n        displayPhoneNumber: '+1 555 0100'\n        displayName: Other\n",
    );
    expect(loadSeedFile(good).wabas?.[0]?.name).toBe("Other");
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "wabas:\n  - id: waba-XYZ\n    metaWabaId: '1'\n    name: x\n");
    expect(() => loadSeedFile(bad)).toThrow(
      /bad\.yaml: invalid emulator seed:\n {2}wabas\.0\.id: must be waba- followed by 32/,
    );
    expect(existsSync(good) && readFileSync(good, "utf8").length).toBeGreaterThan(0);
  });
});

describe("validateInput", () => {
  it("lists every violation in the AWS style", () => {
    expect(() =>
      validateInput(
        { id: "x", maxResults: 0 },
        { id: WABA_ID, maxResults: { t: "int", min: 1, max: 100 }, name: { t: "string", req: true } },
      ),
    ).toThrow(
      "3 validation errors detected: Value 'x' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: (^waba-.*$)|(^arn:.*:waba\\/[0-9a-zA-Z]+$); Value 0 at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });
});
