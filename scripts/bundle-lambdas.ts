/**
 * Bundles both Lambda handlers with esbuild and prints each bundle's size and module init time: a fresh Node process
 * imports the bundle and runs the handler once on an empty batch, so client construction and env parsing count.
 *
 * Two builds are measured:
 *   deploy  the deployment's build (src/pulumi/runtime/bundle.ts): AWS SDK bundled, zod whole
 *   slim    zod's 40 translation locales stubbed (only `en` is used; ~260 KB) and the AWS SDK v3 left to the
 *           nodejs24.x runtime, which ships it (the tests then no longer pin the SDK version that runs)
 *
 *   npm run bundle -- [--out dist/lambdas] [--runs 5]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BuiltBundle, buildRuntimeBundles, HANDLER_ENTRIES, PROJECT_ROOT } from "../src/pulumi/runtime/bundle.ts";

/** Dummy environment so each handler can construct its clients (nothing is called on an empty batch). */
const ENV: Record<string, string> = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "x",
  AWS_SECRET_ACCESS_KEY: "x",
  INBOUND_TABLE: "inbound",
  CONVERSATIONS_TABLE: "conversations",
  ORDERS_TABLE: "orders",
  CONFIG_TABLE: "config",
  OUTBOUND_TABLE: "outbound",
  DEAD_LETTER_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/111122223333/dlq",
  SEND_QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/111122223333/send.fifo",
  POWERTOOLS_LOG_LEVEL: "ERROR",
  POWERTOOLS_METRICS_DISABLED: "true",
};

/** Size and init time of one bundle. */
export interface BundleFigures {
  name: string;
  file: string;
  bytes: number;
  /** Median over `runs` fresh processes: import of the bundle (module init). */
  importMs: number;
  /** Median: import plus the first (empty) invocation, which builds clients from the environment. */
  coldMs: number;
  /** Median CPU time of the import (less sensitive to a busy machine than wall time). */
  importCpuMs: number;
}

function measure(b: BuiltBundle, runs: number): BundleFigures {
  const script = `
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const t0 = performance.now(), c0 = cpu();
    const m = await import(${JSON.stringify(pathToFileURL(b.file).href)});
    const t1 = performance.now(), c1 = cpu();
    await m.handler({ Records: [] }, {});
    const t2 = performance.now();
    process.stdout.write(JSON.stringify([t1 - t0, t2 - t0, c1 - c0]));`;
  const samples: [number, number, number][] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, ...ENV },
    });
    samples.push(JSON.parse(out.toString()) as [number, number, number]);
  }
  const median = (xs: number[]) => xs.sort((a, c) => a - c)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return {
    name: b.name,
    file: b.file,
    bytes: b.bytes,
    importMs: median(samples.map((s) => s[0])),
    coldMs: median(samples.map((s) => s[1])),
    importCpuMs: median(samples.map((s) => s[2])),
  };
}

/** The slim build: zod locales stubbed, AWS SDK external (provided by the Lambda runtime). */
async function buildSlim(outDir: string): Promise<BuiltBundle[]> {
  const { build } = await import("esbuild");
  const out: BuiltBundle[] = [];
  for (const [name, entry] of Object.entries(HANDLER_ENTRIES) as [BuiltBundle["name"], string][]) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "index.mjs");
    await build({
      entryPoints: [join(PROJECT_ROOT, entry)],
      outfile: file,
      bundle: true,
      platform: "node",
      target: "node24",
      format: "esm",
      minify: true,
      legalComments: "none",
      logLevel: "silent",
      mainFields: ["module", "main"],
      external: ["@aws-sdk/*", "@smithy/*"],
      banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
      plugins: [
        {
          name: "zod-locales-en-only",
          setup(b) {
            b.onResolve({ filter: /locales\/index\.js$/ }, (a) =>
              a.importer.includes("/zod/") ? { path: "zod-locales", namespace: "stub" } : undefined,
            );
            b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export {};", loader: "js" }));
          },
        },
      ],
    });
    out.push({ name, dir, file, bytes: statSync(file).size });
  }
  return out;
}

/** Builds both bundles (deploy and slim) into `outDir` and measures them. */
export async function bundleAndMeasure(outDir: string, runs = 5): Promise<(BundleFigures & { build: string })[]> {
  const { built } = await buildRuntimeBundles(join(outDir, "deploy"));
  const slim = await buildSlim(join(outDir, "slim"));
  return [
    ...built.map((b) => ({ build: "deploy", ...measure(b, runs) })),
    ...slim.map((b) => ({ build: "slim", ...measure(b, runs) })),
  ];
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const out = resolve(PROJECT_ROOT, arg("out", "dist/lambdas"));
  const figures = await bundleAndMeasure(out, Number(arg("runs", "5")));
  for (const f of figures)
    process.stdout.write(
      `${f.build.padEnd(6)} ${f.name.padEnd(7)} ${(f.bytes / 1024).toFixed(0).padStart(5)} KB  init ${f.importMs.toFixed(0).padStart(4)} ms (cpu ${f.importCpuMs.toFixed(0)} ms)  ` +
        `init+first call ${f.coldMs.toFixed(0).padStart(4)} ms  ${f.file}\n`,
    );
}
