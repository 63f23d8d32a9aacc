// Folds run journals (src/record/spool.ts) into the database. Idempotent, so any
// number of readers may ingest the same files at once.
import * as fs from 'node:fs';
import { parseSpool, readSpoolDir, type SpooledRun } from '../record/spool';
import type { RunEnd } from '../record/run-record';
import type { Db } from './database';
import { completeRun, insertRunStart, markRunLost } from './runs';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // another reader got there first
  }
}

/** The end, re-read from the journal: a supervisor writes it just before it exits. */
function readEnd(file: string): RunEnd | null {
  try {
    return parseSpool(fs.readFileSync(file, 'utf8')).end;
  } catch {
    return null; // folded in by another reader
  }
}

/**
 * Ingests one run's journal; returns its row id. The file goes once the run is over.
 * The supervisor may finish between our read and our liveness check, so a dead
 * supervisor's journal is read again before its run is called lost.
 */
export function ingestRun(db: Db, run: SpooledRun): number {
  const over = run.end !== null || !isAlive(run.start.supervisorPid);
  const end = run.end ?? (over ? readEnd(run.file) : null);
  const id = db.transaction(() => {
    const rowId = insertRunStart(db, run.start);
    if (end) completeRun(db, run.start.uuid, end);
    else if (over) markRunLost(db, run.start.uuid);
    return rowId;
  }).immediate();
  if (over) removeQuietly(run.file);
  return id;
}

/** Oldest start first (then uuid, for equal times), so that row ids follow start order. */
export function inStartOrder(runs: SpooledRun[]): SpooledRun[] {
  const key = (r: SpooledRun) => Date.parse(r.start.startedAt);
  return [...runs].sort((a, b) => key(a) - key(b) || (a.start.uuid < b.start.uuid ? -1 : a.start.uuid > b.start.uuid ? 1 : 0));
}

export function ingestSpool(db: Db, spoolDir: string): void {
  for (const run of inStartOrder(readSpoolDir(spoolDir))) ingestRun(db, run);
}
