#!/usr/bin/env bash
# ensure-pulumi.sh: make a Pulumi CLI and its Node.js language host available, offline except for the Go
# module proxy. Prints the directory that holds `pulumi` as the LAST line of stdout; progress goes to stderr.
#
#   1. `pulumi` on PATH with `pulumi-language-nodejs` beside it or on PATH: print its directory (skip this
#      with WABA_PULUMI_IGNORE_PATH=1).
#   2. A complete cached build in ${WABA_PULUMI_CACHE:-$HOME/.cache/waba-config/pulumi}/<version>/bin: print it.
#   3. Otherwise build both programs with `go get` + `go build` from the Go module proxy (get.pulumi.com is not
#      reachable here) and move the result into the cache in one `mv`, so an interrupted build leaves nothing.
#
# Why these versions (the Go module proxy serves only some versions of these modules):
#   - CLI: github.com/pulumi/pulumi/pkg/v3 v3.274.1. The zip of pkg/v3 v3.270.0 (the version of our npm
#     @pulumi/pulumi) is refused by the proxy (HTTP 403); v3.274.1 is the nearest version it serves.
#     A newer CLI than the Node SDK is a supported combination.
#   - Language host: the module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is not served
#     at any version. The newest served module that still contains the host is sdk/v3 v3.68.0 (the host moved
#     to its own module afterwards). The current engine still supports such an old host (it falls back from
#     GetRequiredPackages/Handshake), and the SDK's cmd/run still takes the arguments it passes.
#     Limits of that host: it ignores `runtime.options` in Pulumi.yaml (the engine now sends them over gRPC,
#     the old host only reads flags), so bin/pulumi-language-nodejs is a small wrapper that passes
#     -typescript/-tsconfig/-nodeargs from WABA_PULUMI_NODEJS_TYPESCRIPT (default true, like upstream),
#     WABA_PULUMI_NODEJS_TSCONFIG and WABA_PULUMI_NODEJS_NODEARGS; and its resource-monitor proxy forwards only
#     the 2023 RPCs (register/read resource, outputs, invoke, call, supportsFeature), so stack transforms
#     (registerResourceTransform), resource hooks and parameterized packages fail.
#   - bin/pulumi-resource-pulumi-nodejs: the dynamic-provider plugin, a copy of the shim that @pulumi/pulumi
#     ships; beside `pulumi` it counts as bundled, so the engine does not warn "using ... from $PATH".
#
# Environment: WABA_PULUMI_CACHE, WABA_PULUMI_IGNORE_PATH, WABA_PULUMI_GET_TIMEOUT (s, default 1200),
# WABA_PULUMI_BUILD_TIMEOUT (s per binary, default 3600). GOPROXY/GOFLAGS etc. are the caller's; the Go module
# and build caches stay in their default places so a rebuild is fast.
set -euo pipefail

readonly CLI_VERSION="v3.274.1"
readonly HOST_SDK_VERSION="v3.68.0"
readonly CLI_PKG="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
readonly HOST_PKG="github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
readonly VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- 1. already on PATH ---------------------------------------------------------------------------------------
if [[ "${WABA_PULUMI_IGNORE_PATH:-}" != "1" ]] && path_pulumi="$(command -v pulumi 2>/dev/null)"; then
  real_dir="$(dirname "$(readlink -f "$path_pulumi")")"
  if [[ -x "$real_dir/pulumi-language-nodejs" ]] || command -v pulumi-language-nodejs >/dev/null 2>&1; then
    log "using pulumi on PATH: $path_pulumi"
    dirname "$path_pulumi"
    exit 0
  fi
  log "pulumi on PATH ($path_pulumi) has no pulumi-language-nodejs beside it or on PATH; using the cache"
fi

# --- 2. cache ---------------------------------------------------------------------------------------------------
cache_root="${WABA_PULUMI_CACHE:-${HOME:?HOME is not set}/.cache/waba-config/pulumi}"
version_dir="$cache_root/$CLI_VERSION"
bin_dir="$version_dir/bin"

complete() {
  local d="$1"
  [[ -x "$d/bin/pulumi" && -x "$d/bin/pulumi-language-nodejs" && -x "$d/bin/pulumi-resource-pulumi-nodejs" \
    && -x "$d/libexec/pulumi-language-nodejs" ]]
}

if complete "$version_dir"; then
  log "using cached build in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

# --- 3. build -------------------------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "go is not on PATH; it is needed to build the Pulumi CLI ($CLI_VERSION)"
command -v timeout >/dev/null 2>&1 || die "coreutils 'timeout' is not on PATH"
get_timeout="${WABA_PULUMI_GET_TIMEOUT:-1200}"
build_timeout="${WABA_PULUMI_BUILD_TIMEOUT:-3600}"

mkdir -p "$cache_root"

