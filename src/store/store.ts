// The one owner of the history database. Everything else talks to it through this,
// and every failure comes out as a StoreError naming the database.
import * as fs from 'node:fs';
import { spoolDirFor } from '../paths';
import { parseSpool, spoolFile } from '../record/spool';
import type { RunEnd } from '../record/run-record';
import { openDatabase, RUN_BUSY_TIMEOUT_MS, StoreError, type Db } from './database';
import { ingestRun, ingestSpool } from './ingest';
import { completeRun, getRun, listRuns, quietSpells, type HistoryItem, type HistoryQuery } from './runs';
import { getSnapshot, saveSnapshot } from './snapshots';
import { checkHealth, type StoreHealth } from './health';
import type { Snapshot } from '../snapshot/snapshot';

export { READER_BUSY_TIMEOUT_MS, StoreError } from './database';
export type { HistoryItem, HistoryQuery } from './runs';

export class HistoryStore {
  private readonly db: Db;
  private readonly spoolDir: string;

  /** busyTimeoutMs: how long to wait on another process's lock (the default suits a supervised run). */
  constructor(
    readonly dbPath: string,
    busyTimeoutMs = RUN_BUSY_TIMEOUT_MS,
  ) {
    this.db = openDatabase(dbPath, busyTimeoutMs);
    this.spoolDir = spoolDirFor(dbPath);
  }

  /** Folds every finished or abandoned journal into the database. */
  ingestAll(): void {
    this.guard(() => ingestSpool(this.db, this.spoolDir));
  }

  /** Moves one live run's journal into the database; returns its row id. */
  adoptRun(uuid: string): number | null {
    return this.guard(() => {
      const file = spoolFile(this.spoolDir, uuid);
      const { start, end } = parseSpool(fs.readFileSync(file, 'utf8'));
      return start ? ingestRun(this.db, { file, start, end }) : null;
    });
  }

  /** Completes an adopted run in the database and drops its journal. */
  completeRun(uuid: string, end: RunEnd): void {
    this.guard(() => completeRun(this.db, uuid, end));
    try {
      fs.unlinkSync(spoolFile(this.spoolDir, uuid));
    } catch {
      // already folded in by a reader
    }
  }

  /** Records the snapshot of a hung run (adopted first if it is still only journalled). */
  saveSnapshot(runId: number, snapshot: Snapshot): void {
    this.guard(() => saveSnapshot(this.db, runId, snapshot));
  }

  health(): StoreHealth {
    return checkHealth(this.db);
  }

  snapshot(runId: number): Snapshot | null {
    return this.guard(() => getSnapshot(this.db, runId));
  }

  list(query: HistoryQuery): HistoryItem[] {
    return this.guard(() => listRuns(this.db, query));
  }

  /** The longest quiet spells of recent successful runs of a command in a module (GOMODSHIM_HANG_AFTER=auto). */
  quietSpells(module: string | null, command: string, limit: number): number[] {
    return this.guard(() => quietSpells(this.db, module, command, limit));
  }

  get(id: number): HistoryItem | null {
    return this.guard(() => getRun(this.db, id));
  }

  close(): void {
    this.db.close();
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw err instanceof StoreError ? err : new StoreError(this.dbPath, err);
    }
  }
}
