// When and how a hang is exported over OTLP (src/export/otlp-settings.ts): which variable wins,
// the ways to turn it off, protocols, the time limit, and no credentials in a problem message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REQUEST_TIMEOUT_MS, readOtlpSettings } from '../../src/export/otlp-settings';

test('no endpoint: no export, no problem', () => {
  assert.deepEqual(readOtlpSettings({}), { settings: null, problem: null });
  assert.deepEqual(readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', GOMODSHIM_OTLP_ENDPOINT: '' }), { settings: null, problem: null });
  // A signal's own endpoint alone does not turn the export on: the base endpoint does.
  assert.equal(readOtlpSettings({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:4318/v1/logs' }).settings, null);
});

test('OTEL_EXPORTER_OTLP_ENDPOINT: the exporters find their URLs themselves (signal endpoints honoured); http/protobuf by default', () => {
  const { settings } = readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
  assert.deepEqual(settings, {
    shownEndpoint: 'http://127.0.0.1:4318',
    logs: { url: undefined, protocol: 'http/protobuf', timeoutMs: REQUEST_TIMEOUT_MS },
    traces: { url: undefined, protocol: 'http/protobuf', timeoutMs: REQUEST_TIMEOUT_MS },
  });
});

test('GOMODSHIM_OTLP_ENDPOINT wins, with the signal paths appended as the OTLP specification does', () => {
  const env = { GOMODSHIM_OTLP_ENDPOINT: 'https://collector.example:4318/otlp/', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' };
  const { settings } = readOtlpSettings(env);
  assert.equal(settings?.logs.url, 'https://collector.example:4318/otlp/v1/logs');
  assert.equal(settings?.traces.url, 'https://collector.example:4318/otlp/v1/traces');
  assert.equal(readOtlpSettings({ GOMODSHIM_OTLP_ENDPOINT: 'http://h:4318' }).settings?.logs.url, 'http://h:4318/v1/logs');
});

test('turned off by GOMODSHIM_OTLP_ENDPOINT=off (over OTEL_EXPORTER_OTLP_ENDPOINT) or OTEL_SDK_DISABLED=true', () => {
  for (const off of ['off', 'OFF', 'none']) {
    assert.deepEqual(readOtlpSettings({ GOMODSHIM_OTLP_ENDPOINT: off, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), {
      settings: null,
      problem: null,
    });
  }
  assert.deepEqual(readOtlpSettings({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), { settings: null, problem: null });
  assert.notEqual(readOtlpSettings({ OTEL_SDK_DISABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).settings, null);
});

test('protocols: http/json and http/protobuf, per signal; anything else is a problem, not an export', () => {
  const base = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
  const json = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).settings;
  assert.deepEqual([json?.logs.protocol, json?.traces.protocol], ['http/json', 'http/json']);
  const mixed = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }).settings;
  assert.deepEqual([mixed?.logs.protocol, mixed?.traces.protocol], ['http/json', 'http/protobuf']);
  const grpc = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
  assert.equal(grpc.settings, null);
  assert.equal(grpc.problem, 'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported (http/protobuf or http/json); the hang was not exported');
  assert.match(
    readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'thrift' }).problem ?? '',
    /^OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=thrift is not supported/,
  );
});

test('OTEL_EXPORTER_OTLP_(SIGNAL_)TIMEOUT may shorten the request limit, never lengthen it', () => {
  const base = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
  const s = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_TIMEOUT: '500', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' }).settings;
  assert.deepEqual([s?.logs.timeoutMs, s?.traces.timeoutMs], [500, 700]);
  const long = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_TIMEOUT: '10000' }).settings;
  assert.equal(long?.logs.timeoutMs, REQUEST_TIMEOUT_MS);
  const junk = readOtlpSettings({ ...base, OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' }).settings;
  assert.equal(junk?.logs.timeoutMs, REQUEST_TIMEOUT_MS);
});

test('an endpoint that is not an http(s) URL is a problem; its credentials never reach the message', () => {
  const r = readOtlpSettings({ GOMODSHIM_OTLP_ENDPOINT: 'ftp://user:hunter2@collector:21' });
  assert.equal(r.settings, null);
  assert.equal(r.problem, 'GOMODSHIM_OTLP_ENDPOINT=ftp://***@collector:21 is not an http(s) URL; the hang was not exported');
  assert.match(
    readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).problem ?? '',
    /^OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318 is not an http\(s\) URL/,
  );
  const shown = readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:hunter2@collector:4318' }).settings?.shownEndpoint;
  assert.equal(shown, 'https://***@collector:4318');
});
