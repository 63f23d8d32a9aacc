#!/bin/sh
# npm run lint: Biome (TypeScript lint, format and import order), shellcheck for the shell scripts,
# go vet for the compiled front when front/ exists. Runs every tool and fails if any of them found something.
# To apply Biome's formatting and safe fixes: npm run format
set -u
cd "$(dirname -- "$0")/.." || exit 1

status=0
fail() {
  printf 'lint: %s\n' "$*" >&2
  status=1
}

node_modules/.bin/biome check . || fail 'biome found problems (npm run format applies the formatting and safe fixes)'

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck install.sh shim/go shim/gomod-shim .ci/run scripts/lint.sh || fail 'shellcheck found problems'
else
  fail 'shellcheck is not installed (Debian: apt-get install shellcheck)'
fi

if [ -d front ]; then
  # GOTOOLCHAIN=local: vet with the go that is here, never download another.
  (cd front && GOTOOLCHAIN=local go vet ./...) || fail 'go vet found problems in front/'
fi

exit "$status"
