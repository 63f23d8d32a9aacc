// The config file (${XDG_CONFIG_HOME:-~/.config}/gomod-shim/config.json) under the environment:
// precedence, per-command hang limits, and malformed files or values (a warning, never a throw).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { configFilePath, loadConfig, resolveConfig } from '../../src/config';
import { CONFIG_MAX_BYTES, parseConfigText, readConfigFile } from '../../src/config/file';
import { describeHangAfterEntry, pickHangAfter } from '../../src/config/hang-after';

const FILE = '/cfg/gomod-shim/config.json';
const withFile = (settings: Record<string, unknown>) => ({ path: FILE, found: true, settings, problem: null });
const originOf = (loaded: ReturnType<typeof resolveConfig>, name: string) => loaded.report.find((s) => s.name === name)?.origin;

function tempConfigHome(text: string | null): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-config-'));
  process.once('exit', () => fs.rmSync(home, { recursive: true, force: true }));
  if (text !== null) {
    fs.mkdirSync(path.join(home, 'gomod-shim'));
    fs.writeFileSync(path.join(home, 'gomod-shim', 'config.json'), text);
  }
  return home;
}

test('the file lives under XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(configFilePath({ HOME: '/h', XDG_CONFIG_HOME: '/x' }), '/x/gomod-shim/config.json');
  assert.equal(configFilePath({ HOME: '/h' }), '/h/.config/gomod-shim/config.json');
});

test('a real file is read: every setting, with its origin', () => {
  const home = tempConfigHome(JSON.stringify({ hang_after: '45s', on_hang: 'observe', probe_timeout: '1s', db: '~/hist/h.db' }));
  const loaded = loadConfig({ HOME: '/h', XDG_CONFIG_HOME: home });
  const file = path.join(home, 'gomod-shim', 'config.json');
  assert.deepEqual(loaded.warnings, []);
  assert.deepEqual(loaded.config.hangAfter.default.value, { kind: 'fixed', ms: 45_000 });
  assert.equal(loaded.config.onHang, 'observe');
  assert.equal(loaded.config.probeTimeoutMs, 1000);
  assert.equal(loaded.config.dbPath, '/h/hist/h.db');
  for (const name of ['hang_after', 'on_hang', 'probe_timeout', 'db']) assert.deepEqual(originOf(loaded, name), { kind: 'file', path: file }, name);
  assert.equal(loaded.report.find((s) => s.name === 'db')?.value, '/h/hist/h.db');
});

test('the environment wins over the file, the file over the defaults', () => {
  const loaded = resolveConfig(
    { HOME: '/h', GOMODSHIM_HANG_AFTER: '2m', GOMODSHIM_DB: '/env.db' },
    withFile({ hang_after: { mod: '45s', default: '90s' }, on_hang: 'observe', db: '/file.db' }),
  );
  // The environment's hang limit replaces the file's whole table: GOMODSHIM_HANG_AFTER=2m means 2m for every command.
  assert.deepEqual(Object.keys(loaded.config.hangAfter), ['default']);
  assert.deepEqual(loaded.config.hangAfter.default.value, { kind: 'fixed', ms: 120_000 });
  assert.deepEqual(originOf(loaded, 'hang_after'), { kind: 'env', name: 'GOMODSHIM_HANG_AFTER' });
  assert.equal(loaded.config.dbPath, '/env.db');
  assert.equal(loaded.config.onHang, 'observe');
  assert.deepEqual(originOf(loaded, 'on_hang'), { kind: 'file', path: FILE });
  assert.deepEqual(originOf(loaded, 'probe_timeout'), { kind: 'default' });
  assert.deepEqual(loaded.warnings, []);
});

test('per-command limits: "mod download", else "mod", else default', () => {
  const { config } = resolveConfig({ HOME: '/h' }, withFile({ hang_after: { mod: '45s', 'mod download': '2m', build: 'auto', default: '90s' } }));
  const pick = (command: string, sub: string) => {
    const { key, entry } = pickHangAfter(config.hangAfter, command, sub);
    return [key, entry.value.kind === 'fixed' ? entry.value.ms : 'auto', describeHangAfterEntry(key, entry)];
  };
  assert.deepEqual(pick('mod download', 'mod'), ['mod download', 120_000, 'config file: mod download=2m']);
  assert.deepEqual(pick('mod tidy', 'mod'), ['mod', 45_000, 'config file: mod=45s']);
  assert.deepEqual(pick('build', 'build'), ['build', 'auto', 'config file: build=auto']);
  assert.deepEqual(pick('get', 'get'), ['default', 90_000, 'config file: hang_after=90s']);
  // Without its own default, the file's table falls back to the built-in 60s.
  const partial = resolveConfig({ HOME: '/h' }, withFile({ hang_after: { mod: '45s' } })).config.hangAfter;
  assert.equal(describeHangAfterEntry('default', partial.default), 'default 60s');
});

