// A run's record and snapshot, as tests read them: the journals are folded in first, as every
// reading command does (a run's end is in its journal the moment the shim exits; the watcher may
// complete the row a moment later), then the database file is read directly.
import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { HistoryStore, READER_BUSY_TIMEOUT_MS } from '../../src/store/store';

/** Folds the journals into the database, as `gomod-shim history` does before it reads. */
function foldJournals(dbPath: string): void {
  if (!fs.existsSync(dbPath)) return;
  try {
    const store = new HistoryStore(dbPath, READER_BUSY_TIMEOUT_MS);
    store.ingestAll();
    store.close();
  } catch {
    // a database the test broke on purpose: read what is there
  }
}

export interface RunRow {
  id: number;
  status: 'running' | 'finished' | 'lost';
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  exit_code: number | null;
  signal: string | null;
  hung: boolean;
  cause: string | null;
  summary: string | null;
}

export interface RunRecord {
  run: RunRow;
  snapshot: Snapshot | null;
}

/** The record of run id, or null while there is none (no database yet, or no such row). */
export function readRecord(dbPath: string, id: number): RunRecord | null {
  foldJournals(dbPath);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    const row = db.prepare('SELECT id, status, started_at, ended_at, duration_ms, exit_code, signal, hung, cause, summary FROM runs WHERE id = ?').get(id) as
      | (Omit<RunRow, 'hung'> & { hung: number })
      | undefined;
    if (!row) return null;
    const snap = db.prepare('SELECT json FROM snapshots WHERE run_id = ?').get(id) as { json: string } | undefined;
    return { run: { ...row, hung: row.hung === 1 }, snapshot: snap ? (JSON.parse(snap.json) as Snapshot) : null };
  } catch {
    return null; // the schema is still being created by the shim
  } finally {
    db.close();
  }
}

/** Ids of every run in the database, oldest first (for a run whose id no line told us). */
export function runIds(dbPath: string): number[] {
  foldJournals(dbPath);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    return [];
  }
  try {
    return (db.prepare('SELECT id FROM runs ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  } catch {
    return [];
  } finally {
    db.close();
  }
}

/** A record that must exist: fails with a clear message otherwise. */
export function requireRecord(dbPath: string, id: number): RunRecord & { snapshot: Snapshot } {
  const record = readRecord(dbPath, id);
  if (!record) throw new Error(`run #${id} is not in ${dbPath}`);
  if (!record.snapshot) throw new Error(`run #${id} has no snapshot`);
  return record as RunRecord & { snapshot: Snapshot };
}
