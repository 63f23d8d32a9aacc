// The one owner of the history database. Everything else talks to it through this,
// and every failure comes out as a StoreError naming the database.
import * as fs from 'node:fs';
import { readRegularFile } from '../files/read-regular';
import { spoolDirFor } from '../paths';
import type { RunEnd, RunStart } from '../record/run-record';
import { parseSpool, spoolFile } from '../record/spool';
import { JOURNAL_MAX_BYTES } from '../record/spool-reader';
import type { Snapshot } from '../snapshot/snapshot';
import type { TimelinePlan } from '../stats/buckets';
import { type Db, HistoryOffError, openDatabase, RUN_BUSY_TIMEOUT_MS, StoreError } from './database';
import { checkHealth, type StoreHealth } from './health';
import { ingestRun, ingestSpool } from './ingest';
import { capSnapshots, countOverCap, databaseBytes, type PruneResult, pruneRuns, vacuum } from './retention';
import { completeRun, getRun, type HistoryItem, type HistoryQuery, listRuns, markRunLost, quietSpells } from './runs';
import { getSnapshot, saveSnapshot } from './snapshots';
import { type StatsRows, statsRows } from './stats';

export { HistoryOffError, READER_BUSY_TIMEOUT_MS, StoreError } from './database';
export type { PruneResult } from './retention';
export type { HistoryItem, HistoryQuery } from './runs';
export type { StatsRows } from './stats';

export class HistoryStore {
  private readonly db: Db;
  private readonly spoolDir: string;
  /** What a reader set aside (quarantined journals, malformed rows): the command names them in one warning. */
  readonly setAside: string[] = [];

  readonly dbPath: string;

  /**
   * dbPath null: the history is off. busyTimeoutMs: how long to wait on another process's lock (the
   * default suits a supervised run). A HistoryOffError (off, or not a regular file) reaches the
   * caller as it is: callers keep quiet about it.
   */
  constructor(dbPath: string | null, busyTimeoutMs = RUN_BUSY_TIMEOUT_MS) {
    this.db = openDatabase(dbPath, busyTimeoutMs);
    this.dbPath = dbPath as string;
    this.spoolDir = spoolDirFor(this.dbPath);
  }

  /** Folds every finished or abandoned journal into the database. */
  ingestAll(): void {
    if (this.db.readonly) return; // a read-only history is read as it is
    const journals = this.guard(() => ingestSpool(this.db, this.spoolDir));
    if (journals.length > 0)
      this.setAside.push(
        `${journals.length} malformed journal${journals.length === 1 ? '' : 's'} moved to ${this.spoolDir}/quarantine: ${journals.join(', ')}`,
      );
  }

  private readonly onBadRow = (id: unknown, problem: string) => {
    this.setAside.push(`run #${String(id)} (${problem})`);
  };

  /**
   * Moves one live run into the database and returns its row id: from its journal, which the
   * front wrote, or from `start` when there is none (the front could not write it).
   */
  adoptRun(start: RunStart): number {
    return this.guard(() => {
      const file = spoolFile(this.spoolDir, start.uuid);
      const read = readRegularFile(file, { maxBytes: JOURNAL_MAX_BYTES, followSymlinks: false });
      const journal = read.ok ? parseSpool(read.text) : { start: null, end: null };
      return ingestRun(this.db, { file, start: journal.start ?? start, end: journal.end });
    });
  }

  /** Marks a run lost (its front died before go's end was known) and drops its journal. */
  loseRun(uuid: string): void {
    this.guard(() => markRunLost(this.db, uuid));
    this.dropJournal(uuid);
  }

  /** Completes an adopted run in the database and drops its journal. */
  completeRun(uuid: string, end: RunEnd): void {
    this.guard(() => completeRun(this.db, uuid, end));
    this.dropJournal(uuid);
  }

  private dropJournal(uuid: string): void {
    try {
      fs.unlinkSync(spoolFile(this.spoolDir, uuid));
    } catch {
      // already folded in by a reader
    }
  }

  /**
   * Records the snapshot of a hung run (adopted first if it is still only journalled), then
   * applies the retention cap: a hang is rare, so this is the one place the database grows.
   */
  saveSnapshot(runId: number, snapshot: Snapshot): void {
    this.guard(() => saveSnapshot(this.db, runId, snapshot));
    try {
      capSnapshots(this.db);
    } catch {
      // the snapshot is safe; the next save or `gomod-shim prune` trims instead
    }
  }

  /** Drops the raw dumps of snapshots beyond the newest `keep` (all of them, not one batch). */
  capSnapshots(keep?: number): number {
    return this.guard(() => {
      let total = 0;
      for (let n = -1; n !== 0; total += n) n = capSnapshots(this.db, keep);
      return total;
    });
  }

  /** How many snapshots the cap would trim now. */
  countOverCap(keep?: number): number {
    return this.guard(() => countOverCap(this.db, keep));
  }

  /** Removes the runs started before `before` (ISO 8601) with their snapshots; dry: only counts. */
  prune(before: string, dryRun: boolean): PruneResult {
    return this.guard(() => pruneRuns(this.db, before, dryRun));
  }

  /** Rewrites the file without its free pages. */
  vacuum(): void {
    this.guard(() => vacuum(this.db));
  }

  /** Size of the database file and its WAL, in bytes. */
  bytes(): number {
    return databaseBytes(this.dbPath);
  }

  /** The grouped figures of `gomod-shim stats` for runs started since `since` (null: all). */
  stats(since: string | null, plan: (first: string | null) => TimelinePlan): StatsRows {
    return this.guard(() => statsRows(this.db, since, plan));
  }

  health(): StoreHealth {
    return checkHealth(this.db);
  }

  snapshot(runId: number): Snapshot | null {
    return this.guard(() => getSnapshot(this.db, runId, this.onBadRow));
  }

  list(query: HistoryQuery): HistoryItem[] {
    return this.guard(() => listRuns(this.db, query, this.onBadRow));
  }

  /** The longest quiet spells of recent successful runs of a command in a module (GOMODSHIM_HANG_AFTER=auto). */
  quietSpells(module: string | null, command: string, limit: number): number[] {
    return this.guard(() => quietSpells(this.db, module, command, limit));
  }

  get(id: number): HistoryItem | null {
    return this.guard(() => getRun(this.db, id, this.onBadRow));
  }

  close(): void {
    this.db.close();
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw err instanceof StoreError || err instanceof HistoryOffError ? err : new StoreError(this.dbPath, err);
    }
  }
}
