// Opening the history database: folder 0700, file 0600, WAL, a busy timeout,
// migrations applied once. Every failure becomes a StoreError with one clear line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(dbPath: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`history database ${dbPath} is unusable: ${reason}`);
    this.name = 'StoreError';
  }
}

const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dbPath: string): Db {
  try {
    const dir = path.dirname(dbPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (path.basename(dir) === 'gomod-shim') fs.chmodSync(dir, 0o700);
    fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
    fs.chmodSync(dbPath, 0o600);
    const db = new Database(dbPath, { timeout: BUSY_TIMEOUT_MS });
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
