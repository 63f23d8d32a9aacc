// "What if" copies of shim/go with one suggested change each, to measure a suggestion
// before anyone edits the real shim. Each patch is a literal text replacement; when the
// shim has changed and a patch no longer applies, that variant is skipped, not guessed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, SHIM_GO } from '../../test/helpers/shim';

interface Patch {
  from: string;
  to: string;
}

/** Stop at line 1 unless it is '#!/bin/sh': dash's read(1) is one syscall per byte, and go's ELF has no newline for 4 KB. */
const LINE_ONE_FIRST: Patch = {
  from: '{ IFS= read -r gomodshim_l1 && IFS= read -r gomodshim_l2; } <"$1" 2>/dev/null',
  to: '{ IFS= read -r gomodshim_l1 && [ "$gomodshim_l1" = \'#!/bin/sh\' ] && IFS= read -r gomodshim_l2; } <"$1" 2>/dev/null',
};

/** Fork readlink only when $0 is a symlink; find node with a PATH walk in the shell instead of $(command -v). */
const NO_FORKS: Patch[] = [
  {
    from: 'gomodshim_self=$(readlink -f "$0" 2>/dev/null) || gomodshim_self=$0',
    to: 'gomodshim_self=$0\n[ -L "$0" ] && { gomodshim_self=$(readlink -f "$0" 2>/dev/null) || gomodshim_self=$0; }',
  },
  {
    from: 'gomodshim_node=$(command -v node) || gomodshim_node=',
    to: [
      'gomodshim_node=',
      'IFS=:',
      'set -f',
      'for gomodshim_dir in $PATH; do',
      '  [ -f "${gomodshim_dir:-.}/node" ] && [ -x "${gomodshim_dir:-.}/node" ] && { gomodshim_node=${gomodshim_dir:-.}/node; break; }',
      'done',
      'set +f',
      'IFS=$gomodshim_ifs',
    ].join('\n'),
  },
];

export const WHAT_IFS: Record<string, Patch[]> = {
  'line-1 check': [LINE_ONE_FIRST],
  'line-1 check + no forks': [LINE_ONE_FIRST, ...NO_FORKS],
};

/**
 * A patched shim in dir/NAME/bin/go; dir/NAME/dist links to the real dist/ so the
 * watched path finds the same supervisor. null when a patch does not apply.
 */
export function patchedShim(dir: string, name: string, patches: Patch[]): string | null {
  let text = fs.readFileSync(SHIM_GO, 'utf8');
  for (const p of patches) {
    if (!text.includes(p.from)) return null;
    text = text.replace(p.from, p.to);
  }
  const root = path.join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'dist'), path.join(root, 'dist'));
  const file = path.join(root, 'bin', 'go');
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}
