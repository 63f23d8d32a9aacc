// SQLite's own integrity check, and what the database holds.
import type { Db } from './database';

export interface StoreHealth {
  ok: boolean;
  problem: string | null;
  runs: number;
  hangs: number;
}

export function checkHealth(db: Db): StoreHealth {
  const check = db.pragma('quick_check', { simple: true }) as string;
  const { runs, hangs } = db.prepare('SELECT COUNT(*) AS runs, COALESCE(SUM(hung), 0) AS hangs FROM runs').get() as { runs: number; hangs: number };
  return { ok: check === 'ok', problem: check === 'ok' ? null : `quick_check: ${check}`, runs, hangs };
}
