// go must get the environment the shim got. shim/go hands over two things in it that
// are ours, and we take them out again before go starts.
const PARKED = 'GOMODSHIM_PARKED_';
const IGNORED_SIGNALS = 'GOMODSHIM_IGNORED_SIGNALS';

/**
 * Puts back the user's Node.js settings (NODE_OPTIONS…) that shim/go parked so they
 * reach go rather than our node, and returns the signals the shim found ignored on
 * entry (SIGHUP under nohup, SIGINT for `go … &` in a script), which go must inherit.
 */
export function restoreGoEnvironment(env: NodeJS.ProcessEnv): NodeJS.Signals[] {
  for (const key of Object.keys(env)) {
    if (!key.startsWith(PARKED)) continue;
    env[key.slice(PARKED.length)] = env[key];
    delete env[key];
  }
  const ignored = (env[IGNORED_SIGNALS] ?? '').split(' ').filter((s): s is NodeJS.Signals => s === 'SIGHUP' || s === 'SIGINT');
  delete env[IGNORED_SIGNALS];
  return ignored;
}
