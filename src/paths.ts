import * as os from 'node:os';
import * as path from 'node:path';

type Env = NodeJS.ProcessEnv;

function home(env: Env): string {
  return env.HOME || os.homedir();
}

/** `${XDG_STATE_HOME:-$HOME/.local/state}/gomod-shim/history.db` (docs/contract.md). */
export function defaultDbPath(env: Env): string {
  const state = env.XDG_STATE_HOME || path.join(home(env), '.local', 'state');
  return path.join(state, 'gomod-shim', 'history.db');
}

export function dataHome(env: Env): string {
  return env.XDG_DATA_HOME || path.join(home(env), '.local', 'share');
}

/** Where `gomod-shim install` puts the bin folder that goes first on PATH. */
export function defaultInstallDir(env: Env): string {
  return path.join(dataHome(env), 'gomod-shim');
}

export function configHome(env: Env): string {
  return env.XDG_CONFIG_HOME || path.join(home(env), '.config');
}

/**
 * Short runs are journalled here first and folded into SQLite later (see README,
 * "How a run is recorded"): one small file per run, beside the database.
 */
export function spoolDirFor(dbPath: string): string {
  return `${dbPath}-spool`;
}

/** The repository root: dist/ and build/src/ both sit one level below it. */
export function packageRoot(): string {
  let dir = __dirname;
  while (path.basename(dir) !== 'dist' && path.basename(dir) !== 'build' && dir !== path.dirname(dir)) {
    dir = path.dirname(dir);
  }
  return path.dirname(dir);
}
