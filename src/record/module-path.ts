import * as fs from 'node:fs';
import * as path from 'node:path';

/** The module path declared by the nearest go.mod at or above dir, or null. */
export function findModulePath(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(d, 'go.mod'), 'utf8');
    } catch {
      if (d === path.dirname(d)) return null;
      continue;
    }
    return parseModuleDirective(text);
  }
}

/** `module example.com/m` (optionally quoted, with comments) from go.mod text. */
export function parseModuleDirective(goMod: string): string | null {
  const m = /^\s*module\s+("([^"]+)"|`([^`]+)`|(\S+))/m.exec(goMod);
  return m ? (m[2] ?? m[3] ?? m[4]) : null;
}
