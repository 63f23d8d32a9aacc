// Issue 2: through the shim, go behaves byte for byte as without it (docs/contract.md,
// "Transparency"), on the watched path (the Node supervisor) and the unwatched one
// (exec from shim/go). Every case runs the real go the same way and compares.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertSameOutcome, compareWithRealGo, GOPROG } from '../helpers/compare';
import { type ModuleProxy, simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { sleep } from '../helpers/processes';
import {
  historyJson,
  PATH_WITHOUT_SHIM,
  REAL_GO,
  type RunResult,
  run,
  runRealGo,
  runShim,
  SHIM_DIR,
  SHIM_GO,
  tempDir,
  testEnv,
  writeModule,
} from '../helpers/shim';

const root = tempDir();
/** A fresh folder below root (tempDir() itself is for the few that need their own cleanup). */
const freshDir = (name: string) => fs.mkdtempSync(path.join(root, `${name}-`));
// One build cache for the whole file: both sides compile goprog once, not per case.

const app = writeModule(path.join(root, 'app'), {
  'go.mod': 'module example.com/app\n\ngo 1.19\n',
  'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("app") }\n',
});
const broken = writeModule(path.join(root, 'broken'), {
  'go.mod': 'module example.com/broken\n\ngo 1.19\n',
  'main.go': 'package main\n\nfunc main() {\n\tundefinedThing()\n}\n',
});

/**
 * An environment for runs in cwd. PWD is what a shell would export: /bin/sh (the shim)
 * sets PWD to its working directory when the inherited one does not name it.
 */
function envIn(cwd: string, home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return testEnv(home, { PWD: cwd, ...extra });
}

const WAYS = [
  { name: 'watched', watch: 'all' },
  { name: 'unwatched', watch: 'none' },
] as const;

for (const way of WAYS) {
  describe(`${way.name} calls behave as the real go`, () => {
    const home = freshDir(way.name);
    const opts = (cwd: string, extra: NodeJS.ProcessEnv = {}) => ({ cwd, env: envIn(cwd, home, { GOMODSHIM_WATCH: way.watch, ...extra }) });
    let runs = 0;
    const compare = (args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}) => {
      runs++;
      return compareWithRealGo(args, opts(cwd, extra));
    };

    test('go version, go env GOPATH, go list -m', async () => {
      await compare(['version'], app);
      await compare(['env', 'GOPATH'], app);
      const list = await compare(['list', '-m'], app);
      assert.equal(list.stdout.toString(), 'example.com/app\n');
    });

    test('failures: a compile error (Go 1.19 exits 2) and a missing package (1)', async () => {
      const build = await compare(['build', './...'], broken);
      assert.notEqual(build.code, 0);
      assert.match(build.stderr.toString(), /undefined: undefinedThing/);
      const list = await compare(['list', 'example.com/app/nothere'], app);
      assert.equal(list.code, 1);
      assert.match(list.stderr.toString(), /nothere/);
    });

    test('go list -deps -json std: hundreds of KB of stdout', async () => {
      const r = await compare(['list', '-deps', '-json', 'std'], app);
      assert.ok(r.stdout.length > 300_000, `only ${r.stdout.length} bytes`);
    });

    test('an unknown subcommand: status 2', async () => {
      const r = await compare(['frobnicate'], app);
      assert.equal(r.code, 2);
      assert.match(r.stderr.toString(), /frobnicate/);
    });

    test('stdin reaches go run byte for byte (all 256 byte values)', async () => {
      runs++;
      const input = Buffer.alloc(300 * 1024);
      for (let i = 0; i < input.length; i++) input[i] = (i * 7 + (i >> 8)) & 0xff;
      const o = { ...opts(GOPROG), input };
      const [shim, real] = await Promise.all([runShim(['run', '.', 'cat'], o), runRealGo(['run', '.', 'cat'], o)]);
      assertSameOutcome(shim, real);
      assert.ok(shim.stdout.equals(input), 'stdout is stdin');
    });

    test('the environment reaches the program unchanged, NODE_OPTIONS set or not', async () => {
      const nodeSettings = {
        NODE_OPTIONS: '--max-old-space-size=100',
        NODE_DEBUG: 'module,child_process',
        NODE_V8_COVERAGE: path.join(home, 'coverage'),
        NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem',
        GOMODSHIM_TEST_VALUE: 'spaces  and\nnewline and ünïcödé and $(not run)',
      };
      const withNode = await compare(['run', '.', 'env'], GOPROG, nodeSettings);
      const lines = withNode.stdout.toString();
      assert.match(lines, /^"NODE_OPTIONS=--max-old-space-size=100"$/m);
      assert.match(lines, /^"NODE_DEBUG=module,child_process"$/m);
      assert.match(lines, /^"GOMODSHIM_TEST_VALUE=spaces {2}and\\nnewline/m);
      assert.doesNotMatch(lines, /GOMODSHIM_PARKED|GOMODSHIM_IGNORED/);
      assert.ok(!fs.existsSync(nodeSettings.NODE_V8_COVERAGE), 'our node wrote no coverage for the user');

      const without = await compare(['run', '.', 'env'], GOPROG, { NODE_OPTIONS: undefined, NODE_DEBUG: undefined });
      assert.doesNotMatch(without.stdout.toString(), /^"NODE_OPTIONS=/m);
    });

    test('arguments pass untouched and nothing in them is executed', async () => {
      const marker = path.join(home, `executed-${way.name}`);
      const args = [
        'two  spaces',
        '',
        `$(touch ${marker})`,
        `\`touch ${marker}\``,
        `; touch ${marker}`,
        '*',
        '"double" \'single\'',
        'line one\nline two',
        '--flag=value',
        '-C',
        '\\back\\slash',
        'tab\there',
      ];
      const r = await compare(['run', '.', 'args', ...args], GOPROG);
      assert.deepEqual(JSON.parse(r.stdout.toString()), args);
      assert.ok(!fs.existsSync(marker), 'an argument was executed');
      // Go 1.19 has no -C: both fail alike, and the shim did not mistake the flag for anything.
      await compare(['-C', GOPROG, 'run', '.', 'args', `$(touch ${marker})`], app);
      assert.ok(!fs.existsSync(marker), 'an argument was executed');
    });

    test('history holds exactly the watched runs', async () => {
      const rows = await historyJson(envIn(app, home));
      assert.equal(rows.length, way.watch === 'all' ? runs : 0);
    });
  });
}

describe('go mod download from a loopback GOPROXY', () => {
  let proxy: ModuleProxy;
  before(async () => {
    proxy = await startModuleProxy([simpleModule('example.com/dep', 'v1.0.0'), simpleModule('example.com/dep', 'v1.1.0')]);
  });
  after(() => proxy.close());

  /** Same GOMODCACHE path on both sides (it shows in -json), emptied so both start cold. */
  async function compareCold(args: string[], watch: string | undefined): Promise<RunResult> {
    const home = freshDir('download');
    const env = envIn(app, home, { GOPROXY: proxy.url, GOMODSHIM_WATCH: watch });
    const real = await runRealGo(args, { cwd: app, env });
    fs.rmSync(env.GOMODCACHE as string, { recursive: true, force: true });
    const shim = await runShim(args, { cwd: app, env });
    assertSameOutcome(shim, real, `${args.join(' ')} (GOMODSHIM_WATCH=${watch ?? 'default'})`);
    return shim;
  }

  for (const watch of [undefined, 'none']) {
    test(`download, -json and a missing module (GOMODSHIM_WATCH=${watch ?? 'default'})`, async () => {
      const plain = await compareCold(['mod', 'download', 'example.com/dep@v1.0.0'], watch);
      assert.equal(plain.code, 0);
      const json = await compareCold(['mod', 'download', '-json', 'example.com/dep@v1.1.0'], watch);
      assert.equal(JSON.parse(json.stdout.toString()).Version, 'v1.1.0');
      const missing = await compareCold(['mod', 'download', 'example.com/missing@v1.0.0'], watch);
      assert.equal(missing.code, 1);
    });
  }
});

describe('broken pipes and slow readers', () => {
  const home = freshDir('pipes');

  /**
   * Runs go with our end of stdout or stderr closed: from the start, or once the first
   * bytes arrive (then the writer must have far more to write than a pipe holds, or it
   * could finish first: a race, not a test).
   */
  function runClosing(
    file: string,
    args: readonly string[],
    stream: 'stdout' | 'stderr',
    when: 'at-once' | 'mid-stream',
    env: NodeJS.ProcessEnv,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'pipe'] });
      if (when === 'at-once') child[stream]!.destroy();
      else child[stream]!.once('data', () => child[stream]!.destroy());
      child[stream === 'stdout' ? 'stderr' : 'stdout']!.resume();
      const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('did not end'))), 60_000);
      child.on('exit', (code, signal) => (clearTimeout(timer), resolve({ code, signal })));
    });
  }

  for (const watch of ['all', 'none']) {
    test(`a reader that leaves: go dies by SIGPIPE, on stdout and on stderr (GOMODSHIM_WATCH=${watch})`, async () => {
      const env = envIn(GOPROG, home, { GOMODSHIM_WATCH: watch });
      const SIGPIPE = { code: null, signal: 'SIGPIPE' };
      for (const [args, stream, when, expected] of [
        [['list', '-deps', '-json', 'std'], 'stdout', 'at-once', SIGPIPE],
        // The program ends (SIGPIPE, or ECONNRESET: our end is a socketpair); go run says so and exits 1.
        [['run', '.', 'spew', 'stdout', '20000000'], 'stdout', 'mid-stream', { code: 1, signal: null }],
        // go run's report meets the closed stderr too: go dies by SIGPIPE itself.
        [['run', '.', 'spew', 'stderr', '20000000'], 'stderr', 'mid-stream', SIGPIPE],
      ] as const) {
        const label = `${args.join(' ')} with ${stream} closed ${when}`;
        const [shim, real] = await Promise.all([runClosing(SHIM_GO, args, stream, when, env), runClosing(REAL_GO, args, stream, when, env)]);
        assert.deepEqual(real, expected, `${label}: the real go`);
        assert.deepEqual(shim, real, label);
      }
    });
  }

  test('a slow stderr reader still gets every byte, in order, before the shim exits', async () => {
    const env = envIn(GOPROG, home, { GOMODSHIM_WATCH: 'all' });
    const args = ['run', '.', 'spew', 'stderr', '3000000'];
    // run() reads as fast as it can; pause stderr at first so go's writes back up behind us.
    const paused = (file: string): Promise<RunResult> =>
      new Promise((resolve, reject) => {
        const child = spawn(file, args, { cwd: GOPROG, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout!.on('data', (b: Buffer) => out.push(b));
        child.stderr!.pause();
        void sleep(1500).then(() => child.stderr!.on('data', (b: Buffer) => err.push(b)).resume());
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code, signal, pid: child.pid ?? -1 }));
      });
    const [shim, real] = await Promise.all([paused(SHIM_GO), paused(REAL_GO)]);
    assertSameOutcome(shim, real);
    assert.equal(shim.stderr.length, 3_000_000);
  });
});

