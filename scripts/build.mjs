// Bundles the runtime entry points into dist/ (one file each) and type-checks + compiles
// everything into build/ for tests.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'pidusage'],
  define: { BUNDLED: 'true' },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/watcher/main.ts'], outfile: 'dist/watcher.js' }),
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' }),
  // The OpenTelemetry SDK and exporters: loaded only to send a hang to an OTLP endpoint.
  // Their ES module builds let esbuild drop what we do not use.
  build({ ...common, entryPoints: ['src/export/export-hang.ts'], outfile: 'dist/export.js', mainFields: ['module', 'main'] }),
]);

execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.json'], { stdio: 'inherit' });

// The compiled front (front/, Go): built with the go on PATH by the one implementation
// that `gomod-shim install` uses too.
const { buildFront } = createRequire(import.meta.url)('../build/src/install/build-front.js');
const front = buildFront('go', fileURLToPath(new URL('..', import.meta.url)));
if (!front.ok) {
  console.error(`build: the front (front/) did not build: ${front.error}`);
  process.exit(1);
}
