#!/usr/bin/env node
// The `waba` command. Sources are TypeScript run directly by Node 24's type stripping (no build step).
// `npx waba` and npm scripts put the project's Node 24 (devDependency `node`) first on PATH.
const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  process.stderr.write(
    `waba needs Node 24 or newer (this is ${process.version}). Run it as \`npx waba …\` or through npm scripts,\n` +
      "which use the Node 24 installed by `npm ci`.\n",
  );
  process.exit(2);
}
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
