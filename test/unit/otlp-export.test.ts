// The OTLP export itself (src/export/export-hang.ts) against a real receiver on loopback:
// valid OTLP in both protocols, the hang's data where a backend looks for it, the standard
// OTEL_* variables honoured, and failures handed back rather than thrown.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { after, before, test } from 'node:test';
import { exportHang, HANG_EVENT } from '../../src/export/export-hang';
import type { OtlpSettings, SignalSettings } from '../../src/export/otlp-settings';
import { sampleHangReport } from '../helpers/otlp-hang-report';
import { attributeMap, type OtlpReceiver, startOtlpReceiver, theHang } from '../helpers/otlp-receiver';

const receivers: OtlpReceiver[] = [];
async function receiver(behaviour: { silent?: boolean } = {}): Promise<OtlpReceiver> {
  const r = await startOtlpReceiver(behaviour);
  receivers.push(r);
  return r;
}
after(() => Promise.all(receivers.map((r) => r.close())));

/** Runs fn with these variables in process.env (the exporters read it), then restores it. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

function settings(signal: Partial<SignalSettings>): OtlpSettings {
  const s: SignalSettings = { url: undefined, protocol: 'http/json', timeoutMs: 2000, ...signal };
  return { shownEndpoint: 'test', logs: { ...s }, traces: { ...s } };
}

const nanos = (iso: string | number) => String(BigInt(typeof iso === 'number' ? iso : Date.parse(iso)) * 1_000_000n);

before(() => {
  // Ours must not leak into other tests' environment reads.
  assert.equal(process.env.OTEL_EXPORTER_OTLP_ENDPOINT, undefined, 'the test environment has an OTLP endpoint set');
});

for (const protocol of ['http/json', 'http/protobuf'] as const) {
  test(`${protocol}: one WARN log record and one ERROR span, valid OTLP, carrying the hang`, async () => {
    const r = await receiver();
    const report = sampleHangReport();
    const failures = await withEnv(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: r.url,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20tok-123',
        OTEL_SERVICE_NAME: 'somebody-else',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=ci',
      },
      () => exportHang(report, settings({ protocol })),
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(r.rejected, []);
    const { log, logResource, span, spanResource, logRequest, traceRequest } = theHang(r);
    const format = protocol === 'http/json' ? 'json' : 'protobuf';
    assert.deepEqual([logRequest.format, traceRequest.format], [format, format]);
    assert.equal(logRequest.headers.authorization, 'Bearer tok-123', 'OTEL_EXPORTER_OTLP_HEADERS is sent');

    const { summary, cause } = report.snapshot.diagnosis;
    assert.equal(log.severityNumber, 13);
    assert.equal(log.severityText, 'WARN');
    assert.equal(log.eventName, HANG_EVENT);
    assert.deepEqual(log.body, { stringValue: summary });
    assert.equal(log.timeUnixNano, nanos(report.snapshot.taken_at));
    const attributes = attributeMap(log.attributes);
    assert.equal(attributes['gomod_shim.hang.cause'], cause);
    assert.equal(attributes['gomod_shim.hang.summary'], summary);
    assert.equal(attributes['gomod_shim.run.id'], 12);
    assert.deepEqual(attributes['process.command_args'], ['go', 'mod', 'download', 'example.com/dep@v1.0.0']);
    assert.deepEqual(attributeMap(span.attributes), attributes, 'the span carries the same attributes');

    assert.equal(span.name, 'go mod download');
    assert.equal(span.kind, 1, 'SPAN_KIND_INTERNAL');
    assert.equal(span.startTimeUnixNano, nanos(report.run.startedAt), 'the span starts when the run started');
    assert.equal(span.endTimeUnixNano, nanos(report.endedAtMs));
    assert.deepEqual({ code: span.status.code, message: span.status.message }, { code: 2, message: summary }, 'STATUS_CODE_ERROR');
    assert.equal(span.events.length, 1);
    assert.equal(span.events[0].name, HANG_EVENT);
    assert.equal(span.events[0].timeUnixNano, nanos(report.snapshot.taken_at));
    assert.deepEqual([log.traceId, log.spanId], [span.traceId, span.spanId], 'the log record points at the run span');

    for (const resource of [logResource, spanResource]) {
      const r = attributeMap(resource.attributes);
      assert.equal(r['service.name'], 'gomod-shim', 'OTEL_SERVICE_NAME does not relabel gomod-shim');
      assert.equal(r['deployment.environment.name'], 'ci', 'OTEL_RESOURCE_ATTRIBUTES is honoured');
      assert.equal(r['host.name'], os.hostname());
      assert.equal(typeof r['os.type'], 'string');
      assert.equal('process.command_args' in r, false, 'no process detector: it would carry argv unredacted');
    }
  });
}

test('signal endpoints: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT sends the span elsewhere, used as given', async () => {
  const [base, traces] = await Promise.all([receiver(), receiver()]);
  const failures = await withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: base.url, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${traces.url}/v1/traces` }, () =>
    exportHang(sampleHangReport(), settings({})),
  );
  assert.deepEqual(failures, []);
  assert.deepEqual(
    base.requests.map((q) => q.signal),
    ['logs'],
  );
  assert.deepEqual(
    traces.requests.map((q) => q.signal),
    ['traces'],
  );
});

test('an explicit URL (GOMODSHIM_OTLP_ENDPOINT) wins over the OTEL_* endpoints', async () => {
  const [ours, theirs] = await Promise.all([receiver(), receiver()]);
  const failures = await withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: theirs.url, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${theirs.url}/v1/logs` }, () =>
    exportHang(sampleHangReport(), {
      shownEndpoint: ours.url,
      logs: { url: `${ours.url}/v1/logs`, protocol: 'http/json', timeoutMs: 2000 },
      traces: { url: `${ours.url}/v1/traces`, protocol: 'http/protobuf', timeoutMs: 2000 },
    }),
  );
  assert.deepEqual(failures, []);
  assert.deepEqual(ours.requests.map((q) => `${q.signal}:${q.format}`).sort(), ['logs:json', 'traces:protobuf']);
  assert.equal(theirs.connections, 0);
});

test('failures come back per signal, never thrown: an HTTP error, and a receiver that never answers', async () => {
  const wrongPath = await receiver();
  const rejected = await exportHang(sampleHangReport(), {
    shownEndpoint: '',
    logs: { url: `${wrongPath.url}/nope`, protocol: 'http/json', timeoutMs: 2000 },
    traces: { url: `${wrongPath.url}/nope`, protocol: 'http/protobuf', timeoutMs: 2000 },
  });
  assert.deepEqual(rejected, [
    { signal: 'logs', reason: 'HTTP 404 Not Found' },
    { signal: 'traces', reason: 'HTTP 404 Not Found' },
  ]);

  const silent = await receiver({ silent: true });
  const timedOut = await exportHang(sampleHangReport(), {
    shownEndpoint: '',
    logs: { url: `${silent.url}/v1/logs`, protocol: 'http/json', timeoutMs: 300 },
    traces: { url: `${silent.url}/v1/traces`, protocol: 'http/json', timeoutMs: 300 },
  });
  assert.deepEqual(timedOut, [
    { signal: 'logs', reason: 'Request timed out' },
    { signal: 'traces', reason: 'Request timed out' },
  ]);
  assert.equal(silent.connections, 2, 'both requests reached the silent receiver');
});

test('the requests end by the deadline given, however long their own limit (the set-up time is taken from them)', async () => {
  const silent = await receiver({ silent: true });
  const signal = { url: undefined, protocol: 'http/json', timeoutMs: 20_000 } as const;
  const started = Date.now();
  const failures = await exportHang(
    sampleHangReport(),
    { shownEndpoint: '', logs: { ...signal, url: `${silent.url}/v1/logs` }, traces: { ...signal, url: `${silent.url}/v1/traces` } },
    started + 300,
  );
  const tookMs = Date.now() - started;
  assert.deepEqual(
    failures.map((f) => f.reason),
    ['Request timed out', 'Request timed out'],
  );
  // Functional, not a speed check: without the deadline each request would wait its own 20 s; the
  // 300 ms deadline ends them far sooner, even on a loaded machine.
  assert.ok(tookMs < signal.timeoutMs / 2, `ended after ${tookMs} ms`);
});
