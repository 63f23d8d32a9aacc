// Runs every compiled test file (build/test/**/*.test.js) with node's own test runner.
// Files named *.slow.test.js (a native build: minutes) run after the others, alone, with a
// timeout of their own; the rest keep the short one that catches a hung test early.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.js') ? [join(dir, e.name)] : [],
  );
}

const only = process.argv.slice(2);
const files = find('build/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}
const slow = files.filter((f) => f.endsWith('.slow.test.js'));
const quick = files.filter((f) => !slow.includes(f));
const runTests = (group, timeoutMs) =>
  group.length === 0 ? 0 : (spawnSync(process.execPath, ['--test', '--test-concurrency=2', `--test-timeout=${timeoutMs}`, ...group], { stdio: 'inherit' }).status ?? 1);
const quickStatus = runTests(quick, 120_000);
const slowStatus = runTests(slow, 30 * 60_000);
process.exit(quickStatus || slowStatus);
