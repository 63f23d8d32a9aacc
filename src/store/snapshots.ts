// Snapshot rows, and the hang verdict they put on their run.
import type { Snapshot } from '../snapshot/snapshot';
import type { Db } from './database';
import { snapshotIsHang } from '../snapshot/is-hang';

/** Stores (or replaces) the snapshot of a run and, unless it is a user's snapshot (Ctrl-\\), marks the run hung with its cause. */
export function saveSnapshot(db: Db, runId: number, snapshot: Snapshot): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO snapshots (run_id, taken_at, json) VALUES (?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET taken_at = excluded.taken_at, json = excluded.json`,
    ).run(runId, snapshot.taken_at, JSON.stringify(snapshot));
    db.prepare('UPDATE runs SET hung = MAX(hung, ?), cause = ?, summary = ? WHERE id = ?').run(
      snapshotIsHang(snapshot) ? 1 : 0,
      snapshot.diagnosis.cause,
      snapshot.diagnosis.summary,
      runId,
    );
  }).immediate();
}

export function getSnapshot(db: Db, runId: number): Snapshot | null {
  const row = db.prepare('SELECT json FROM snapshots WHERE run_id = ?').get(runId) as { json: string } | undefined;
  return row ? (JSON.parse(row.json) as Snapshot) : null;
}
