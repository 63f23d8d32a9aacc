// GOMODSHIM_* settings: defaults, and malformed values replaced with a warning, never an error.
// (The config file and its precedence: config-file.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../src/config';

const NO_FILE = { path: '/h/.config/gomod-shim/config.json', found: false, settings: null, problem: null };
const load = (env: NodeJS.ProcessEnv) => resolveConfig(env, NO_FILE);
const fixedMs = (env: NodeJS.ProcessEnv) => {
  const v = load(env).config.hangAfter.default.value;
  return v.kind === 'fixed' ? v.ms : v.kind;
};

test('defaults', () => {
  const { config, warnings } = load({ HOME: '/home/gopher' });
  assert.equal(fixedMs({ HOME: '/home/gopher' }), 60_000);
  assert.deepEqual(Object.keys(config.hangAfter), ['default']);
  assert.equal(config.onHang, 'dump');
  assert.equal(config.probeTimeoutMs, 3_000);
  assert.equal(config.dbPath, '/home/gopher/.local/state/gomod-shim/history.db');
  assert.deepEqual(warnings, []);
});

test('the database: GOMODSHIM_DB, else under XDG_STATE_HOME', () => {
  assert.equal(load({ HOME: '/h', XDG_STATE_HOME: '/state' }).config.dbPath, '/state/gomod-shim/history.db');
  assert.equal(load({ HOME: '/h', XDG_STATE_HOME: '/state', GOMODSHIM_DB: '/x/h.db' }).config.dbPath, '/x/h.db');
  assert.equal(load({ HOME: '/h', XDG_STATE_HOME: '', GOMODSHIM_DB: '' }).config.dbPath, '/h/.local/state/gomod-shim/history.db');
});

test('valid settings', () => {
  const env = { HOME: '/h', GOMODSHIM_HANG_AFTER: '1m30s', GOMODSHIM_ON_HANG: 'observe', GOMODSHIM_PROBE_TIMEOUT: '500ms' };
  const { config, warnings } = load(env);
  assert.equal(fixedMs(env), 90_000);
  assert.equal(config.onHang, 'observe');
  assert.equal(config.probeTimeoutMs, 500);
  assert.deepEqual(warnings, []);
});

test('malformed settings: each named in a warning, its default used', () => {
  const env = { HOME: '/h', GOMODSHIM_HANG_AFTER: 'abc', GOMODSHIM_ON_HANG: 'loud', GOMODSHIM_PROBE_TIMEOUT: '0' };
  const { config, warnings } = load(env);
  assert.equal(fixedMs(env), 60_000);
  assert.equal(config.onHang, 'dump');
  assert.equal(config.probeTimeoutMs, 3_000);
  assert.equal(warnings.length, 3);
  const about = (name: string) => warnings.find((w) => w.startsWith(`${name}=`)) ?? '';
  assert.match(about('GOMODSHIM_HANG_AFTER'), /^GOMODSHIM_HANG_AFTER=abc is not a positive Go duration .*; using 60s$/);
  assert.match(about('GOMODSHIM_ON_HANG'), /^GOMODSHIM_ON_HANG=loud is not dump or observe; using dump$/);
  assert.match(about('GOMODSHIM_PROBE_TIMEOUT'), /^GOMODSHIM_PROBE_TIMEOUT=0 .*; using 3s$/);
  for (const bad of ['60', '-5s', '1 m', 'mod=', 'mod=45s,mod=50s', 'Mod=45s', 'auto,']) {
    assert.equal(load({ HOME: '/h', GOMODSHIM_HANG_AFTER: bad }).warnings.length, 1, bad);
  }
});

test('empty settings mean the default, silently', () => {
  assert.deepEqual(load({ HOME: '/h', GOMODSHIM_HANG_AFTER: '', GOMODSHIM_ON_HANG: '' }).warnings, []);
});
