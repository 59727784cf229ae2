#!/usr/bin/env bash
# e2e.sh: tier (d) for CI. Makes sure the Pulumi CLI exists (scripts/ensure-pulumi.sh builds it from the Go module
# proxy on first use, then caches it), then runs the end-to-end tests against the emulator with the real CLI.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
export PATH="$here/node_modules/.bin:$PATH"
bash scripts/ensure-pulumi.sh >/dev/null
exec npx vitest run -c vitest.e2e.config.ts "$@"
