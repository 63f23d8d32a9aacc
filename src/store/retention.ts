// Keeping the history database bounded: the cap (run on every snapshot save) and `prune`.
import * as fs from 'node:fs';
import { rankGoroutines } from '../snapshot/goroutine-rank';
import type { Snapshot } from '../snapshot/snapshot';
import type { Db } from './database';

/**
 * Snapshots kept whole, raw goroutine dump included. A dump runs 20–200 kB, so 200 of them stay
 * under ~40 MB, while 200 hangs is months of history for a developer with a flaky proxy: the
 * recent hangs someone might still paste into a bug report keep every byte. Older ones keep
 * their diagnosis, processes, probe and top goroutines (a few kB), which is what stats and
 * `show` read.
 */
export const WHOLE_SNAPSHOTS_KEPT = 200;

/** Goroutines a trimmed snapshot keeps, best first (the ranking `show` uses). */
export const TOP_GOROUTINES_KEPT = 20;

/**
 * Snapshots trimmed by one save at most: a first save after an upgrade may find thousands
 * over the cap, and a hang report must not wait on them. Later saves and `prune` do the rest.
 */
export const CAP_BATCH = 25;

/** A snapshot without its raw dump, keeping the goroutines that tell the story. Pure. */
export function trimSnapshot(snapshot: Snapshot, at: string): Snapshot {
  const parsed = snapshot.goroutines.parsed;
  return {
    ...snapshot,
    goroutines: { raw: null, parsed: rankGoroutines(parsed).slice(0, TOP_GOROUTINES_KEPT) },
    retention: snapshot.retention ?? { dump_dropped_at: at, goroutines_total: parsed.length },
  };
}

/** A malformed snapshot (readers set it aside) is marked trimmed as it is, so the cap moves past it. */
function trimmedJson(json: string, at: string): string {
  try {
    return JSON.stringify(trimSnapshot(JSON.parse(json) as Snapshot, at));
  } catch {
    return json;
  }
}

const countWhole = (db: Db) => db.prepare('SELECT COUNT(*) FROM snapshots WHERE dump_dropped_at IS NULL').pluck().get() as number;

/**
 * Drops the raw dump (and minor goroutines) of snapshots beyond the newest `keep`; every run row
 * stays. Cheap when nothing is over: one COUNT over a partial index, no write lock taken.
 * Returns how many it trimmed.
 */
export function capSnapshots(db: Db, keep = WHOLE_SNAPSHOTS_KEPT, limit = CAP_BATCH, now = new Date()): number {
  if (countWhole(db) <= keep) return 0;
  const at = now.toISOString();
  return db
    .transaction(() => {
      // Counted again under the write lock: another process may have trimmed meanwhile.
      const over = Math.min(countWhole(db) - keep, limit);
      if (over <= 0) return 0;
      const rows = db.prepare('SELECT run_id, json FROM snapshots WHERE dump_dropped_at IS NULL ORDER BY taken_at, run_id LIMIT ?').all(over) as {
        run_id: number;
        json: string;
      }[];
      const update = db.prepare('UPDATE snapshots SET json = ?, dump_dropped_at = ? WHERE run_id = ?');
      for (const row of rows) update.run(trimmedJson(row.json, at), at, row.run_id);
      return rows.length;
    })
    .immediate();
}

/** Whole snapshots the cap would trim now (for `prune --dry-run`). */
export function countOverCap(db: Db, keep = WHOLE_SNAPSHOTS_KEPT): number {
  return Math.max(0, countWhole(db) - keep);
}

const HUNG_IDS_LISTED = 50;

export interface PruneResult {
  runs: number;
  hangs: number;
  oldest: string | null;
  newest: string | null;
  /** ids of the hung runs removed, oldest first (the first HUNG_IDS_LISTED) */
  hungIds: number[];
}

/** Removes (or, dry, only counts) the runs started before `before`, with their snapshots; a run still going stays. */
export function pruneRuns(db: Db, before: string, dryRun: boolean): PruneResult {
  return db
    .transaction(() => {
      const found = db
        .prepare(
          "SELECT COUNT(*) AS runs, COALESCE(SUM(hung), 0) AS hangs, MIN(started_at) AS oldest, MAX(started_at) AS newest FROM runs WHERE started_at < ? AND status != 'running'",
        )
        .get(before) as Omit<PruneResult, 'hungIds'>;
      const hungIds = db
        .prepare("SELECT id FROM runs WHERE started_at < ? AND status != 'running' AND hung = 1 ORDER BY started_at, id LIMIT ?")
        .pluck()
        .all(before, HUNG_IDS_LISTED) as number[];
      if (!dryRun && found.runs > 0) {
        // foreign_keys is off (SQLite's default), so ON DELETE CASCADE does not fire: delete both.
        db.prepare("DELETE FROM snapshots WHERE run_id IN (SELECT id FROM runs WHERE started_at < ? AND status != 'running')").run(before);
        db.prepare("DELETE FROM runs WHERE started_at < ? AND status != 'running'").run(before);
      }
      return { ...found, hungIds };
    })
    .immediate();
}

/** Bytes of the database with its WAL. */
export function databaseBytes(dbPath: string): number {
  const size = (file: string) => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  return size(dbPath) + size(`${dbPath}-wal`);
}

/**
 * Gives freed pages back to the file system. Only `prune` does this: the cap leaves freed pages
 * for the next snapshots to reuse, which already stops the file growing.
 */
export function vacuum(db: Db): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
