#!/bin/sh
# Step 1 of the GitHub Action (action.yml): gomod-shim's dependencies and build, in the
# action's own folder. A second use of the action in the same job reuses the installed
# dependencies.
set -eu

fail() {
  printf '::error title=gomod-shim::%s\n' "$*"
  exit 1
}

cd "${GITHUB_ACTION_PATH:?is not set: this script is a step of action.yml}"

command -v node >/dev/null 2>&1 || fail 'gomod-shim needs Node.js 20 or newer and node is not on PATH: add actions/setup-node before this step'
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || node_major=0
[ "$node_major" -ge 20 ] 2>/dev/null || fail "gomod-shim needs Node.js 20 or newer (found $(node --version)): use actions/setup-node with node-version 20"

if [ -d node_modules ]; then
  echo 'gomod-shim: dependencies already installed'
else
  npm ci --no-audit --no-fund || fail 'npm ci failed (see above)'
fi
npm run build || fail 'the build failed (see above)'
