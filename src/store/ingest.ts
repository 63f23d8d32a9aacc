// Folds run journals (src/record/spool.ts) into the database. Idempotent, so any
// number of readers may ingest the same files at once.
import * as fs from 'node:fs';
import { readSpoolDir, type SpooledRun } from '../record/spool';
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

/** Ingests one run's journal; returns its row id. The file goes once the run is over. */
export function ingestRun(db: Db, run: SpooledRun): number {
  const id = db.transaction(() => {
    const rowId = insertRunStart(db, run.start);
    if (run.end) completeRun(db, run.start.uuid, run.end);
    else if (!isAlive(run.start.supervisorPid)) markRunLost(db, run.start.uuid);
    return rowId;
  }).immediate();
  if (run.end || !isAlive(run.start.supervisorPid)) removeQuietly(run.file);
  return id;
}

export function ingestSpool(db: Db, spoolDir: string): void {
  for (const run of readSpoolDir(spoolDir)) ingestRun(db, run);
}
