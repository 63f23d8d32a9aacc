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

// After comments are gone: `module PATH`, `module "PATH"`, or the block form `module (\n PATH\n)`,
// all of which go accepts (golang.org/x/mod/modfile).
const MODULE_DIRECTIVE = /^[ \t]*module(?=[\s("])\s*(?:\(\s*)?("(?:[^"\\\n]|\\.)*"|[^\s()"]+)/m;

/** The module path of go.mod text. `//` starts a comment even inside a token, as in go's lexer. */
export function parseModuleDirective(goMod: string): string | null {
  const m = MODULE_DIRECTIVE.exec(goMod.replace(/\/\/[^\n]*/g, ''));
  if (!m) return null;
  if (!m[1].startsWith('"')) return m[1];
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return null; // a quoted path go would reject too
  }
}
