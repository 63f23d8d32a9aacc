// Opening the history database: folder 0700, file 0600, WAL, a busy timeout,
// migrations applied once. Every failure becomes a StoreError with one clear line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { makeDirs } from '../record/private-dir';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(dbPath: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`history database ${dbPath} is unusable: ${reason}`);
    this.name = 'StoreError';
  }
}

// better-sqlite3 is synchronous: while SQLite waits on another process's lock, the
// supervisor's event loop (signals, stderr relay, go's exit) waits too. So a run waits
// briefly and falls back to its journal; a reading command can afford patience.
export const RUN_BUSY_TIMEOUT_MS = 250;
export const READER_BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dbPath: string, busyTimeoutMs = RUN_BUSY_TIMEOUT_MS): Db {
  try {
    const dir = path.dirname(dbPath);
    makeDirs(dir);
    if (path.basename(dir) === 'gomod-shim') fs.chmodSync(dir, 0o700);
    fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
    fs.chmodSync(dbPath, 0o600);
    const db = new Database(dbPath, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (err) {
    throw new StoreError(dbPath, err);
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
