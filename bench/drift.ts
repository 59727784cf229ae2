/**
 * `waba drift` at scale: 2,500 template-languages (500 names × 5 languages) declared in a generated config tree and
 * seeded live in an emulator WABA (in this process), with a few scripted drifts. Prints config load time, drift wall
 * time and the EUM calls made, against the expected pages + owned templates (+1 phone lookup).
 *
 *   npm run bench:drift -- [--names 500] [--runs 3]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EmulatorSeed, startEmulator } from "../src/emulator/index.ts";
import { buildDrift } from "../src/gitops/drift.ts";
import { loadEnvironment } from "../src/gitops/environment.ts";
import { clientFor } from "../src/gitops/live.ts";

const WABA = "waba-d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
const PHONE = "phone-number-id-d0d0d0d0d0d0d0d0d0d0d0d0d0d0d001";
const LANGUAGES = ["en_US", "es_MX", "pt_BR", "hi", "fr"];
const PAGE = 100;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const body = (n: number, lang: string) => ({
  type: "BODY",
  text: `Order {{1}} (${lang}, template ${n}) is ready for pickup at {{2}}.`,
  example: { body_text: [["AR-10293", "Store 7"]] },
});

const names = arg("names", 500);
const runs = arg("runs", 3);
const root = mkdtempSync(join(tmpdir(), "waba-bench-drift-"));
mkdirSync(join(root, "base", "templates"), { recursive: true });
mkdirSync(join(root, "envs"), { recursive: true });
writeFileSync(
  join(root, "envs", "bench.yaml"),
  `name: bench\naws:\n  region: us-east-1\nwaba:\n  id: ${WABA}\nphone_numbers:\n  in:\n    id: ${PHONE}\n    display_name: Bench\n`,
);
const seedTemplates: NonNullable<NonNullable<EmulatorSeed["wabas"]>[number]["templates"]> = [];
for (let n = 0; n < names; n++) {
  const name = `bench_${String(n).padStart(4, "0")}`;
  const languages = Object.fromEntries(LANGUAGES.map((l) => [l, { components: [body(n, l)] }]));
  writeFileSync(
    join(root, "base", "templates", `${name}.yaml`),
    JSON.stringify({ name, category: "UTILITY", languages }),
  );
  for (const l of LANGUAGES)
    seedTemplates.push({ name, language: l, category: "UTILITY", status: "APPROVED", components: [body(n, l)] });
}
const seed: EmulatorSeed = {
  accountId: "111122223333",
  region: "us-east-1",
  wabas: [
    {
      id: WABA,
      metaWabaId: "310000000000999",
      name: "Bench",
      registrationStatus: "COMPLETE",
      templateLimit: 100_000,
      phoneNumbers: [
        {
          id: PHONE,
          metaPhoneNumberId: "420000000000999",
          displayPhoneNumber: "+91 98765 00999",
          displayName: "Bench",
          qualityRating: "GREEN",
        },
      ],
      templates: seedTemplates,
    },
  ],
};

const emu = await startEmulator({ seed });
try {
  // Scripted drift: an out-of-band edit, a rejection, a recategorization.
  emu.admin.editTemplateOutOfBand({ wabaId: WABA, name: "bench_0001", language: "hi", components: [body(9999, "hi")] });
  emu.admin.setTemplateStatus({
    wabaId: WABA,
    name: "bench_0002",
    language: "en_US",
    status: "REJECTED",
    reason: "INVALID_FORMAT",
  });
  emu.admin.setTemplateCategory({ wabaId: WABA, name: "bench_0003", language: "fr", category: "MARKETING" });

  let t0 = performance.now();
  const env = await loadEnvironment(root, "bench");
  const loadMs = performance.now() - t0;
  const eum = clientFor(env.region, emu.url);
  const total = env.templates.length;
  const expectedPages = Math.max(1, Math.ceil(total / PAGE));
  console.log(`template-languages: ${total} declared and live (${names} names × ${LANGUAGES.length} languages)`);
  console.log(`config load + validate: ${loadMs.toFixed(0)} ms`);
  for (let r = 1; r <= runs; r++) {
    const before = emu.admin.callCounts();
    t0 = performance.now();
    const report = await buildDrift(env, eum);
    const ms = performance.now() - t0;
    const after = emu.admin.callCounts();
    const delta = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
    const calls = Object.values(delta).reduce((a, b) => a + b, 0);
    const kinds = report.findings.map((f) => f.kind).join(", ");
    console.log(
      `run ${r}: drift ${ms.toFixed(0)} ms wall; EUM calls ${calls} = List ${delta.ListWhatsAppMessageTemplates ?? 0} ` +
        `(expected pages ${expectedPages}) + Get ${delta.GetWhatsAppMessageTemplate ?? 0} (expected owned ${total}) + ` +
        `phone lookup ${delta.GetLinkedWhatsAppBusinessAccount ?? 0}; findings: ${kinds}`,
    );
  }
} finally {
  await emu.stop();
  rmSync(root, { recursive: true, force: true });
}
