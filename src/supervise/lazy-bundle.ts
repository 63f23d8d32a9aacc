// Parts of the supervisor that only some runs need (SQLite, the hang procedure) are bundled
// apart and loaded on first use, so the watched hot path never parses them
// (scripts/build.mjs, DESIGN.md "Keep the watched path lean").
import * as path from 'node:path';

// Defined by esbuild: true in dist/, where every bundle sits beside the supervisor.
declare const BUNDLED: boolean | undefined;

/** dist/NAME.js when bundled; the source module (relative to src/supervise/) under tsc. */
export function loadBundle<T>(name: string, sourceModule: string): T {
  const file = typeof BUNDLED === 'boolean' && BUNDLED ? path.join(__dirname, `${name}.js`) : path.join(__dirname, sourceModule);
  return require(file) as T;
}