# One builder at a time per cache; bounded wait.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.lock"
  if ! flock -n 9; then
    log "another build holds $cache_root/.lock; waiting up to ${build_timeout}s"
    flock -w "$build_timeout" 9 || die "timed out waiting for $cache_root/.lock"
  fi
  if complete "$version_dir"; then
    log "another process finished the build: $bin_dir"
    echo "$bin_dir"
    exit 0
  fi
  rm -rf "$cache_root"/.stage-* # left by a killed build; we hold the lock, so none is in use
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/waba-pulumi-build.XXXXXX")"
stage="$(mktemp -d "$cache_root/.stage-$CLI_VERSION.XXXXXX")" # same filesystem as the target: mv is atomic
child=""
cleanup() { rm -rf "$work" "$stage"; }
on_signal() {
  # `timeout` runs in its own process group, so stop it (and with it `go`) explicitly.
  if [[ -n "$child" ]]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  log "interrupted; nothing was written to $version_dir"
  exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"

# step NAME SECONDS DIR CMD...: run CMD in DIR with a time limit; on failure name the step and the command.
step() {
  local name="$1" secs="$2" dir="$3"
  shift 3
  local cmd rc=0
  cmd="$(printf '%q ' "$@")"
  log "[$name] (cd $dir && ${cmd% })"
  (cd "$dir" && exec timeout --kill-after=30 "$secs" "$@") >&2 &
  child=$!
  wait "$child" || rc=$?
  child=""
  if ((rc != 0)); then
    if ((rc == 124 || rc == 137)); then
      die "step '$name' timed out after ${secs}s: (cd $dir && ${cmd% })"
    fi
    die "step '$name' failed (exit $rc): (cd $dir && ${cmd% })"
  fi
}

started=$SECONDS
mkdir -p "$stage/bin" "$stage/libexec" "$work/cli" "$work/host"
go_flags=(-tags osusergo,grpcnotrace -trimpath)

# The CLI and the host need different versions of sdk/v3, so each gets its own throwaway module.
step "go mod init (cli)" 60 "$work/cli" go mod init example.invalid/waba-pulumi-cli
step "go get (cli)" "$get_timeout" "$work/cli" go get "$CLI_PKG@$CLI_VERSION"
step "go build (cli)" "$build_timeout" "$work/cli" go build "${go_flags[@]}" \
  -ldflags "-s -w -X $VERSION_VAR=$CLI_VERSION" -o "$stage/bin/pulumi" "$CLI_PKG"

step "go mod init (language host)" 60 "$work/host" go mod init example.invalid/waba-pulumi-langhost
step "go get (language host)" "$get_timeout" "$work/host" go get "$HOST_PKG@$HOST_SDK_VERSION"
step "go build (language host)" "$build_timeout" "$work/host" go build "${go_flags[@]}" \
  -ldflags "-s -w -X $VERSION_VAR=$HOST_SDK_VERSION" -o "$stage/libexec/pulumi-language-nodejs" "$HOST_PKG"

cat >"$stage/bin/pulumi-language-nodejs" <<'EOF'
#!/bin/sh
# Wrapper written by waba-config scripts/ensure-pulumi.sh: the engine passes only its address, and this
# (v3.68.0) host reads the Pulumi.yaml runtime options only as flags, so they come from the environment.
here=$(dirname "$(readlink -f "$0")")
exec "$here/../libexec/pulumi-language-nodejs" \
  -typescript="${WABA_PULUMI_NODEJS_TYPESCRIPT:-true}" \
  -tsconfig="${WABA_PULUMI_NODEJS_TSCONFIG:-}" \
  -nodeargs="${WABA_PULUMI_NODEJS_NODEARGS:-}" \
  "$@"
EOF

cat >"$stage/bin/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
# Dynamic-provider plugin, same behaviour as the shim in @pulumi/pulumi: resolve the SDK from the working
# directory (the engine starts plugins in the project directory) and run its dynamic-provider host.
script=$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))") || exit 1
exec node "$script" "$@"
EOF
chmod 0755 "$stage/bin/pulumi-language-nodejs" "$stage/bin/pulumi-resource-pulumi-nodejs"

log "[verify] $stage/bin/pulumi version"
got="$(PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="$work/pulumi-home" timeout 60 "$stage/bin/pulumi" version)" \
  || die "step 'verify' failed: $stage/bin/pulumi version"
[[ "$got" == "$CLI_VERSION" ]] || die "step 'verify': 'pulumi version' printed '$got', expected $CLI_VERSION"

printf 'cli %s (%s)\nlanguage-host %s (%s)\ngo %s\nbuilt %s\n' "$CLI_VERSION" "$CLI_PKG" "$HOST_SDK_VERSION" \
  "$HOST_PKG" "$(go env GOVERSION)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$stage/BUILD-INFO"
chmod 0755 "$stage"

rm -rf "$version_dir" # an incomplete leftover from an older script version; a complete one returned above
mv -T "$stage" "$version_dir" || die "could not move $stage to $version_dir"
log "built $CLI_VERSION in $((SECONDS - started))s: $bin_dir"
echo "$bin_dir"
