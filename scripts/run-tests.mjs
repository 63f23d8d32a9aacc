// Runs every compiled test file (build/test/**/*.test.js) with node's own test runner.
// Files named *.slow.test.js (a native build: minutes) run after the others, alone, with a
// timeout of their own; the rest keep the short one that catches a hung test early.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
  );
}

const only = process.argv.slice(2);
const files = find('build/test')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
// Go 1.20+ compiles the standard library into the build cache on first use: do it once, here,
// rather than in whichever tests come first (test/helpers/shim.ts, TEST_GOCACHE).
const gocache = process.env.GOMODSHIM_TEST_GOCACHE || join(tmpdir(), 'gomod-shim-test-gocache');
process.stderr.write(`run-tests: warming the go build cache (${gocache})…\n`);
const warm = spawnSync('go', ['build', '-o', '/dev/null', '.'], {
  cwd: 'test/fixtures/goprog',
  env: { ...process.env, GOCACHE: gocache, GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
  stdio: 'inherit',
});
if (warm.status !== 0) process.exit(warm.status ?? 1);
const slow = files.filter((f) => f.endsWith('.slow.test.js'));
const quick = files.filter((f) => !slow.includes(f));
const runTests = (group, timeoutMs) =>
  group.length === 0
    ? 0
    : (spawnSync(process.execPath, ['--test', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...group], { stdio: 'inherit' }).status ?? 1);
// --test-timeout bounds each test without a timeout of its own and each file as a whole: a file of
// real shells or real hangs takes minutes on a loaded 2-core machine, so the bound is generous.
const quickStatus = runTests(quick, 300_000);
const slowStatus = runTests(slow, 30 * 60_000);
process.exit(quickStatus || slowStatus);
