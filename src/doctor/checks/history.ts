// The history database opens, passes SQLite's quick check, and its journals are folding in.
import { loadConfig } from '../../config';
import { HistoryOffError, HistoryStore, READER_BUSY_TIMEOUT_MS } from '../../store/store';
import type { Check } from '../check';

export const historyCheck: Check = async (ctx) => {
  const { config } = loadConfig(ctx.env);
  try {
    const store = new HistoryStore(config.dbPath, READER_BUSY_TIMEOUT_MS);
    try {
      store.ingestAll();
      const health = store.health();
      return health.ok
        ? { name: 'history', status: 'pass', detail: `${config.dbPath}: ${health.runs} runs, ${health.hangs} hangs` }
        : {
            name: 'history',
            status: 'fail',
            detail: `${config.dbPath}: ${health.problem}`,
            fix: `move it aside (mv ${config.dbPath} ${config.dbPath}.broken); a new one is made on the next run`,
          };
    } finally {
      store.close();
    }
  } catch (err) {
    if (err instanceof HistoryOffError)
      return {
        name: 'history',
        status: 'warn',
        detail: `${err.message}: watched runs are not recorded`,
        fix: 'unset GOMODSHIM_DB (or point it at a file of yours) to keep a history',
      };
    return {
      name: 'history',
      status: 'fail',
      detail: (err as Error).message,
      fix: `check the folder's permissions and free space, or set GOMODSHIM_DB elsewhere`,
    };
  }
};
