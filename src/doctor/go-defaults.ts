// Go's own defaults for the settings doctor reads: built into go, and overridden by
// $GOROOT/go.env, which a distribution may edit (GOTOOLCHAIN=local, GOPROXY=direct). A setting
// still at its default is what every go user there has: doctor never warns about it.
import * as fs from 'node:fs';
import * as path from 'node:path';

const BUILT_IN: Readonly<Record<string, string>> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOTOOLCHAIN: 'auto',
  GOTELEMETRY: 'local',
};

/** KEY=VALUE lines of a go.env file; comments and blank lines skipped. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (line === '' || line.startsWith('#') || eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** The defaults in force for the go whose GOROOT this is. */
export function goDefaults(goroot: string | undefined): Record<string, string> {
  let file: Record<string, string> = {};
  try {
    if (goroot) file = parseGoEnvFile(fs.readFileSync(path.join(goroot, 'go.env'), 'utf8'));
  } catch {
    // No go.env (go before 1.21, or a trimmed GOROOT): the built-in defaults hold.
  }
  return { ...BUILT_IN, ...file };
}

/** True when go env's value is the one go would use untouched (an empty value counts as the default too). */
export function isGoDefault(key: string, value: string | undefined, defaults: Record<string, string>): boolean {
  return value === undefined || value === '' || value === defaults[key];
}
