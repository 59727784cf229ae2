/**
 * Shared setup for the GitOps integration tests: a copy of the example config's base declarations with two
 * environments ("a" on the emulator's default WABA, "b" on a second seeded WABA), an emulator seeded with both,
 * deployment of an environment's templates through src/eum (what `pulumi up` would create), and `bin/waba.js`
 * run as a subprocess.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SocialMessagingClient } from "@aws-sdk/client-socialmessaging";
import { DEFAULT_SEED, type EmulatorSeed, type RunningEmulator, startEmulator } from "../../../src/emulator/index.ts";
import { createTemplate } from "../../../src/eum/templates.ts";
import { loadEnvironment } from "../../../src/gitops/environment.ts";

export const PROJECT = resolve(import.meta.dirname, "..", "..", "..");
export const WABA_A = "waba-0123456789abcdef0123456789abcdef";
export const WABA_B = "waba-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
export const PHONE_A = "phone-number-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
export const PHONE_B = "phone-number-id-b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

/** The default seed plus WABA B with one phone number and no templates. */
export function twoWabaSeed(): EmulatorSeed {
  const base = structuredClone(DEFAULT_SEED);
  base.wabas = [
    ...(base.wabas ?? []),
    {
      id: WABA_B,
      metaWabaId: "310000000000002",
      name: "Acme Retail (b)",
      registrationStatus: "COMPLETE",
      linkDate: 1767225600,
      phoneNumbers: [
        {
          id: PHONE_B,
          metaPhoneNumberId: "420000000000003",
          displayPhoneNumber: "+91 98765 00003",
          displayName: "Acme Retail B",
          qualityRating: "GREEN",
        },
      ],
      templates: [],
    },
  ];
  return base;
}

/** Environment "a": the default WABA, four templates (10 template-languages; the flow needs the flash sale). */
export const ENV_A = `# yaml-language-server: $schema=../../schemas/environment.schema.json
name: a
aws:
  region: us-east-1
waba:
  id: ${WABA_A}
phone_numbers:
  in:
    id: ${PHONE_A}
    display_name: Acme Retail
templates:
  include: [shipping_update, login_otp, payment_*, festival_flash_sale]
`;

/** Environment "b": WABA B; shipping updates and the three-word names are not promoted yet. */
export const ENV_B = `# yaml-language-server: $schema=../../schemas/environment.schema.json
# Environment b: second WABA.
name: b
aws:
  region: us-east-1
waba:
  id: ${WABA_B}
phone_numbers:
  in:
    id: ${PHONE_B}
    display_name: Acme Retail B
templates:
  # Held back until approved in a.
  exclude: [shipping_update, "*_*_*"] # marketing names have three words
flows:
  exclude: [main]
tags:
  env: b
`;

/** A running emulator with a scratch config tree. */
export interface GitopsFixture {
  emu: RunningEmulator;
  root: string;
  eum: SocialMessagingClient;
  cleanup(): Promise<void>;
}

/** Copies config/base into a temp root, writes envs a and b, starts the two-WABA emulator. */
export async function startFixture(): Promise<GitopsFixture> {
  const root = mkdtempSync(join(tmpdir(), "waba-gitops-"));
  cpSync(join(PROJECT, "config", "base"), join(root, "base"), { recursive: true });
  writeEnvs(root);
  const emu = await startEmulator({ seed: twoWabaSeed() });
  const eum = new SocialMessagingClient({
    endpoint: emu.url,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  return {
    emu,
    root,
    eum,
    async cleanup() {
      await emu.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** (Re)writes envs/a.yaml and envs/b.yaml under `root`. */
export function writeEnvs(root: string, a = ENV_A, b = ENV_B): void {
  mkdirSync(join(root, "envs"), { recursive: true });
  writeFileSync(join(root, "envs", "a.yaml"), a);
  writeFileSync(join(root, "envs", "b.yaml"), b);
}

/** Creates every declared template of an environment in its WABA and waits for Meta's review to run. */
export async function deploy(f: GitopsFixture, env: string): Promise<void> {
  const e = await loadEnvironment(f.root, env);
  for (const t of e.templates)
    await createTemplate(f.eum, e.wabaId, t.definition as Record<string, unknown> & { name: string; language: string });
  await settle(f);
}

/** Lets the emulator's review (next tick) decide pending templates. */
export async function settle(f: GitopsFixture): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  f.emu.admin.advanceClock(1);
}

/** Runs `bin/waba.js` with the project's Node (process.execPath) and returns its exit code and output. */
export function runWaba(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(PROJECT, "bin", "waba.js"), ...args], {
      cwd: opts.cwd ?? PROJECT,
      env: { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
