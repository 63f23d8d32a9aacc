// Is the shim first on PATH — here, and in the shell a new terminal would open?
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { Check, CheckResult } from '../check';
import { goOnPath, isShim } from '../find-go';

const LOGIN_SHELL_TIMEOUT_MS = 3000;

function loginShellGo(shell: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    // -i -c: an interactive shell reads ~/.bashrc / ~/.zshrc, where install puts its block.
    execFile(shell, ['-i', '-c', 'command -v go'], { env, timeout: LOGIN_SHELL_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout) =>
      resolve(err ? null : stdout.trim().split('\n').pop() || null),
    );
  });
}

export const pathCheck: Check = async (ctx) => {
  const gos = goOnPath(ctx.env.PATH ?? '');
  const first = gos[0] ?? null;
  const here: CheckResult =
    first && isShim(first)
      ? { name: 'shim first on PATH', status: 'pass', detail: `go → ${first} (gomod-shim)` }
      : {
          name: 'shim first on PATH',
          status: 'fail',
          detail: first ? `go → ${first}, not the shim: go calls here are not watched` : 'no go on PATH at all',
          fix: 'gomod-shim install, then open a new terminal (or put the shim folder first on PATH)',
        };
  const shell = ctx.env.SHELL && /(bash|zsh|fish)$/.test(ctx.env.SHELL) ? ctx.env.SHELL : null;
  if (!shell) return here;
  const found = await loginShellGo(shell, ctx.env);
  const fresh: CheckResult =
    found && isShim(found)
      ? { name: `new ${path.basename(shell)} shells`, status: 'pass', detail: `go → ${found} (gomod-shim)` }
      : {
          name: `new ${path.basename(shell)} shells`,
          status: 'warn',
          detail: found ? `a new ${path.basename(shell)} would run ${found}, not the shim` : `could not ask ${shell} which go it runs`,
          fix: 'gomod-shim install adds the shim folder to your shell rc files',
        };
  return [here, fresh];
};
