import { loadConfig } from '../config';
import { HistoryOffError, HistoryStore, READER_BUSY_TIMEOUT_MS, StoreError } from '../store/store';
import { type CommandContext, CommandError } from './command';
import { printWarnings } from './warn-line';

/**
 * Runs read against the history store, with pending run journals folded in first. Bad settings
 * and whatever was set aside (journals, rows) are named in one warning line; any database failure
 * becomes one CommandError line (exit 1), never a stack trace.
 */
export function readHistory<T>(ctx: Pick<CommandContext, 'env' | 'stderr'>, read: (store: HistoryStore) => T): T {
  const { config, warnings } = loadConfig(ctx.env);
  let store: HistoryStore | null = null;
  try {
    store = new HistoryStore(config.dbPath, READER_BUSY_TIMEOUT_MS);
    store.ingestAll();
    const result = read(store);
    printWarnings(ctx.stderr, [...warnings, ...(store.setAside.length ? [`set aside ${store.setAside.join('; ')}`] : [])]);
    return result;
  } catch (err) {
    printWarnings(ctx.stderr, warnings);
    if (err instanceof HistoryOffError) throw new CommandError(`${err.message}: nothing is recorded (see GOMODSHIM_DB in the README)`);
    throw new CommandError(err instanceof StoreError ? err.message : `history database ${config.dbPath}: ${(err as Error).message}`);
  } finally {
    store?.close();
  }
}
