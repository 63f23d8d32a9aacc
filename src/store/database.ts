// Opening the history database through the one set of file rules (src/files/): no symlink
// followed, folders of ours only, the file created 0600 by us and never chmod-ed, WAL, a busy
// timeout, migrations applied once. A database we may not write is opened read-only (readers
// still see it). Every failure becomes a StoreError with one clear line; history `off` (or a
// path that is not a regular file) is a HistoryOffError, which callers keep quiet about.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { createDatabaseFile, ensureHistoryDirs, historyPathState } from '../files/history-path';
import { spoolDirFor } from '../paths';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(dbPath: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`history database ${dbPath} is unusable: ${reason}`);
    this.name = 'StoreError';
  }
}

/** History is off: GOMODSHIM_DB=off, or its path is not a regular file (/dev/null, a symlink, a FIFO). */
export class HistoryOffError extends Error {
  constructor(readonly dbPath: string | null) {
    super(dbPath === null ? 'history is off' : `history is off (${dbPath} is not a regular file)`);
    this.name = 'HistoryOffError';
  }
}

// better-sqlite3 is synchronous: while SQLite waits on another process's lock, the watcher's
// event loop (sampling, the hang procedure) waits too — but go does not: the watcher is beside
// go, not between. So a run's watcher waits a while, then falls back to the journal; a reading
// command can afford more patience still.
export const RUN_BUSY_TIMEOUT_MS = 2000;
export const READER_BUSY_TIMEOUT_MS = 5000;

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function openDatabase(dbPath: string | null, busyTimeoutMs = RUN_BUSY_TIMEOUT_MS): Db {
  const state = historyPathState(dbPath);
  if (dbPath === null || state === 'off') throw new HistoryOffError(dbPath);
  try {
    if (state === 'absent') {
      ensureHistoryDirs(dbPath, spoolDirFor(dbPath));
      createDatabaseFile(dbPath);
      // Whatever stands there now must be a regular file (not a symlink planted meanwhile).
      if (historyPathState(dbPath) !== 'regular') throw new HistoryOffError(dbPath);
    } else {
      ensureHistoryDirs(dbPath, spoolDirFor(dbPath));
    }
  } catch (err) {
    if (err instanceof HistoryOffError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'EROFS' || state !== 'regular') throw new StoreError(dbPath, err);
  }
  try {
    if (!writable(dbPath)) return openReadOnly(dbPath, busyTimeoutMs);
    const db = new Database(dbPath, { timeout: busyTimeoutMs, fileMustExist: true });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (err) {
    throw new StoreError(dbPath, err);
  }
}

/**
 * A history we may not write (a read-only mount, another user's file) is still read. SQLite cannot
 * open a WAL database read-only where it cannot create the -shm file beside it, so then a private
 * copy (database and WAL) is read instead, and removed when this process exits.
 */
function openReadOnly(dbPath: string, busyTimeoutMs: number): Db {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-read-only-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const copy = path.join(dir, 'history.db');
    fs.copyFileSync(dbPath, copy);
    if (historyPathState(dbPath) === 'regular' && fs.existsSync(`${dbPath}-wal`)) fs.copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
    return new Database(copy, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  }
}

function migrate(db: Db): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= MIGRATIONS.length) return;
  // IMMEDIATE: concurrent shims serialise here, and the second sees the first's work.
  db.transaction(() => {
    for (let v = version(); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
