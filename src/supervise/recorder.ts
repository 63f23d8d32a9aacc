// Two-phase recording of one run. The start goes to the journal at once (no SQLite on
// the way to go); a run still going after PROMOTE_AFTER_MS is moved into the database,
// so long runs have their row while they run. Every failure: one warning, go goes on.
import { historyPathState } from '../files/history-path';
import { spoolDirFor } from '../paths';
import { appendSpool } from '../record/spool';
import type { RunEnd, RunStart } from '../record/run-record';
import type { HistoryStore } from '../store/store';
import { loadBundle } from './lazy-bundle';
import { warnOnce } from './warn';

export const PROMOTE_AFTER_MS = 1000;

function loadStoreClass(): typeof HistoryStore {
  return loadBundle<{ HistoryStore: typeof HistoryStore }>('store', '../store/store').HistoryStore;
}

export class RunRecorder {
  private store: HistoryStore | null = null;
  private storeFailed = false;
  private readonly spoolDir: string;
  /** History off (GOMODSHIM_DB=off, or a path that is not a regular file): nothing is recorded, quietly. */
  private readonly off: boolean;
  rowId: number | null = null;

  constructor(
    private readonly dbPath: string | null,
    readonly start: RunStart,
  ) {
    this.off = historyPathState(dbPath) === 'off';
    this.spoolDir = dbPath === null ? '' : spoolDirFor(dbPath);
  }

  begin(): void {
    if (this.off) return;
    this.journal({ start: this.start }, 'could not record the start of this run');
  }

  /** Opens the database and moves this run's journal into it. */
  promote(): HistoryStore | null {
    if (this.store || this.storeFailed || this.off) return this.store;
    let store: HistoryStore | null = null;
    try {
      store = new (loadStoreClass())(this.dbPath);
      this.rowId = store.adoptRun(this.start.uuid);
      this.store = store;
    } catch (err) {
      this.storeFailed = true;
      store?.close();
      if ((err as Error).name === 'HistoryOffError') return null;
      warnOnce(`${(err as Error).message}; go runs on, its record kept in the journal`);
    }
    return this.store;
  }

  finish(end: RunEnd): void {
    if (this.off) return;
    if (this.store) {
      try {
        this.store.completeRun(this.start.uuid, end);
        this.store.close();
        return;
      } catch {
        // fall back to the journal
      }
    }
    this.journal({ end }, 'could not record the end of this run');
  }

  private journal(entry: Parameters<typeof appendSpool>[2], what: string): void {
    try {
      appendSpool(this.spoolDir, this.start.uuid, entry);
    } catch (err) {
      warnOnce(`${what} in ${this.spoolDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
}
