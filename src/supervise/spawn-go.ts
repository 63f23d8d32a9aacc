// Starting the real go: stdin and stdout inherited, stderr through us (stderr-relay.ts).
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * libuv resets every signal to its default in the child. When the shim started with
 * SIGHUP or SIGINT ignored, go must start so too (it then leaves them ignored): a
 * /bin/sh sets them ignored and execs go, so go keeps this pid and nothing sits between.
 */
export function spawnGo(realGo: string, goArgs: string[], ignored: readonly NodeJS.Signals[]): ChildProcess {
  const stdio: ['inherit', 'inherit', 'pipe'] = ['inherit', 'inherit', 'pipe'];
  if (ignored.length === 0) return spawn(realGo, goArgs, { stdio });
  const names = ignored.map((s) => s.slice(3)).join(' ');
  return spawn('/bin/sh', ['-c', `trap '' ${names}; exec "$0" "$@"`, realGo, ...goArgs], { stdio });
}
