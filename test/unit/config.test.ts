// GOMODSHIM_* settings: defaults, and malformed values replaced with a warning, never an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../src/config';

test('defaults', () => {
  const { config, warnings } = loadConfig({ HOME: '/home/gopher' });
  assert.deepEqual(config, {
    hangAfterMs: 60_000,
    onHang: 'dump',
    probeTimeoutMs: 3_000,
    dbPath: '/home/gopher/.local/state/gomod-shim/history.db',
  });
  assert.deepEqual(warnings, []);
});

test('the database: GOMODSHIM_DB, else under XDG_STATE_HOME', () => {
  assert.equal(loadConfig({ HOME: '/h', XDG_STATE_HOME: '/state' }).config.dbPath, '/state/gomod-shim/history.db');
  assert.equal(loadConfig({ HOME: '/h', XDG_STATE_HOME: '/state', GOMODSHIM_DB: '/x/h.db' }).config.dbPath, '/x/h.db');
  assert.equal(loadConfig({ HOME: '/h', XDG_STATE_HOME: '', GOMODSHIM_DB: '' }).config.dbPath, '/h/.local/state/gomod-shim/history.db');
});

test('valid settings', () => {
  const { config, warnings } = loadConfig({ HOME: '/h', GOMODSHIM_HANG_AFTER: '1m30s', GOMODSHIM_ON_HANG: 'observe', GOMODSHIM_PROBE_TIMEOUT: '500ms' });
  assert.equal(config.hangAfterMs, 90_000);
  assert.equal(config.onHang, 'observe');
  assert.equal(config.probeTimeoutMs, 500);
  assert.deepEqual(warnings, []);
});

test('malformed settings: each named in a warning, its default used', () => {
  const { config, warnings } = loadConfig({ HOME: '/h', GOMODSHIM_HANG_AFTER: 'abc', GOMODSHIM_ON_HANG: 'loud', GOMODSHIM_PROBE_TIMEOUT: '0' });
  assert.equal(config.hangAfterMs, 60_000);
  assert.equal(config.onHang, 'dump');
  assert.equal(config.probeTimeoutMs, 3_000);
  assert.equal(warnings.length, 3);
  const about = (name: string) => warnings.find((w) => w.startsWith(`${name}=`)) ?? '';
  assert.match(about('GOMODSHIM_HANG_AFTER'), /^GOMODSHIM_HANG_AFTER=abc is not a positive Go duration .*; using 60s$/);
  assert.match(about('GOMODSHIM_ON_HANG'), /^GOMODSHIM_ON_HANG=loud is not dump or observe; using dump$/);
  assert.match(about('GOMODSHIM_PROBE_TIMEOUT'), /^GOMODSHIM_PROBE_TIMEOUT=0 .*; using 3s$/);
  for (const bad of ['60', '-5s', '1 m']) assert.equal(loadConfig({ GOMODSHIM_HANG_AFTER: bad }).warnings.length, 1, bad);
});

test('empty settings mean the default, silently', () => {
  assert.deepEqual(loadConfig({ HOME: '/h', GOMODSHIM_HANG_AFTER: '', GOMODSHIM_ON_HANG: '' }).warnings, []);
});
