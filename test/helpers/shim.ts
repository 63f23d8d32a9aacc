// Running the built shim and the real go side by side, in throwaway folders.
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const SHIM_DIR = path.join(REPO, 'shim');
export const SHIM_GO = path.join(SHIM_DIR, 'go');
export const SHIM_CLI = path.join(SHIM_DIR, 'gomod-shim');

/** PATH without any folder holding a gomod-shim shim. */
export const PATH_WITHOUT_SHIM = (process.env.PATH ?? '')
  .split(':')
  .filter((d) => {
    try {
      return fs.realpathSync(d) !== fs.realpathSync(SHIM_DIR);
    } catch {
      return true;
    }
  })
  .join(':');

/** The real go binary, as found on PATH without the shim. */
export const REAL_GO = (() => {
  const r = spawnSync('sh', ['-c', 'command -v go'], { env: { ...process.env, PATH: PATH_WITHOUT_SHIM }, encoding: 'utf8' });
  const found = r.stdout.trim();
  if (!found) throw new Error('tests need a real go on PATH');
  return found;
})();

/** A temporary folder removed when the process exits. */
export function tempDir(prefix = 'gomod-shim-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * One build cache for the whole suite (go's cache is safe to share): since Go 1.20 the standard
 * library is compiled into it on first use, which takes minutes on a loaded 2-core machine.
 * scripts/run-tests.mjs warms it before the tests start.
 */
export const TEST_GOCACHE = process.env.GOMODSHIM_TEST_GOCACHE || path.join(os.tmpdir(), 'gomod-shim-test-gocache');

/**
 * An environment for one test: the shim first on PATH, its own database, go offline
 * with a private module cache (GOFLAGS=-modcacherw so the cache can be removed) and the
 * suite's shared build cache.
 */
export function testEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${SHIM_DIR}:${PATH_WITHOUT_SHIM}`,
    HOME: dir,
    GOMODSHIM_DB: path.join(dir, 'state', 'history.db'),
    GOMODCACHE: path.join(dir, 'modcache'),
    GOPATH: path.join(dir, 'gopath'),
    GOCACHE: TEST_GOCACHE,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    NO_COLOR: '1',
    // The suite may itself run in GitHub Actions: its hangs must not annotate the real job.
    GITHUB_ACTIONS: undefined,
    GITHUB_STEP_SUMMARY: undefined,
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

export interface RunResult {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: NodeJS.Signals | null;
  pid: number;
}

export interface RunOptions extends SpawnOptions {
  input?: string | Buffer;
  /** Called once the process is started (to send it signals, say). */
  onSpawn?: (pid: number) => void;
  timeoutMs?: number;
}

/** Runs a command to its end, collecting both streams as bytes. */
export function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.stdin!.on('error', () => {});
    child.stdin!.end(opts.input ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} did not end within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code, signal, pid: child.pid ?? -1 });
    });
  });
}

/** `go ARGS` through the shim (shim/go by path). */
export function runShim(args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return run(SHIM_GO, args, opts);
}

/** `go ARGS` straight to the real toolchain, for comparison. */
export function runRealGo(args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return run(REAL_GO, args, opts);
}

/** `gomod-shim ARGS` (the CLI). */
export function runCli(args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return run(SHIM_CLI, args, opts);
}

/** `gomod-shim history --all --json` parsed. */
export async function historyJson(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>[]> {
  const r = await runCli(['history', '--all', '--json', '--limit', '1000'], { env });
  if (r.code !== 0) throw new Error(`history failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString()) as Record<string, unknown>[];
}

/** A go module in dir with the given go.mod text and files. */
export function writeModule(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Is a pid still running (and not a zombie)? */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
