// The config file for real: `gomod-shim config` on a file in a temporary XDG_CONFIG_HOME,
// precedence against the environment, a malformed file next to the real go, and per-command
// hang limits that really decide when a real hang is caught.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertSameAsRealGo, shimWarnings } from '../helpers/compare';
import { writeSleeper } from '../helpers/go-programs';
import { type ModuleProxy, startModuleProxy } from '../helpers/module-proxy';
import { historyJson, runCli, runRealGo, runShim, tempDir, testEnv, writeModule } from '../helpers/shim';

const ROOT = tempDir('gomod-shim-config-');
const APP = writeModule(path.join(ROOT, 'app'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n' });
const SLEEPER = writeSleeper(path.join(ROOT, 'sleeper'));
let silent: ModuleProxy;

before(async () => {
  silent = await startModuleProxy([], { silent: true });
});
after(() => silent.close());

/** A home of its own, with config.json holding settings (written as given when a string). */
function homeWithConfig(prefix: string, settings: unknown): { env: NodeJS.ProcessEnv; file: string } {
  const home = fs.mkdtempSync(path.join(ROOT, prefix));
  const file = path.join(home, 'xdg', 'gomod-shim', 'config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings, null, 2));
  return { env: testEnv(home, { XDG_CONFIG_HOME: path.join(home, 'xdg') }), file };
}

/** `gomod-shim config` as a table: setting → [value, from]. */
async function configTable(env: NodeJS.ProcessEnv): Promise<{ rows: Record<string, [string, string]>; stderr: string; header: string }> {
  const r = await runCli(['config'], { env });
  assert.equal(r.code, 0, r.stderr.toString());
  const [header, , columns, ...lines] = r.stdout.toString().split('\n');
  // Cut at the header's columns: a setting name may hold a space (hang_after.mod download).
  const [value, from] = [columns.indexOf('VALUE'), columns.indexOf('FROM')];
  const rows: Record<string, [string, string]> = {};
  for (const line of lines.slice(0, lines.indexOf(''))) rows[line.slice(0, value).trim()] = [line.slice(value, from).trim(), line.slice(from)];
  return { rows, stderr: r.stderr.toString(), header };
}

describe('config', { concurrency: true }, () => {
  test('gomod-shim config: each setting with its value and origin; the environment wins over the file', async () => {
    const { env, file } = homeWithConfig('show-', {
      hang_after: { mod: '45s', 'mod download': 'auto', default: '90s' },
      on_hang: 'observe',
      probe_timeout: '1s',
    });
    delete env.GOMODSHIM_DB;
    const plain = await configTable({ ...env, GOMODSHIM_PROBE_TIMEOUT: '2s' });
    assert.equal(plain.header, `Config file ${file} (read)`);
    assert.equal(plain.stderr, '');
    assert.deepEqual(plain.rows, {
      hang_after: ['90s', `file ${file}`],
      'hang_after.mod': ['45s', `file ${file}`],
      'hang_after.mod download': ['auto', `file ${file}`],
      on_hang: ['observe', `file ${file}`],
      probe_timeout: ['2s', 'env GOMODSHIM_PROBE_TIMEOUT'],
      db: [path.join(env.HOME!, '.local', 'state', 'gomod-shim', 'history.db'), 'default'],
      watch: ['mod,get,install,list,build,work', 'default (environment only)'],
      disable: ['no', 'default (environment only)'],
    });

    // GOMODSHIM_HANG_AFTER replaces the file's whole table; --json says the same.
    const r = await runCli(['config', '--json'], { env: { ...env, GOMODSHIM_HANG_AFTER: '3m', GOMODSHIM_WATCH: 'mod,get' } });
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout.toString()) as { config_file: unknown; settings: Record<string, unknown>; warnings: string[] };
    assert.deepEqual(json.config_file, { path: file, found: true, problem: null });
    assert.deepEqual(json.settings.hang_after, { value: '3m', source: 'env', from: 'GOMODSHIM_HANG_AFTER', env_only: false });
    assert.equal(json.settings['hang_after.mod'], undefined);
    assert.deepEqual(json.settings.on_hang, { value: 'observe', source: 'file', from: file, env_only: false });
    assert.deepEqual(json.settings.watch, { value: 'mod,get', source: 'env', from: 'GOMODSHIM_WATCH', env_only: true });
    assert.deepEqual(json.warnings, []);
  });

  test('no file: the defaults, and the file path that would be read', async () => {
    const home = fs.mkdtempSync(path.join(ROOT, 'none-'));
    const { header, rows, stderr } = await configTable(testEnv(home, { XDG_CONFIG_HOME: undefined }));
    assert.equal(header, `Config file ${path.join(home, '.config', 'gomod-shim', 'config.json')} (not found: defaults and environment only)`);
    assert.deepEqual(rows.hang_after, ['60s', 'default']);
    assert.deepEqual(rows.on_hang, ['dump', 'default']);
    assert.equal(stderr, '');
  });

  test("the file's db is where runs are recorded and where history reads them", async () => {
    const dbPath = path.join(ROOT, 'from-file', 'runs.db');
    const { env } = homeWithConfig('db-', { db: dbPath });
    delete env.GOMODSHIM_DB;
    const r = await runShim(['list', '-m'], { cwd: APP, env });
    assert.equal(r.code, 0, r.stderr.toString());
    assert.ok(fs.existsSync(`${dbPath}-spool`), "the run was not journalled beside the file's database");
    const items = await historyJson(env);
    assert.deepEqual(
      items.map((i) => i.argv),
      [['list', '-m']],
    );
    assert.ok(fs.existsSync(dbPath));
  });

  // A bad file or value is reported where the settings are used: by the watcher, which starts beside
  // runs that last; a short run, which no hang limit can touch, says nothing of it (and costs no
  // Node.js start to find out). `gomod-shim config` always says.
  test('a malformed file or value: one warning line, and go does exactly what it does without the shim', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['json', '{ "hang_after": "45s", ', /config\.json is not valid JSON \(.*\); its settings are ignored$/],
      ['array', '[1, 2]', /config\.json is not a JSON object; its settings are ignored$/],
      [
        'value',
        { hang_after: 'soon', on_hang: 'loudly' },
        /config\.json: hang_after "soon" is not .*; using 60s; .*on_hang "loudly" is not dump or observe; using dump$/,
      ],
    ];
    await Promise.all(
      cases.map(async ([name, settings, warning]) => {
        const { env } = homeWithConfig(`bad-${name}-`, settings);
        for (const args of [
          ['list', '-m'],
          ['mod', 'download', 'example.com/nosuch@v1.0.0'],
          ['build', './nosuchdir'],
        ]) {
          const [shim, real] = await Promise.all([runShim(args, { cwd: APP, env }), runRealGo(args, { cwd: APP, env })]);
          assertSameAsRealGo(shim, real, `${name}: go ${args.join(' ')}`);
          const warnings = shimWarnings(shim.stderr);
          assert.equal(warnings.length, 0, `${name}: go ${args.join(' ')}: ${shim.stderr}`);
        }
        // A run that lasts (5 s, room for node to start on a loaded machine): the watcher beside it
        // reads every setting; still one line.
        const long = await runShim(['run', '.', '5000', '0'], { cwd: SLEEPER, env: { ...env, GOMODSHIM_WATCH: 'all' } });
        assert.equal(long.code, 0, long.stderr.toString());
        const longWarnings = shimWarnings(long.stderr);
        assert.equal(longWarnings.length, 1, `${name}: a long run: ${long.stderr}`);
        assert.match(longWarnings[0].trimEnd(), warning);
        // Unwatched calls never start Node.js, so they never read the file.
        const version = await runShim(['version'], { cwd: APP, env });
        assert.deepEqual(shimWarnings(version.stderr), []);
        // The CLI says the same, one line per problem, and still answers.
        const cli = await runCli(['config'], { env });
        assert.equal(cli.code, 0);
        assert.match(cli.stderr.toString(), /^gomod-shim: warning: config file /);
      }),
    );
  });

  test('per-command limits decide when a real hang is caught: mod=2s, default=4s; the environment overrides both', async () => {
    const settings = { hang_after: { mod: '2s', default: '4s' }, probe_timeout: '300ms' };
    const hangs = [
      { name: 'mod', args: ['mod', 'download', 'example.com/dep@v1.0.0'], extra: {}, ms: 2000, reason: 'config file: mod=2s' },
      { name: 'get', args: ['get', 'example.com/dep@v1.0.0'], extra: {}, ms: 4000, reason: 'config file: hang_after=4s' },
      {
        name: 'env',
        args: ['mod', 'download', 'example.com/dep@v1.0.0'],
        extra: { GOMODSHIM_HANG_AFTER: '3s' },
        ms: 3000,
        reason: 'GOMODSHIM_HANG_AFTER=3s (env)',
      },
    ];
    await Promise.all(
      hangs.map(async (h) => {
        const { env } = homeWithConfig(`hang-${h.name}-`, settings);
        const goEnv = { ...env, GOPROXY: silent.url, ...h.extra };
        const startedMs = Date.now();
        const r = await runShim(h.args, { cwd: APP, env: goEnv, timeoutMs: 30_000 });
        const tookMs = Date.now() - startedMs;
        assert.equal(r.code, 124, `${h.name}: ${r.stderr}`);
        assert.match(r.stderr.toString(), new RegExp(`^gomod-shim: go ${h.args.join(' ')}: GOPROXY .* has not answered for \\d`, 'm'));
        assert.ok(tookMs >= h.ms, `${h.name}: caught after ${tookMs} ms, before its ${h.ms} ms limit`);

        const [item] = await historyJson(env);
        const show = await runCli(['show', String(item.id), '--json'], { env });
        const run = JSON.parse(show.stdout.toString()) as Record<string, unknown> & { snapshot: Record<string, unknown> };
        assert.equal(run.hang_limit_ms, h.ms, h.name);
        assert.equal(run.hang_limit_reason, h.reason, h.name);
        assert.equal(run.snapshot.hang_after_ms, h.ms, h.name);
        assert.equal(run.snapshot.hang_after_reason, h.reason, h.name);
        // Caught as the quiet spell crossed this limit (the sampler looks every 500 ms), not a later one.
        const idleMs = run.snapshot.idle_ms as number;
        assert.ok(idleMs >= h.ms && idleMs < h.ms + 2000, `${h.name}: caught after ${idleMs} ms quiet; its limit is ${h.ms} ms`);
        assert.ok((run.longest_idle_ms as number) >= h.ms, `${h.name}: longest quiet spell ${run.longest_idle_ms}`);
        const text = (await runCli(['show', String(item.id)], { env })).stdout.toString();
        assert.match(text, new RegExp(`^limit +${h.ms / 1000}s — ${h.reason.replace(/[()]/g, '\\$&')}$`, 'm'));
      }),
    );
  });
});
