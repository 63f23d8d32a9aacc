// Everything the bench runs against, in one throwaway folder: a module whose
// dependencies sit in a warm module cache (filled once from the loopback proxy),
// a fresh GOMODSHIM_DB, and a warm build cache.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleModule, startModuleProxy } from '../../test/helpers/module-proxy';
import { PATH_WITHOUT_SHIM, REAL_GO, runRealGo, SHIM_DIR, tempDir, testEnv, writeModule } from '../../test/helpers/shim';
import { checkOnce } from './timing';

export interface Fixtures {
  /** The throwaway folder (removed at exit). */
  dir: string;
  /** The app module: cwd of every go call. */
  app: string;
  /** Shim folder first on PATH, no GOMODSHIM_* settings, go offline on a warm cache. */
  env: NodeJS.ProcessEnv;
  /** The node the front finds on PATH (command -v node) for the watcher. */
  node: string;
  spoolDir: string;
}

const DEPS = [simpleModule('example.com/dep', 'v1.1.0'), simpleModule('example.com/util', 'v1.0.0')];

/** The user's PATH as a shell would have it: no shim, no npm run additions. */
function userPath(): string {
  return PATH_WITHOUT_SHIM.split(':')
    .filter((d) => !d.includes('node_modules/.bin') && !d.includes('node-gyp-bin'))
    .join(':');
}

/**
 * Settings that change what a node start costs, dropped unless keepNodeEnv:
 * NODE_EXTRA_CA_CERTS makes every node start parse a CA bundle (+~35 ms on the
 * machine this was written on), padding both the overhead and node -e 0 alike.
 */
export const NODE_START_SETTINGS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'];

function cleanEnv(dir: string, keepNodeEnv: boolean): NodeJS.ProcessEnv {
  const env = testEnv(dir, { PATH: `${SHIM_DIR}:${userPath()}` });
  for (const key of Object.keys(env)) {
    if (key.startsWith('npm_') || key.startsWith('GOMODSHIM_') || key === 'INIT_CWD') delete env[key];
    if (!keepNodeEnv && NODE_START_SETTINGS.includes(key)) delete env[key];
  }
  env.GOMODSHIM_DB = path.join(dir, 'state', 'history.db'); // fresh, in the temp folder
  return env;
}

export async function setUp(keepNodeEnv: boolean): Promise<Fixtures> {
  const dir = tempDir('gomod-shim-bench-');
  const app = writeModule(path.join(dir, 'app'), {
    'go.mod': 'module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/dep v1.1.0\n\texample.com/util v1.0.0\n)\n',
    'main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/dep"\n\t"example.com/util"\n)\n\nfunc main() { fmt.Println(dep.Hello(), util.Hello()) }\n',
  });
  const env = cleanEnv(dir, keepNodeEnv);

  // Warm the module cache once through the real go; measured runs then use GOPROXY=off.
  // Async: the proxy answers from this very event loop.
  const proxy = await startModuleProxy(DEPS);
  try {
    const r = await runRealGo(['mod', 'download'], { cwd: app, env: { ...env, GOPROXY: proxy.url, GOFLAGS: '-modcacherw -mod=mod' } });
    if (r.code !== 0) throw new Error(`bench: warming the module cache failed:\n${r.stderr.toString()}`);
  } finally {
    await proxy.close();
  }
  checkOnce({ file: REAL_GO, args: ['mod', 'download'], cwd: app, env }); // offline now: must still work
  checkOnce({ file: REAL_GO, args: ['mod', 'tidy'], cwd: app, env }); // go.sum settled: tidy changes nothing from now on
  checkOnce({ file: REAL_GO, args: ['build', '-o', '/dev/null', '.'], cwd: app, env }); // a warm build cache

  const node = spawnSync('sh', ['-c', 'command -v node'], { env, encoding: 'utf8' }).stdout.trim();
  if (!node) throw new Error('bench: no node on PATH');
  return { dir, app, env, node, spoolDir: `${env.GOMODSHIM_DB}-spool` };
}

/**
 * Watched runs on record: journal files still in the spool, plus the runs already folded into
 * the database (the front starts a fold once journals pile up). Read-only: the bench never
 * changes what it measures.
 */
export function recordedRuns(fx: Fixtures): number {
  let journals = 0;
  try {
    journals = fs.readdirSync(fx.spoolDir).filter((n) => n.endsWith('.jsonl')).length;
  } catch {}
  const db = fx.env.GOMODSHIM_DB as string;
  if (!fs.existsSync(db)) return journals;
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const conn = new Database(db, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return journals + (conn.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
  } finally {
    conn.close();
  }
}
