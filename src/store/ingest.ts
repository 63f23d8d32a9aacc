// Folds run journals (src/record/spool.ts) into the database, and settles runs whose front died.
// Idempotent, so any number of readers may ingest the same files at once.
import * as fs from 'node:fs';
import { readRegularFile } from '../files/read-regular';
import { isRunAlive } from '../record/liveness';
import type { RunEnd } from '../record/run-record';
import { parseJournal, type SpooledRun, spoolFile } from '../record/spool';
import { JOURNAL_MAX_BYTES, readSpoolDir } from '../record/spool-reader';
import type { Db } from './database';
import { completeRun, insertRunStart, markRunLost } from './runs';

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // another reader got there first
  }
}

/** The end, re-read from the journal: a front writes it just before it exits. */
function readEnd(file: string): RunEnd | null {
  const read = readRegularFile(file, { maxBytes: JOURNAL_MAX_BYTES, followSymlinks: false });
  return read.ok ? parseJournal(read.text).end : null;
}

/**
 * Ingests one run's journal; returns its row id. The file goes once the run is over.
 * The front may finish between our read and our liveness check, so a dead front's
 * journal is read again before its run is called lost.
 */
export function ingestRun(db: Db, run: SpooledRun): number {
  const over = run.end !== null || !isRunAlive(run.start.supervisorPid, run.start.supervisorStartTime);
  const end = run.end ?? (over ? readEnd(run.file) : null);
  const id = db
    .transaction(() => {
      const rowId = insertRunStart(db, run.start);
      if (end) completeRun(db, run.start.uuid, end);
      else if (over) markRunLost(db, run.start.uuid);
      return rowId;
    })
    .immediate();
  if (over) removeQuietly(run.file);
  return id;
}

/** Oldest start first (then uuid, for equal times), so that row ids follow start order. */
export function inStartOrder(runs: SpooledRun[]): SpooledRun[] {
  const key = (r: SpooledRun) => Date.parse(r.start.startedAt);
  return [...runs].sort((a, b) => key(a) - key(b) || (a.start.uuid < b.start.uuid ? -1 : a.start.uuid > b.start.uuid ? 1 : 0));
}

/** Rows still `running` whose front is gone: finished by their journal's end, else lost. */
function settleRunning(db: Db, spoolDir: string): void {
  const rows = db.prepare(`SELECT uuid, supervisor_pid AS pid, supervisor_start_time AS ticks FROM runs WHERE status = 'running'`).all() as {
    uuid: string;
    pid: unknown;
    ticks: unknown;
  }[];
  for (const row of rows) {
    const ticks = typeof row.ticks === 'number' ? row.ticks : null;
    if (typeof row.pid === 'number' && isRunAlive(row.pid, ticks)) continue;
    const file = spoolFile(spoolDir, row.uuid);
    const end = readEnd(file);
    if (end) completeRun(db, row.uuid, end);
    else markRunLost(db, row.uuid);
    removeQuietly(file);
  }
}

/** Ingests every journal; returns the journals set aside (quarantined), each as `name (why)`. */
export function ingestSpool(db: Db, spoolDir: string): string[] {
  const { runs, setAside } = readSpoolDir(spoolDir);
  for (const run of inStartOrder(runs)) ingestRun(db, run);
  settleRunning(db, spoolDir);
  return setAside;
}
