// Creating the history folders (0700) without fs.mkdirSync's `recursive`: under
// /proc it loops forever, and on a read-only mount it reports ENOENT, not EROFS.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Creates dir and its missing parents with the given mode; throws the real reason on failure. */
export function makeDirs(dir: string, mode = 0o700): void {
  try {
    fs.mkdirSync(dir, { mode });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
    makeDirs(parent, mode);
    // Once: if the parent exists and this still fails (as under /proc), that is the answer.
    try {
      fs.mkdirSync(dir, { mode });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST') throw again;
    }
  }
}