test('the environment takes per-command limits too: mod=45s,build=5m,90s', () => {
  const { config, warnings } = resolveConfig({ HOME: '/h', GOMODSHIM_HANG_AFTER: 'mod=45s, build=auto ,90s' }, withFile({}));
  assert.deepEqual(warnings, []);
  assert.deepEqual(Object.fromEntries(Object.entries(config.hangAfter).map(([k, e]) => [k, e.value])), {
    default: { kind: 'fixed', ms: 90_000 },
    mod: { kind: 'fixed', ms: 45_000 },
    build: { kind: 'auto' },
  });
  assert.equal(describeHangAfterEntry('mod', config.hangAfter.mod), 'GOMODSHIM_HANG_AFTER: mod=45s (env)');
  assert.equal(describeHangAfterEntry('default', config.hangAfter.default), 'GOMODSHIM_HANG_AFTER=90s (env)');
});

test('a malformed environment value falls back to the file, with one warning saying so', () => {
  const { config, warnings } = resolveConfig({ HOME: '/h', GOMODSHIM_HANG_AFTER: 'soon' }, withFile({ hang_after: '45s' }));
  assert.deepEqual(config.hangAfter.default.value, { kind: 'fixed', ms: 45_000 });
  assert.deepEqual(warnings, [
    "GOMODSHIM_HANG_AFTER=soon is not a positive Go duration (like 45s or 2m) or auto, nor a list like mod=45s,90s; using the config file's hang_after",
  ]);
});

test('malformed values in the file: each named once, the rest of the file still applies', () => {
  const { config, warnings } = resolveConfig(
    { HOME: '/h' },
    withFile({ hang_after: { mod: 'soon', Build: '5m', get: '30s' }, on_hang: 7, probe_timeout: '2s', db: 'relative.db' }),
  );
  assert.deepEqual(Object.keys(config.hangAfter).sort(), ['default', 'get']);
  assert.equal(config.onHang, 'dump');
  assert.equal(config.probeTimeoutMs, 2000);
  assert.equal(config.dbPath, '/h/.local/state/gomod-shim/history.db');
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.ok(
    warnings.every((w) => w.startsWith(`config file ${FILE}: `)),
    warnings.join('\n'),
  );
  assert.match(warnings.join('\n'), /hang_after "mod": "soon" is not .*; ignored/);
  assert.match(warnings.join('\n'), /hang_after "Build": "5m" is not .* for a go command; ignored/);
  assert.match(warnings.join('\n'), /on_hang 7 is not dump or observe; using dump/);
  assert.match(warnings.join('\n'), /db "relative.db" is not an absolute path .*; using \/h\/\.local/);
});

test('watch and disable stay in the environment: the go shim decides them before Node.js starts', () => {
  const { warnings } = resolveConfig({ HOME: '/h' }, withFile({ watch: 'all', disable: '1', colour: 'red' }));
  assert.equal(warnings.length, 3);
  assert.match(warnings[0], /: watch is read from GOMODSHIM_WATCH only .*; ignored$/);
  assert.match(warnings[1], /: disable is read from GOMODSHIM_DISABLE only .*; ignored$/);
  assert.match(warnings[2], /: unknown setting "colour" \(known: hang_after, on_hang, probe_timeout, db\); ignored$/);
});

test('malformed or unreadable files: one problem each, never a throw', () => {
  assert.deepEqual(parseConfigText('{"hang_after": "45s"}'), { settings: { hang_after: '45s' } });
  assert.match((parseConfigText('{"hang_after": ') as { problem: string }).problem, /^is not valid JSON \(/);
  for (const text of ['[]', '"45s"', 'null', '7']) assert.deepEqual(parseConfigText(text), { problem: 'is not a JSON object' }, text);

  const missing = readConfigFile(path.join(tempConfigHome(null), 'gomod-shim', 'config.json'));
  assert.deepEqual([missing.found, missing.problem], [false, null]);
  const dirHome = tempConfigHome(null);
  fs.mkdirSync(path.join(dirHome, 'gomod-shim', 'config.json'), { recursive: true });
  assert.match(readConfigFile(path.join(dirHome, 'gomod-shim', 'config.json')).problem ?? '', /^is not a regular file$/);
  // A FIFO is refused unread: opening it for reading would wait for a writer forever.
  const fifoHome = tempConfigHome(null);
  fs.mkdirSync(path.join(fifoHome, 'gomod-shim'), { recursive: true });
  execFileSync('mkfifo', [path.join(fifoHome, 'gomod-shim', 'config.json')]);
  assert.match(readConfigFile(path.join(fifoHome, 'gomod-shim', 'config.json')).problem ?? '', /^is not a regular file$/);
  const bigHome = tempConfigHome(`{"hang_after": "45s", "x": "${'y'.repeat(CONFIG_MAX_BYTES)}"}`);
  assert.match(readConfigFile(path.join(bigHome, 'gomod-shim', 'config.json')).problem ?? '', /^is larger than \d+ bytes$/);

  const loaded = loadConfig({ HOME: '/h', XDG_CONFIG_HOME: tempConfigHome('{ "hang_after": "45s", }'), GOMODSHIM_ON_HANG: 'observe' });
  assert.equal(loaded.warnings.length, 1);
  assert.match(loaded.warnings[0], /config\.json is not valid JSON \(.*\); its settings are ignored$/);
  assert.deepEqual(loaded.config.hangAfter.default.value, { kind: 'fixed', ms: 60_000 });
  assert.equal(loaded.config.onHang, 'observe', 'the environment still applies');
});
