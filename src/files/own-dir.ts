// Our folders (the state folder, the journal folder, its quarantine): created 0700 one level at a
// time, never through a symlink, and an existing one used only if it is a real folder of ours that
// not every user can write to. Nothing here ever changes the mode of a folder it did not create
// (docs/contract.md, "History").
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a folder cannot be ours, as the end of a sentence: "… is a symbolic link". */
export class UnsafeFolderError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    super(`${dir} ${reason}`);
    this.name = 'UnsafeFolderError';
  }
}

const uid = () => (typeof process.geteuid === 'function' ? process.geteuid() : -1);

/** Checks an existing folder; throws UnsafeFolderError when it is not safely ours. */
export function checkOwnDir(dir: string, st: fs.Stats): void {
  if (st.isSymbolicLink()) throw new UnsafeFolderError(dir, 'is a symbolic link');
  if (!st.isDirectory()) throw new UnsafeFolderError(dir, 'is not a folder');
  if (uid() >= 0 && st.uid !== uid()) throw new UnsafeFolderError(dir, `belongs to another user (uid ${st.uid})`);
  if ((st.mode & 0o002) !== 0) throw new UnsafeFolderError(dir, `can be written by every user (mode ${(st.mode & 0o777).toString(8)})`);
}

function lstatOrNull(dir: string): fs.Stats | null {
  try {
    return fs.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Makes sure dir is a folder of ours: checks it, or creates it (and its missing parents) 0700.
 * Parents that exist already are the user's or the system's and are left as they are.
 * Without fs.mkdirSync's `recursive`: under /proc it loops, on a read-only mount it says ENOENT.
 */
export function ensureOwnDir(dir: string): void {
  const st = lstatOrNull(dir);
  if (st) {
    checkOwnDir(dir, st);
    return;
  }
  const parent = path.dirname(dir);
  if (parent !== dir && lstatOrNull(parent) === null) ensureOwnDir(parent);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // Created by us or by a concurrent run of ours a moment ago; anything else planted meanwhile is refused.
  checkOwnDir(dir, fs.lstatSync(dir));
}