test('a terminal mode set while go ran stays set after the shim exits', { timeout: 60_000 }, async () => {
  // script(1) gives the run a terminal. Node, at exit, would put the terminal back into
  // the mode it found at start (even from a background job); go leaves it as it is.
  const home = freshDir('terminal');
  const env = envIn(GOPROG, home, { GOMODSHIM_WATCH: 'all' });
  const inTerminal = async (goBinary: string) => {
    const r = await run('script', ['-qec', `stty echo; ${goBinary} run . stty -echo; stty -a`, '/dev/null'], { cwd: GOPROG, env });
    assert.equal(r.code, 0, r.stderr.toString());
    return /(?:^|\s)(-?echo)(?:\s|$)/m.exec(r.stdout.toString())?.[1];
  };
  assert.equal(await inTerminal(REAL_GO), '-echo');
  assert.equal(await inTerminal(SHIM_GO), '-echo');
});

describe('which calls are watched', () => {
  const home = freshDir('which');
  // A `node` first on PATH that notes each start, then runs the real node.
  const fakeNodeDir = path.join(home, 'fake-node');
  const started = path.join(home, 'node-started');
  fs.mkdirSync(fakeNodeDir);
  fs.writeFileSync(path.join(fakeNodeDir, 'node'), `#!/bin/sh\nprintf '%s\\n' "$*" >>'${started}'\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 });
  const env = (extra: NodeJS.ProcessEnv = {}) => envIn(app, home, { PATH: `${fakeNodeDir}:${SHIM_DIR}:${PATH_WITHOUT_SHIM}`, ...extra });
  const nodeStarts = () => (fs.existsSync(started) ? fs.readFileSync(started, 'utf8').split('\n').filter(Boolean).length : 0);

  /**
   * Runs go through the shim; returns whether the run was recorded (watched). Node never starts
   * before the watcher is due: GOMODSHIM_WATCHER_DELAY far away, so that a loaded machine cannot
   * make a short run long enough to start it.
   */
  async function recorded(args: string[], extra: NodeJS.ProcessEnv): Promise<boolean> {
    const before = (await historyJson(env())).length;
    const nodeBefore = nodeStarts();
    const r = await runShim(args, { cwd: app, env: env({ GOMODSHIM_WATCHER_DELAY: '10m', ...extra }) });
    assert.notEqual(r.code, null, `${args.join(' ')} ended by ${r.signal}`);
    assert.equal(nodeStarts(), nodeBefore, `${args.join(' ')}: no node before the watcher is due`);
    return (await historyJson(env())).length > before;
  }

  test('unwatched calls and GOMODSHIM_DISABLE=1 are not recorded', async () => {
    for (const [args, extra] of [
      [['version'], {}],
      [['env', 'GOPATH'], {}],
      [['help', 'mod'], {}],
      [['list', '-m'], { GOMODSHIM_DISABLE: '1' }],
      [['mod', 'download'], { GOMODSHIM_DISABLE: '1', GOMODSHIM_WATCH: 'all' }],
      [['mod', 'download'], { GOMODSHIM_WATCH: 'none' }],
      [['list', '-m'], { GOMODSHIM_WATCH: 'mod,get' }],
      [['run', '.'], {}],
    ] as const) {
      assert.equal(await recorded([...args], extra), false, `${args.join(' ')} ${JSON.stringify(extra)} is not watched`);
    }
    assert.equal((await historyJson(env())).length, 0);
  });

  test('watched calls go through the front and are recorded, also after -C dir; none of them starts node', async () => {
    for (const [args, extra] of [
      [['list', '-m'], {}],
      [['mod', 'download'], { GOMODSHIM_WATCH: 'mod,get' }],
      [['-C', app, 'mod', 'download'], {}],
      [['-C=.', 'mod', 'download'], {}],
      [['--C', app, 'list', '-m'], {}],
      [['version'], { GOMODSHIM_WATCH: 'all' }],
    ] as const) {
      assert.equal(await recorded([...args], extra), true, `${args.join(' ')} ${JSON.stringify(extra)} is watched`);
    }
    const rows = await historyJson(env());
    assert.equal(rows.length, 6);
    assert.ok(rows.some((r) => JSON.stringify(r.argv) === JSON.stringify(['-C', app, 'mod', 'download'])));
  });
});
