// The OpenTelemetry exporters are large and only a hang with an endpoint set needs them: they
// are bundled apart (dist/export.js, scripts/build.mjs) and loaded on first use.
import * as path from 'node:path';

// Defined by esbuild: true in dist/, where every bundle sits beside the watcher.
declare const BUNDLED: boolean | undefined;

/** dist/NAME.js when bundled; the source module (relative to src/watcher/) under tsc. */
export function loadBundle<T>(name: string, sourceModule: string): T {
  const file = typeof BUNDLED === 'boolean' && BUNDLED ? path.join(__dirname, `${name}.js`) : path.join(__dirname, sourceModule);
  return require(file) as T;
}
