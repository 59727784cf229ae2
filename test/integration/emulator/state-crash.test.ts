/** A process killed with SIGKILL in the middle of state writes never leaves a torn state file. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadState } from "../../../src/emulator/state.ts";

const NODE = join(process.cwd(), "node_modules/.bin/node");

describe("state file under kill -9", () => {
  it("always holds a complete state written by saveState", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "emu-crash-")), "state.json");
    // The writer rewrites a ~1 MB state as fast as it can, bumping a counter each time.
    const writer = `
      import { saveState } from ${JSON.stringify(join(process.cwd(), "src/emulator/state.ts"))};
      import { stateFromSeed, DEFAULT_SEED } from ${JSON.stringify(join(process.cwd(), "src/emulator/seed.ts"))};
      const s = stateFromSeed(DEFAULT_SEED, 0);
      for (let i = 0; i < 20000; i++) s.lastInbound["phone|" + i] = i;
      for (let n = 1; ; n++) { s.counters.waba = n; saveState(${JSON.stringify(path)}, s); if (n === 3) process.stdout.write("go\\n"); }
    `;
    const child = spawn(NODE, ["--input-type=module", "-e", writer], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const state = loadState(path);
    expect(state?.counters.waba).toBeGreaterThanOrEqual(3);
    expect(Object.keys(state?.lastInbound ?? {})).toHaveLength(20000);
    expect(() => JSON.parse(readFileSync(path, "utf8"))).not.toThrow();
  });
});
