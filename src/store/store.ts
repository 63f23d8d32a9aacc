// The one owner of the history database. Everything else talks to it through this.
import * as fs from 'node:fs';
import { spoolDirFor } from '../paths';
import { parseSpool, spoolFile } from '../record/spool';
import type { RunEnd } from '../record/run-record';
import { openDatabase, type Db } from './database';
import { ingestRun, ingestSpool } from './ingest';
import { completeRun, getRun, listRuns, type HistoryItem, type HistoryQuery } from './runs';
import { getSnapshot, saveSnapshot } from './snapshots';
import { checkHealth, type StoreHealth } from './health';
import type { Snapshot } from '../snapshot/snapshot';

export { StoreError } from './database';
export type { HistoryItem, HistoryQuery } from './runs';

export class HistoryStore {
  private readonly db: Db;
  private readonly spoolDir: string;

  constructor(readonly dbPath: string) {
    this.db = openDatabase(dbPath);
    this.spoolDir = spoolDirFor(dbPath);
  }

  /** Folds every finished or abandoned journal into the database. */
  ingestAll(): void {
    ingestSpool(this.db, this.spoolDir);
  }

  /** Moves one live run's journal into the database; returns its row id. */
  adoptRun(uuid: string): number | null {
    const file = spoolFile(this.spoolDir, uuid);
    const { start, end } = parseSpool(fs.readFileSync(file, 'utf8'));
    return start ? ingestRun(this.db, { file, start, end }) : null;
  }

  /** Completes an adopted run in the database and drops its journal. */
  completeRun(uuid: string, end: RunEnd): void {
    completeRun(this.db, uuid, end);
    try {
      fs.unlinkSync(spoolFile(this.spoolDir, uuid));
    } catch {
      // already folded in by a reader
    }
  }

  /** Records the snapshot of a hung run (adopted first if it is still only journalled). */
  saveSnapshot(runId: number, snapshot: Snapshot): void {
    saveSnapshot(this.db, runId, snapshot);
  }

  health(): StoreHealth {
    return checkHealth(this.db);
  }

  snapshot(runId: number): Snapshot | null {
    return getSnapshot(this.db, runId);
  }

  list(query: HistoryQuery): HistoryItem[] {
    return listRuns(this.db, query);
  }

  get(id: number): HistoryItem | null {
    return getRun(this.db, id);
  }

  close(): void {
    this.db.close();
  }
}
