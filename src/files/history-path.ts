// What the history database path allows, decided once for every writer and reader:
// `off` (or a path that exists and is not a regular file: /dev/null, a FIFO, a symlink, a folder)
// turns the history off quietly; a regular file is used; a missing one is created by us
// (docs/contract.md, "History"; the Go front applies the same rules, docs/front-protocol.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureOwnDir } from './own-dir';

export type HistoryPathState = 'off' | 'absent' | 'regular';

/** SQLite's companions beside the database: planted as symlinks, they would be followed. */
export const COMPANIONS = ['-wal', '-shm', '-journal'];

export function historyPathState(dbPath: string | null): HistoryPathState {
  if (dbPath === null) return 'off';
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dbPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'absent' : code === 'ENOTDIR' ? 'off' : 'absent';
  }
  if (!st.isFile()) return 'off';
  for (const suffix of COMPANIONS) {
    try {
      if (!fs.lstatSync(dbPath + suffix).isFile()) return 'off';
    } catch {
      // absent: SQLite creates it, 0600 like the database
    }
  }
  return 'regular';
}

/** Creates the database file 0600, failing if anything (a symlink, a file) appeared at the path meanwhile. */
export function createDatabaseFile(dbPath: string): void {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
  try {
    fs.closeSync(fs.openSync(dbPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** The database's folder and the journal folder beside it, checked (or created) as ours. */
export function ensureHistoryDirs(dbPath: string, spoolDir: string): void {
  ensureOwnDir(path.dirname(dbPath));
  ensureOwnDir(spoolDir);
}
