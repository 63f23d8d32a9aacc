// Snapshot rows, and the hang verdict they put on their run. What goes in is redacted whole
// (src/redact.ts); what comes out is checked for the shape every printer relies on.
import { isStringList } from '../record/journal-shape';
import { redactDeep } from '../redact';
import { snapshotIsHang } from '../snapshot/is-hang';
import type { Snapshot } from '../snapshot/snapshot';
import type { Db } from './database';
import type { OnBadRow } from './runs';

/** Stores (or replaces) the snapshot of a run and, unless it is a user's snapshot (Ctrl-\\), marks the run hung with its cause. */
export function saveSnapshot(db: Db, runId: number, snapshot: Snapshot): void {
  const safe = redactDeep(snapshot);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO snapshots (run_id, taken_at, json) VALUES (?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET taken_at = excluded.taken_at, json = excluded.json`,
    ).run(runId, safe.taken_at, JSON.stringify(safe));
    db.prepare('UPDATE runs SET hung = MAX(hung, ?), cause = ?, summary = ? WHERE id = ?').run(
      snapshotIsHang(safe) ? 1 : 0,
      safe.diagnosis.cause,
      safe.diagnosis.summary,
      runId,
    );
  }).immediate();
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What `show`, the markdown report, stats and the OTLP export read without checking again. */
function isSnapshot(v: unknown): v is Snapshot {
  if (!isObject(v) || !isObject(v.diagnosis) || !isObject(v.goroutines) || !isObject(v.env)) return false;
  const d = v.diagnosis;
  return (
    typeof v.taken_at === 'string' &&
    typeof d.cause === 'string' &&
    typeof d.summary === 'string' &&
    isStringList(d.evidence) &&
    isStringList(d.suggestions) &&
    Array.isArray(v.processes) &&
    v.processes.every((p) => isObject(p) && isStringList(p.argv)) &&
    Array.isArray(v.network) &&
    Array.isArray(v.goroutines.parsed) &&
    isStringList(v.stderr_tail) &&
    (v.command === undefined || isStringList(v.command)) &&
    (v.go_env === null || isObject(v.go_env))
  );
}

export function getSnapshot(db: Db, runId: number, onBad: OnBadRow): Snapshot | null {
  const row = db.prepare('SELECT json FROM snapshots WHERE run_id = ?').get(runId) as { json: unknown } | undefined;
  if (!row) return null;
  let parsed: unknown = null;
  try {
    parsed = typeof row.json === 'string' ? JSON.parse(row.json) : null;
  } catch {
    // judged below
  }
  if (isSnapshot(parsed)) return parsed;
  onBad(runId, 'its snapshot is malformed');
  return null;
}
