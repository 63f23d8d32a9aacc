// The toolchain's version when `go env -json` did not answer in time (it is bounded): the
// VERSION file at the root of its GOROOT, beside bin/go, as Go distributions ship it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function toolchainVersion(realGo: string): string | null {
  try {
    const goroot = path.dirname(path.dirname(fs.realpathSync(realGo)));
    const first = fs.readFileSync(path.join(goroot, 'VERSION'), 'utf8').split('\n')[0].trim();
    return /^go\d+\.\d+/.test(first) ? first : null;
  } catch {
    return null;
  }
}
