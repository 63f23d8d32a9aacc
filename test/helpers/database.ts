// Looking into a history database file directly, as the supervisor left it, without a
// reader command folding run journals in first; and putting rows there that the supervisor
// cannot make yet (hangs, old runs) so the CLI can be tested on them.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';

export interface RawRun {
  id: number;
  uuid: string;
  status: string;
  started_at: string;
  argv: string;
  exit_code: number | null;
  go_pid: number | null;
}

function open(dbPath: string, readonly = false): Database.Database {
  return new Database(dbPath, { readonly, fileMustExist: true, timeout: 5000 });
}

/** The rows of the runs table, or [] while the database or its table does not exist yet. */
export function rawRuns(dbPath: string): RawRun[] {
  if (!fs.existsSync(dbPath)) return [];
  const db = open(dbPath, true);
  try {
    return db.prepare('SELECT id, uuid, status, started_at, argv, exit_code, go_pid FROM runs ORDER BY id').all() as RawRun[];
  } catch (err) {
    if (/no such table/.test((err as Error).message)) return []; // created, not migrated yet
    throw err;
  } finally {
    db.close();
  }
}

/** The raw row whose argv holds tag, or undefined. */
export function rawRunTagged(dbPath: string, tag: string): RawRun | undefined {
  return rawRuns(dbPath).find((r) => (JSON.parse(r.argv) as string[]).includes(tag));
}

/** Run journals waiting in the spool folder beside the database. */
export function journalFiles(dbPath: string): string[] {
  try {
    return fs.readdirSync(`${dbPath}-spool`).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return [];
  }
}

/** Runs SQL statements against the database file, as another program would. */
export function execSql(dbPath: string, sql: string, params: unknown[] = []): void {
  const db = open(dbPath);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/**
 * Holds the database's write lock (BEGIN EXCLUSIVE) from this process, as a long
 * transaction in another program would; returns the release.
 */
export function holdExclusiveLock(dbPath: string): () => void {
  const db = open(dbPath);
  db.exec('BEGIN EXCLUSIVE');
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

/** The start of the run journal whose go arguments hold tag, or undefined. */
export function journalStartTagged(dbPath: string, tag: string): { goPid: number | null; argv: string[] } | undefined {
  for (const name of journalFiles(dbPath)) {
    try {
      const first = fs.readFileSync(`${dbPath}-spool/${name}`, 'utf8').split('\n')[0];
      const start = (JSON.parse(first) as { start?: { goPid: number | null; argv: string[] } }).start;
      if (start?.argv.includes(tag)) return start;
    } catch {
      // half written, or folded in meanwhile
    }
  }
  return undefined;
}

/**
 * Every file beside the database (history.db, -wal, -shm, the run journals), as bytes. A file the
 * watcher removes meanwhile (a journal it folds in) is left out: it holds nothing any more.
 */
export function stateFiles(dbPath: string): { file: string; bytes: Buffer }[] {
  const walk = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    } catch {
      return [];
    }
  };
  return walk(path.dirname(dbPath)).flatMap((file) => {
    try {
      return [{ file, bytes: fs.readFileSync(file) }];
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  });
}
