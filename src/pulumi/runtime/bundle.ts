/**
 * Builds the Lambda bundles with esbuild: one directory per function holding `index.mjs` (ESM, Node 24, arm64-neutral
 * JavaScript, AWS SDK included so the deployed code runs the SDK version the tests ran) and its source map.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuntimeBundles } from "./args.ts";

/** Project root (this file is src/pulumi/runtime/bundle.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Handler entry point of each function, relative to the project root. */
export const HANDLER_ENTRIES: Record<keyof RuntimeBundles, string> = {
  ingest: "src/runtime/inbound/handler.ts",
  sender: "src/runtime/outbound/handler.ts",
};

/**
 * zod ships error messages in ~50 languages (about 250 KiB bundled); the handlers only log English messages, so
 * every locale but `en` is replaced by a stub that defers to the default message.
 */
const zodLocaleStub = {
  name: "zod-locale-stub",
  setup(b: import("esbuild").PluginBuild) {
    b.onResolve({ filter: /locales\/[a-zA-Z-]+\.(js|cjs)$/ }, (args) =>
      /\/en\.(js|cjs)$/.test(args.path) ? undefined : { path: args.path, namespace: "zod-locale-stub" },
    );
    b.onLoad({ filter: /.*/, namespace: "zod-locale-stub" }, () => ({
      contents: "export default function () { return { localeError: () => undefined }; }",
      loader: "js",
    }));
  },
};

/** One built bundle. */
export interface BuiltBundle {
  name: keyof RuntimeBundles;
  dir: string;
  file: string;
  bytes: number;
}

/** A handler entry is missing (the handler has not been written, or was moved). */
export class MissingHandlerError extends Error {
  constructor(name: string, entry: string) {
    super(`cannot bundle the ${name} Lambda: ${entry} does not exist`);
    this.name = "MissingHandlerError";
  }
}

/** Builds every bundle into `outDir/<name>/index.mjs`; returns the directories (component input) and sizes. */
export async function buildRuntimeBundles(
  outDir: string,
  opts: { minify?: boolean; root?: string; only?: (keyof RuntimeBundles)[] } = {},
): Promise<{ bundles: Partial<RuntimeBundles>; built: BuiltBundle[] }> {
  const { build } = await import("esbuild");
  const root = opts.root ?? PROJECT_ROOT;
  const built: BuiltBundle[] = [];
  for (const [name, entry] of Object.entries(HANDLER_ENTRIES) as [keyof RuntimeBundles, string][]) {
    if (opts.only !== undefined && !opts.only.includes(name)) continue;
    const src = join(root, entry);
    try {
      statSync(src);
    } catch {
      throw new MissingHandlerError(name, entry);
    }
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "index.mjs");
    await build({
      entryPoints: [src],
      outfile: file,
      bundle: true,
      platform: "node",
      target: "node24",
      format: "esm",
      minify: opts.minify ?? true,
      sourcemap: true,
      legalComments: "none",
      logLevel: "silent",
      mainFields: ["module", "main"],
      plugins: [zodLocaleStub],
      // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __wabaCreateRequire } from 'node:module'; const require = __wabaCreateRequire(import.meta.url);",
      },
    });
    built.push({ name, dir, file, bytes: statSync(file).size });
  }
  const bundles: Partial<RuntimeBundles> = Object.fromEntries(built.map((b) => [b.name, b.dir]));
  return { bundles, built };
}
