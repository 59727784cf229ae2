# pulumi-env.sh: source me (bash or zsh) to run the Pulumi CLI offline against a local file backend:
#
#   source scripts/pulumi-env.sh && pulumi stack select --create dev && pulumi preview
#
# Builds or finds the CLI with scripts/ensure-pulumi.sh (the first build takes a few minutes), then sets:
#   PATH        <bin dir from ensure-pulumi.sh>, $PROJECT/node_modules/.bin (Node 24 from the `node`
#               devDependency), $PROJECT/node_modules/@pulumi/pulumi (the SDK's pulumi-resource-pulumi-nodejs
#               shim, a fallback: the bin dir has its own copy, which keeps the engine from warning)
#   PULUMI_SKIP_UPDATE_CHECK=true, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true (no network attempts)
#   PULUMI_HOME          default $PROJECT/.pulumi-home
#   PULUMI_BACKEND_URL   default file://$PROJECT/.pulumi-state (the directory is created)
#   PULUMI_CONFIG_PASSPHRASE  "" when neither it nor PULUMI_CONFIG_PASSPHRASE_FILE is set (an empty passphrase
#               is accepted as long as the variable exists)
#   WABA_PULUMI_NODEJS_TYPESCRIPT  default false: the program's .ts files run through Node 24's own type
#               stripping, not ts-node (the language host cannot read `typescript: false` from Pulumi.yaml)
# Variables already set are kept. Returns non-zero (without exiting the shell) if the CLI cannot be provided.

_waba_pulumi_env() {
  local src project out bin
  if [ -n "${BASH_SOURCE:-}" ]; then
    src="${BASH_SOURCE[0]}"
  elif [ -n "${ZSH_VERSION:-}" ]; then
    # shellcheck disable=SC2296
    src="${(%):-%x}"
  else
    src="$0"
  fi
  project="$(cd "$(dirname "$src")/.." && pwd)" || return 1

  out="$(bash "$project/scripts/ensure-pulumi.sh")" || {
    echo "pulumi-env.sh: scripts/ensure-pulumi.sh failed; environment unchanged" >&2
    return 1
  }
  bin="$(printf '%s\n' "$out" | tail -n 1)"
  [ -x "$bin/pulumi" ] || {
    echo "pulumi-env.sh: ensure-pulumi.sh printed '$bin', which has no pulumi" >&2
    return 1
  }

  local prefix="$bin:$project/node_modules/.bin:$project/node_modules/@pulumi/pulumi"
  case "$PATH:" in
    "$prefix:"*) ;; # sourced before: keep PATH as it is
    *) PATH="$prefix${PATH:+:$PATH}" ;;
  esac
  export PATH

  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_HOME="${PULUMI_HOME:-$project/.pulumi-home}"
  export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$project/.pulumi-state}"
  case "$PULUMI_BACKEND_URL" in
    file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
  esac
  if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE=""
  fi
  export WABA_PULUMI_NODEJS_TYPESCRIPT="${WABA_PULUMI_NODEJS_TYPESCRIPT:-false}"
  export WABA_PULUMI_BIN="$bin"
}

if _waba_pulumi_env; then
  unset -f _waba_pulumi_env
else
  unset -f _waba_pulumi_env
  # shellcheck disable=SC2317
  return 1 2>/dev/null || exit 1
fi
