// Which `go` runs, seen from outside: the first on PATH, whether it is our shim, and the real
// toolchain behind it — the same rules as shim/go, for the doctor to report on.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SHIM_MARKER = '# gomod-shim go shim:';

export function isShim(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(256);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    const [l1, l2 = ''] = head.subarray(0, n).toString('latin1').split('\n');
    return l1 === '#!/bin/sh' && l2.startsWith(SHIM_MARKER);
  } catch {
    return false;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Every executable `go` on PATH, in order. */
export function goOnPath(pathVar: string): string[] {
  return pathVar
    .split(':')
    .map((d) => path.join(d || '.', 'go'))
    .filter(isExecutableFile);
}

/** The real toolchain's go: GOMODSHIM_REAL_GO, else the first non-shim go on PATH. */
export function findRealGo(env: NodeJS.ProcessEnv): string | null {
  const given = env.GOMODSHIM_REAL_GO;
  if (given) return isExecutableFile(given) && !isShim(given) ? path.resolve(given) : null;
  return goOnPath(env.PATH ?? '').find((g) => !isShim(g)) ?? null;
}
