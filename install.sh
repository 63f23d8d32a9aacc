#!/bin/sh
# One-command setup on a fresh machine: checks Node.js, installs the dependencies, builds,
# then runs `gomod-shim install` (the go shim first on PATH for bash, zsh and fish).
# Safe to run again. Flags are passed to `gomod-shim install` (--no-rc, --dry-run).
set -eu

say() { printf 'install.sh: %s\n' "$*"; }
die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

# Work in the repository, from whatever folder this was started.
self=$(readlink -f -- "$0" 2>/dev/null) || self=$0
cd -- "$(dirname -- "$self")"

command -v node >/dev/null 2>&1 || die 'gomod-shim needs Node.js 20 or newer, and node is not on PATH: https://nodejs.org'
node_version=$(node --version 2>/dev/null) || node_version='no answer to node --version'
node_major=${node_version#v}
node_major=${node_major%%.*}
case $node_major in
  '' | *[!0-9]*) die "gomod-shim needs Node.js 20 or newer (found $node_version): https://nodejs.org" ;;
esac
[ "$node_major" -ge 20 ] || die "gomod-shim needs Node.js 20 or newer (found $node_version): https://nodejs.org"
command -v npm >/dev/null 2>&1 || die 'npm is not on PATH (it comes with Node.js)'

# The shim's own lookup, so that an already installed shim does not count as a go.
GOMODSHIM_DISABLE=1 sh shim/go version >/dev/null 2>&1 ||
  say 'warning: no go on PATH; the shim passes every call to the real go, so install one: https://go.dev/dl' >&2

# better-sqlite3 is built with node-gyp: use the local Node headers, when there are some, rather than a download.
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null)" = undefined ]; then
  npm_config_nodedir=$(sh scripts/node-headers.sh)
  [ -z "$npm_config_nodedir" ] || export npm_config_nodedir
fi
say 'installing dependencies: npm ci'
npm ci --no-audit --no-fund || die 'npm ci failed (see above)'
say 'building: npm run build'
npm run build || die 'the build failed (see above)'
say 'putting the go shim first on PATH: shim/gomod-shim install'
shim/gomod-shim install "$@"
say "done. To remove everything: gomod-shim uninstall, then delete $(pwd)."
