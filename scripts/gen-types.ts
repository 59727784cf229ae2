/**
 * Generates TypeScript types for every `schemas/*.schema.json` into `schemas/generated/<name>.ts`.
 * `--check` writes nothing and exits 1 when the committed output differs from what would be generated.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemasDir = join(root, "schemas");
const outDir = join(schemasDir, "generated");

const BANNER = (source: string) =>
  `/**\n * DO NOT EDIT: generated from schemas/${source} by scripts/gen-types.ts.\n * Run \`npm run gen\` to regenerate.\n */`;

/** Renders the generated module for every schema, keyed by output file name. */
export async function generateTypes(): Promise<Map<string, string>> {
  const files = (await readdir(schemasDir)).filter((f) => f.endsWith(".schema.json")).sort();
  const out = new Map<string, string>();
  for (const file of files) {
    const schema = JSON.parse(await readFile(join(schemasDir, file), "utf8"));
    const ts = await compile(schema, schema.title ?? basename(file, ".schema.json"), {
      bannerComment: BANNER(file),
      additionalProperties: false,
      cwd: schemasDir,
      declareExternallyReferenced: true,
      format: true,
      style: { printWidth: 120 },
      unreachableDefinitions: true,
    });
    out.set(`${basename(file, ".schema.json")}.ts`, ts);
  }
  return out;
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const generated = await generateTypes();
  const existing = new Set((await readdir(outDir).catch(() => [] as string[])).filter((f) => f.endsWith(".ts")));
  const drift: string[] = [];
  for (const [name, text] of generated) {
    const path = join(outDir, name);
    const current = await readFile(path, "utf8").catch(() => undefined);
    if (current === text) continue;
    if (check) drift.push(name);
    else await writeFile(path, text);
  }
  for (const name of existing) if (!generated.has(name)) drift.push(`${name} (no schema)`);
  if (check && drift.length > 0) {
    process.stderr.write(`schemas/generated is out of date: ${drift.join(", ")}. Run \`npm run gen\`.\n`);
    return 1;
  }
  if (!check) process.stdout.write(`generated ${generated.size} type module(s) in schemas/generated\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
