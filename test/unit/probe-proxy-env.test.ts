import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpProxyFor } from '../../src/snapshot/probe/http-proxy-env';

const via = (url: string, env: Record<string, string>) => httpProxyFor(new URL(url), env)?.target ?? null;

test('HTTPS_PROXY serves https URLs, HTTP_PROXY http URLs; upper case wins over lower case', () => {
  const env = { HTTPS_PROXY: 'http://secure.proxy:3128', HTTP_PROXY: 'plain.proxy:8080', https_proxy: 'http://lower:1' };
  assert.equal(via('https://proxy.golang.org/', env), 'secure.proxy:3128');
  assert.equal(via('http://goproxy.corp/', env), 'plain.proxy:8080', 'no scheme means http://');
  assert.equal(via('https://proxy.golang.org/', { https_proxy: 'http://lower:1' }), 'lower:1');
  assert.equal(via('https://proxy.golang.org/', {}), null);
});

test('default proxy ports by scheme; credentials never appear', () => {
  assert.equal(via('https://a.example/', { HTTPS_PROXY: 'http://user:pw@p.example' }), 'p.example:80');
  assert.equal(via('https://a.example/', { HTTPS_PROXY: 'https://p.example' }), 'p.example:443');
  assert.deepEqual(httpProxyFor(new URL('https://a.example/'), { HTTPS_PROXY: 'https://p.example:8443' }), { target: 'p.example:8443', tls: true });
  assert.deepEqual(httpProxyFor(new URL('https://a.example/'), { HTTPS_PROXY: 'p.example:3128' }), { target: 'p.example:3128', tls: false });
  assert.equal(via('https://a.example/', { HTTPS_PROXY: 'socks5://p.example' }), 'p.example:1080');
});

test('localhost and loopback addresses are never proxied, as in Go', () => {
  const env = { HTTP_PROXY: 'http://p.example:3128' };
  assert.equal(via('http://localhost:8080/', env), null);
  assert.equal(via('http://127.0.0.1:8080/', env), null);
  assert.equal(via('http://127.9.9.9:8080/', env), null);
  assert.equal(via('http://[::1]:8080/', env), null);
});

test('NO_PROXY: *, domains with and without a dot, ports, IPs and CIDRs', () => {
  const proxied = (url: string, noProxy: string) => via(url, { HTTPS_PROXY: 'p.example:3128', NO_PROXY: noProxy }) !== null;
  assert.equal(proxied('https://a.example/', '*'), false);
  assert.equal(proxied('https://corp.example/', 'corp.example'), false);
  assert.equal(proxied('https://goproxy.corp.example/', 'corp.example'), false);
  assert.equal(proxied('https://notcorp.example/', 'corp.example'), true);
  assert.equal(proxied('https://corp.example/', '.corp.example'), true, 'a leading dot matches subdomains only');
  assert.equal(proxied('https://x.corp.example/', '*.corp.example'), false);
  assert.equal(proxied('https://corp.example/', 'corp.example:443'), false);
  assert.equal(proxied('https://corp.example:8443/', 'corp.example:443'), true);
  assert.equal(proxied('https://192.0.2.7/', '192.0.2.0/24'), false);
  assert.equal(proxied('https://198.51.100.7/', '192.0.2.0/24'), true);
  assert.equal(proxied('https://192.0.2.7/', '192.0.2.7'), false);
  assert.equal(proxied('https://[2001:db8::7]/', '2001:db8::/32'), false);
  assert.equal(proxied('https://a.example/', ' other.example , a.example '), false);
});
