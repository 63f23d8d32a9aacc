// Looking into a history database file directly, as the supervisor left it, without a
// reader command folding run journals in first.
import Database from 'better-sqlite3';
import * as fs from 'node:fs';

export interface RawRun {
  id: number;
  uuid: string;
  status: string;
  argv: string;
  exit_code: number | null;
}

/** The rows of the runs table, or [] while the database does not exist yet. */
export function rawRuns(dbPath: string): RawRun[] {
  if (!fs.existsSync(dbPath)) return [];
  const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return db.prepare('SELECT id, uuid, status, argv, exit_code FROM runs ORDER BY id').all() as RawRun[];
  } catch {
    return []; // created but not migrated yet
  } finally {
    db.close();
  }
}

/** Run journals waiting in the spool folder beside the database. */
export function journalFiles(dbPath: string): string[] {
  try {
    return fs.readdirSync(`${dbPath}-spool`).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return [];
  }
}
