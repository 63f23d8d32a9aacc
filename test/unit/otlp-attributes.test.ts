// A hang as OpenTelemetry attributes and span name (src/export/hang-attributes.ts), and the
// scrubbing of endpoint credentials from export error messages (src/export/scrub.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { toolchainVersion } from '../../src/export/go-version';
import { hangAttributes, runSpanName } from '../../src/export/hang-attributes';
import { headerSecrets, scrubSecrets } from '../../src/export/scrub';
import { sampleHangReport } from '../helpers/otlp-hang-report';
import { REAL_GO, tempDir } from '../helpers/shim';

test('the hang as attributes: semantic-convention names where they exist, gomod_shim.* for the rest', () => {
  assert.deepEqual(hangAttributes(sampleHangReport()), {
    'error.type': 'proxy-unresponsive',
    'gomod_shim.hang.cause': 'proxy-unresponsive',
    'gomod_shim.hang.summary': 'GOPROXY http://***@127.0.0.1:9 accepted the connection but never answered',
    'gomod_shim.hang.suggestions': ['bypass the proxy: GOPROXY=direct'],
    'gomod_shim.hang.idle_ms': 5000,
    'gomod_shim.hang.after_ms': 5000,
    'gomod_shim.hang.trigger': 'idle',
    'gomod_shim.hang.mode': 'dump',
    'gomod_shim.run.id': 12,
    'gomod_shim.run.uuid': 'run-uuid-1',
    'gomod_shim.go.module': 'example.com/app',
    'gomod_shim.go.proxy': 'http://***@127.0.0.1:9',
    'process.command_args': ['go', 'mod', 'download', 'example.com/dep@v1.0.0'],
    'process.executable.path': '/usr/bin/go',
    'process.pid': 4242,
    'process.working_directory': '/home/gopher/app',
    'process.runtime.name': 'go',
    'process.runtime.version': 'go1.19.8',
  });
});

test('what is unknown is left out: no run id without a database, no go version without go env, no module outside one', () => {
  const report = sampleHangReport({ runId: null, snapshot: { go_env: null, env: {} } });
  report.run.module = null;
  const attributes = hangAttributes(report);
  for (const key of ['gomod_shim.run.id', 'process.runtime.version', 'gomod_shim.go.module', 'gomod_shim.go.proxy'])
    assert.equal(key in attributes, false, key);
});

test('a URL with credentials that reached a field unredacted is redacted on the way out', () => {
  const report = sampleHangReport({ snapshot: { command: ['get', 'https://user:hunter2@git.example/x'] } });
  const attributes = hangAttributes(report);
  assert.deepEqual(attributes['process.command_args'], ['go', 'get', 'https://***@git.example/x']);
  assert.doesNotMatch(JSON.stringify(attributes), /hunter2/);
});

test('span names stay few: the subcommand, and the verb for go mod and go work', () => {
  const name = (command: string[], subcommand: string) => {
    const report = sampleHangReport({ snapshot: { command } });
    report.run.subcommand = subcommand;
    return runSpanName(report);
  };
  assert.equal(name(['mod', 'download', 'example.com/dep@v1.0.0'], 'mod'), 'go mod download');
  assert.equal(name(['-C', 'sub', 'mod', 'tidy', '-v'], 'mod'), 'go mod tidy');
  assert.equal(name(['work', 'sync'], 'work'), 'go work sync');
  assert.equal(name(['get', '-u', 'example.com/dep'], 'get'), 'go get');
  assert.equal(name(['mod', '-json'], 'mod'), 'go mod');
});

test('export errors lose header values (raw and percent-decoded) and URL credentials', () => {
  const env = { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20tok-123,x-scope=ab', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'api-key=k3y-456' };
  assert.deepEqual(headerSecrets(env).sort(), ['Bearer tok-123', 'Bearer%20tok-123', 'k3y-456'].sort());
  const message = 'HTTP 401 Unauthorized: token "Bearer tok-123" (Bearer%20tok-123) rejected by https://u:pw@c.example, key k3y-456; x-scope=ab';
  assert.equal(scrubSecrets(message, env), 'HTTP 401 Unauthorized: token "***" (***) rejected by https://***@c.example, key ***; x-scope=ab');
});

test('the go version without go env: the VERSION file of the toolchain GOROOT (through symlinks)', () => {
  assert.match(toolchainVersion(REAL_GO) ?? '', /^go1\.\d+/, 'the real toolchain');
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'goroot', 'bin'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'goroot', 'bin', 'go'), '');
  assert.equal(toolchainVersion(path.join(dir, 'goroot', 'bin', 'go')), null, 'no VERSION file');
  fs.writeFileSync(path.join(dir, 'goroot', 'VERSION'), 'go1.22.3\ntime 2024-05-01T19:14:21Z\n');
  fs.symlinkSync(path.join(dir, 'goroot', 'bin', 'go'), path.join(dir, 'go'));
  assert.equal(toolchainVersion(path.join(dir, 'go')), 'go1.22.3');
  assert.equal(toolchainVersion(path.join(dir, 'nowhere', 'go')), null);
  const attributes = hangAttributes(sampleHangReport({ snapshot: { go_env: null } }), 'go1.22.3');
  assert.equal(attributes['process.runtime.version'], 'go1.22.3');
});
