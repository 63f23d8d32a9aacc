// The watcher's part of a run's record. The front wrote the start to the run's journal before
// the watcher existed (docs/front-protocol.md); the watcher moves the run into the database
// (folding in other finished journals first, so ids follow start order), stores a hang's
// snapshot there, and completes the row with what only it knows (longest quiet spell, the limit
// that applied). Every failure: one warning, go goes on.

import { historyPathState } from '../files/history-path';
import { spoolDirFor } from '../paths';
import type { RunEnd, RunStart } from '../record/run-record';
import { appendSpool } from '../record/spool';
import { HistoryOffError } from '../store/database';
import { HistoryStore } from '../store/store';
import { warnOnce } from './warn';

export class RunRecorder {
  private store: HistoryStore | null = null;
  private storeFailed = false;
  rowId: number | null = null;

  /** History off (GOMODSHIM_DB=off, or a path that is not a regular file): nothing is recorded, quietly. */
  private readonly off: boolean;

  constructor(
    private readonly dbPath: string | null,
    readonly start: RunStart,
  ) {
    this.off = historyPathState(dbPath) === 'off';
  }

  /** Opens the database and moves this run (and any finished journals) into it. */
  promote(): HistoryStore | null {
    if (this.store || this.storeFailed || this.off) return this.store;
    let store: HistoryStore | null = null;
    try {
      store = new HistoryStore(this.dbPath);
      store.ingestAll();
      this.rowId = store.adoptRun(this.start);
      this.store = store;
    } catch (err) {
      this.storeFailed = true;
      store?.close();
      if (err instanceof HistoryOffError) return null;
      warnOnce(`${(err as Error).message}; go runs on, its record kept in the journal`);
    }
    return this.store;
  }

  /** The front was killed before it could say how go ended: the run is lost, as a reader would find it. */
  lose(): void {
    try {
      this.store?.loseRun(this.start.uuid);
      this.store?.close();
    } catch {
      // a reader will find the front gone and say the same
    }
  }

  finish(end: RunEnd): void {
    if (this.store) {
      try {
        this.store.completeRun(this.start.uuid, end);
        this.store.close();
        return;
      } catch {
        // fall back to the journal
      }
    }
    if (this.off || this.dbPath === null) return;
    try {
      appendSpool(spoolDirFor(this.dbPath), this.start.uuid, { end });
    } catch {
      // the journal the front wrote is gone or unwritable: a reader will call the run lost
    }
  }
}
