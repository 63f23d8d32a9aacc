import { loadConfig } from '../config';
import { HistoryStore, StoreError } from '../store/store';
import { CommandError } from './command';

/** The history store for a reading command, with pending run journals folded in. */
export function openHistory(env: NodeJS.ProcessEnv): HistoryStore {
  const { config } = loadConfig(env);
  try {
    const store = new HistoryStore(config.dbPath);
    store.ingestAll();
    return store;
  } catch (err) {
    throw new CommandError(err instanceof StoreError ? err.message : `history database: ${(err as Error).message}`);
  }
}
