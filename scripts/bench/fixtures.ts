// Everything the bench runs against, in one throwaway folder: a module whose
// dependencies sit in a warm module cache (filled once from the loopback proxy),
// a fresh GOMODSHIM_DB, and the "floor" wrapper DESIGN.md compares us with.
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
  /** The node shim/go finds on PATH (command -v node), used for every node variant. */
  node: string;
  /** sh script → 3-line node script → go: the lower bound for any Node supervisor. */
  floorGo: string;
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

function writeFloor(dir: string): string {
  const js = path.join(dir, 'floor.js');
  fs.writeFileSync(
    js,
    [
      "const c = require('child_process').spawn(process.argv[2], process.argv.slice(3), { stdio: 'inherit' });",
      "c.on('error', () => process.exit(127));",
      'c.on(\'exit\', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code)));',
      '',
    ].join('\n'),
  );
  const sh = path.join(dir, 'go');
  fs.writeFileSync(sh, `#!/bin/sh\nexec node '${js}' '${REAL_GO}' "$@"\n`, { mode: 0o755 });
  return sh;
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

  const node = spawnSync('sh', ['-c', 'command -v node'], { env, encoding: 'utf8' }).stdout.trim();
  if (!node) throw new Error('bench: no node on PATH');
  return { dir, app, env, node, floorGo: writeFloor(dir), spoolDir: `${env.GOMODSHIM_DB}-spool` };
}

/** Journal files in the spool: one per recorded (watched) run. */
export function journalCount(spoolDir: string): number {
  try {
    return fs.readdirSync(spoolDir).filter((n) => n.endsWith('.jsonl')).length;
  } catch {
    return 0;
  }
}
