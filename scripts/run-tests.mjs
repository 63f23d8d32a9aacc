// Runs every compiled test file (build/test/**/*.test.js) with node's own test runner.
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
// --test-timeout bounds each test without a timeout of its own and each file as a whole: a file of
// real shells or real hangs takes minutes on a loaded 2-core machine, so the bound is generous.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=300000', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
