/**
 * `npm run bench:preview [N ...]`: wall time of a no-change `pulumi preview` of N template resources against the
 * emulator (default N = 250 and 2,500), seconds per 100 resources, and the EUM calls made by a `pulumi refresh`
 * (from the emulator's call counters): the target is one paginated List per WABA plus one Get per template.
 * Uses the real CLI from scripts/ensure-pulumi.sh; the config is generated in a temp directory.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../src/emulator/index.ts";
import { createWorkspace, ensurePulumi, initStack, ROOT } from "../src/pulumi/workspace.ts";

const WABA = "waba-0123456789abcdef0123456789abcdef";
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);

/** A config tree with the example environment and N generated single-language templates. */
function generateConfig(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "waba-bench-config-"));
  cpSync(join(ROOT, "config", "envs"), join(dir, "envs"), { recursive: true });
  mkdirSync(join(dir, "base", "templates"), { recursive: true });
  for (let i = 0; i < n; i++) {
    const name = `bench_notice_${String(i).padStart(5, "0")}`;
    writeFileSync(
      join(dir, "base", "templates", `${name}.yaml`),
      [
        `name: ${name}`,
        "language: en_US",
        "category: UTILITY",
        "components:",
        "  - type: BODY",
        `    text: "Notice ${i}: your request {{1}} was updated."`,
        "    example:",
        '      body_text: [["R-1"]]',
        "",
      ].join("\n"),
    );
  }
  return dir;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

async function measure(n: number, bin: string): Promise<void> {
  const emu = await startEmulator();
  emu.admin.setTemplateLimit(WABA, n + 1000);
  const configRoot = generateConfig(n);
  try {
    const ws = createWorkspace(
      "local",
      { "aws:region": "us-east-1", "waba:eumEndpoint": emu.url },
      { bin, configRoot },
    );
    await initStack(ws, "local");
    let t = Date.now();
    // Setup only: without intermediate checkpoints the file backend does not rewrite the whole state per step.
    const setup = { env: { PULUMI_EXPERIMENTAL: "true", PULUMI_SKIP_CHECKPOINTS: "true" } };
    await ws.run(["up", "--yes", "--skip-preview", "--parallel", "16"], setup);
    const upMs = Date.now() - t;
    await new Promise((r) => setTimeout(r, 500));

    const before = emu.admin.callCounts();
    t = Date.now();
    await ws.run(["preview", "--expect-no-changes"]);
    const previewMs = Date.now() - t;
    const duringPreview = emu.admin.callCounts();

    t = Date.now();
    await ws.run(["refresh", "--yes", "--skip-preview"], setup);
    const refreshMs = Date.now() - t;
    const after = emu.admin.callCounts();
    const delta = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(
        Object.keys(b)
          .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)])
          .filter(([, v]) => (v as number) > 0),
      );
    const resources = n + 5; // templates + tags (3) + display names (2)
    process.stdout.write(
      [
        `N = ${n} templates (${resources} resources)`,
        `  up (create all):           ${seconds(upMs)} s`,
        `  preview, no changes:       ${seconds(previewMs)} s  = ${((previewMs / 1000 / resources) * 100).toFixed(2)} s per 100 resources`,
        `  EUM calls during preview:  ${JSON.stringify(delta(before, duringPreview))}`,
        `  refresh:                   ${seconds(refreshMs)} s`,
        `  EUM calls during refresh:  ${JSON.stringify(delta(duringPreview, after))}`,
        "",
      ].join("\n"),
    );
    await ws.run(["destroy", "--yes", "--skip-preview", "--parallel", "16"], setup);
    rmSync(ws.dir, { recursive: true, force: true });
  } finally {
    await emu.stop();
    rmSync(configRoot, { recursive: true, force: true });
  }
}

process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";
const bin = ensurePulumi();
for (const n of sizes.length > 0 ? sizes : [250, 2500]) await measure(n, bin);
