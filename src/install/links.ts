// Planning the bin folder: symlinks to the repository's shims, and their removal.
// Only symlinks are ever replaced or removed; anything else in the folder is the user's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandError } from '../commands/command';
import type { Change } from './change';
import type { Link } from './layout';

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CommandError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** A new link is made beside the old one and renamed over it, so `go` never goes missing. */
function placeLink(link: Link): void {
  fs.mkdirSync(path.dirname(link.path), { recursive: true });
  const temp = `${link.path}.gomod-shim-${process.pid}.tmp`;
  fs.rmSync(temp, { force: true });
  fs.symlinkSync(link.target, temp);
  fs.renameSync(temp, link.path);
}

export function planLink(link: Link): Change {
  const stat = lstat(link.path);
  const note = `-> ${link.target}`;
  if (!stat) return { verb: 'created', path: link.path, note, apply: () => placeLink(link) };
  if (!stat.isSymbolicLink()) throw new CommandError(`${link.path} exists and is not a symlink; move it away, then rerun`);
  const current = fs.readlinkSync(link.path);
  if (current === link.target) return { verb: 'unchanged', path: link.path, note };
  return { verb: 'replaced', path: link.path, note: `was -> ${current}, now ${note}`, apply: () => placeLink(link) };
}

export function planUnlink(file: string): Change {
  const stat = lstat(file);
  if (!stat) return { verb: 'unchanged', path: file };
  if (!stat.isSymbolicLink()) return { verb: 'kept', path: file, note: 'not a symlink made by gomod-shim install' };
  return { verb: 'removed', path: file, note: `-> ${fs.readlinkSync(file)}`, apply: () => fs.unlinkSync(file) };
}

/** Removes a folder left empty once `leaving` (names inside it) are gone; never anything else. */
export function planRemoveDir(dir: string, leaving: readonly string[]): Change {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return { verb: 'unchanged', path: dir };
  }
  const others = entries.filter((e) => !leaving.includes(e));
  if (others.length > 0) return { verb: 'kept', path: dir, note: `still holds ${others.join(', ')}` };
  return { verb: 'removed', path: dir, note: 'folder', apply: () => fs.rmdirSync(dir) };
}
