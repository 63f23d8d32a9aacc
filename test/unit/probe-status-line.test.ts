import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_HEAD_BYTES, parseStatusLine, probeRequest } from '../../src/snapshot/probe/http-status-line';

test('a status line gives its code, whatever the status', () => {
  assert.equal(parseStatusLine('HTTP/1.1 200 OK\r\n'), 200);
  assert.equal(parseStatusLine('HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n'), 401);
  assert.equal(parseStatusLine('HTTP/1.1 503\r\n'), 503);
});

test('a partial status line asks for more; anything else is not HTTP', () => {
  assert.equal(parseStatusLine(''), 'incomplete');
  assert.equal(parseStatusLine('HT'), 'incomplete');
  assert.equal(parseStatusLine('HTTP/1.1 200 O'), 'incomplete');
  assert.equal(parseStatusLine('SSH-2.0-OpenSSH_9.2\r\n'), 'not-http');
  assert.equal(parseStatusLine('\x15\x03\x01\x00\x02'), 'not-http', 'a TLS alert');
  assert.equal(parseStatusLine('HTTP/1.1 abc\r\n'), 'not-http');
  assert.equal(parseStatusLine(`HTTP/1.1 200 ${'x'.repeat(MAX_HEAD_BYTES)}`), 'not-http');
});

test('the probe request carries no credentials and closes the connection', () => {
  const request = probeRequest(new URL('https://alice:s3cret@goproxy.corp:8443/api/go/?token=t0k'));
  assert.equal(request, 'GET /api/go/ HTTP/1.1\r\nHost: goproxy.corp:8443\r\nUser-Agent: gomod-shim-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n');
});
