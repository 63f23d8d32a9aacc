import { loadConfig } from '../config';
import { HistoryStore, READER_BUSY_TIMEOUT_MS, StoreError } from '../store/store';
import { CommandError } from './command';

/**
 * Runs read against the history store, with pending run journals folded in first.
 * Any database failure becomes one CommandError line (exit 1), never a stack trace.
 */
export function readHistory<T>(env: NodeJS.ProcessEnv, read: (store: HistoryStore) => T): T {
  const { config } = loadConfig(env);
  let store: HistoryStore | null = null;
  try {
    store = new HistoryStore(config.dbPath, READER_BUSY_TIMEOUT_MS);
    store.ingestAll();
    return read(store);
  } catch (err) {
    throw new CommandError(err instanceof StoreError ? err.message : `history database ${config.dbPath}: ${(err as Error).message}`);
  } finally {
    store?.close();
  }
}
