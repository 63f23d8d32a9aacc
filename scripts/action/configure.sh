#!/bin/sh
# Step 2 of the GitHub Action (action.yml): the go shim first on PATH for the steps after this
# one (GITHUB_PATH), the inputs as GOMODSHIM_* settings and a history database of this job's
# own (GITHUB_ENV). Inputs are checked before anything is written: a value gomod-shim would
# not accept fails this step now, not the first hang.
set -eu

# An error annotation on the job; % is escaped as workflow commands need.
fail() {
  printf '::error title=gomod-shim::%s\n' "$(printf '%s' "$*" | sed 's/%/%25/g')"
  exit 1
}

root=${GITHUB_ACTION_PATH:?is not set: this script is a step of action.yml}
: "${GITHUB_PATH:?is not set: this script is a step of action.yml}"
: "${GITHUB_ENV:?is not set: this script is a step of action.yml}"
db=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/gomod-shim/history.db

newline='
'
cr=$(printf '\r')
env_lines=''
# setting NAME INPUT VALUE: exported here (to check it) and kept for GITHUB_ENV.
setting() {
  [ -n "$3" ] || return 0
  case $3 in
    *"$newline"* | *"$cr"*) fail "the input $2 holds a line break" ;;
  esac
  export "$1=$3"
  env_lines="$env_lines$1=$3$newline"
}
setting GOMODSHIM_HANG_AFTER hang-after "${INPUT_HANG_AFTER:-}"
setting GOMODSHIM_ON_HANG on-hang "${INPUT_ON_HANG:-}"
setting GOMODSHIM_WATCH watch "${INPUT_WATCH:-}"
setting GOMODSHIM_DB db "$db"

# gomod-shim's own reading of these settings; it warns about any it would not use.
shown=$(node "$root/dist/cli.js" config 2>&1) || fail "gomod-shim config failed: $shown"
case $shown in
  *'gomod-shim: warning: '*)
    warning=${shown#*gomod-shim: warning: }
    warning=${warning%%"$newline"*}
    fail "${warning%; using *}"
    ;;
esac
printf '%s\n' "$shown"

printf '%s' "$env_lines" >>"$GITHUB_ENV"
printf '%s\n' "$root/shim" >>"$GITHUB_PATH"
[ -z "${GITHUB_OUTPUT:-}" ] || printf 'db=%s\n' "$db" >>"$GITHUB_OUTPUT"
echo "gomod-shim: the next steps' go runs through $root/shim/go; history in $db"
