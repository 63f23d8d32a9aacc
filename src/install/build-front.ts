// Builds the compiled front (front/, Go, standard library only) into dist/ with a given go:
// `npm run build` uses the go on PATH, `gomod-shim install` the real go the shim found
// (docs/front-protocol.md).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BuildFrontResult {
  ok: boolean;
  /** Why the build failed: go's last lines, or why go could not run. */
  error?: string;
}

const BUILD_LIMIT_MS = 5 * 60_000;

export function frontBinaryPath(repoRoot: string): string {
  return path.join(repoRoot, 'dist', 'gomod-shim-front');
}

/**
 * go build into a temporary name, then rename: a shim exec-ing the front meanwhile sees
 * the old binary or the new one, never half of one. The user's GOFLAGS, workspace and
 * toolchain switching stay out of it; GOMODSHIM_DISABLE keeps a shim on PATH out of the way.
 */
export function buildFront(goBinary: string, repoRoot: string): BuildFrontResult {
  const target = frontBinaryPath(repoRoot);
  const partial = `${target}.partial-${process.pid}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const env = { ...process.env, GOFLAGS: '', GOWORK: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOMODSHIM_DISABLE: '1' };
  const result = spawnSync(goBinary, ['build', '-trimpath', '-ldflags=-s -w', '-o', partial, '.'], {
    cwd: path.join(repoRoot, 'front'),
    env,
    encoding: 'utf8',
    timeout: BUILD_LIMIT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) return failed(partial, `cannot run ${goBinary}: ${result.error.message}`);
  if (result.status !== 0) {
    const said = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-5).join('\n');
    return failed(partial, said || `${goBinary} build exited ${result.status ?? result.signal}`);
  }
  fs.renameSync(partial, target);
  return { ok: true };
}

function failed(partial: string, error: string): BuildFrontResult {
  fs.rmSync(partial, { force: true });
  return { ok: false, error };
}
