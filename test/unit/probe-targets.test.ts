import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ProbeInputs, type ProbeTarget, probeTargets } from '../../src/snapshot/probe/targets';

function targets(inputs: Partial<ProbeInputs>): ProbeTarget[] {
  return probeTargets({ goproxy: 'off', gosumdb: 'off', sockets: [], ...inputs });
}

function urls(list: ProbeTarget[]): (string | null)[] {
  return list.map((t) => t.url);
}

test('empty GOPROXY and GOSUMDB mean Go defaults: proxy.golang.org, its /sumdb/ endpoint, sum.golang.org', () => {
  assert.deepEqual(probeTargets({ goproxy: '', gosumdb: '', sockets: [] }), [
    { target: 'proxy.golang.org:443', role: 'proxy', url: 'https://proxy.golang.org/', tls: true, via: null },
    { target: 'proxy.golang.org:443', role: 'sumdb', url: 'https://proxy.golang.org/sumdb/sum.golang.org/supported', tls: true, via: null },
    { target: 'sum.golang.org:443', role: 'sumdb', url: 'https://sum.golang.org/latest', tls: true, via: null },
  ]);
});

test('GOPROXY entries separated by "," and "|" are all probed; direct and off are not', () => {
  const list = targets({ goproxy: 'https://a.example|http://127.0.0.1:8081/go/,direct,https://b.example:8443 , off' });
  assert.deepEqual(
    list.map((t) => [t.target, t.role, t.url, t.tls]),
    [
      ['a.example:443', 'proxy', 'https://a.example/', true],
      ['127.0.0.1:8081', 'proxy', 'http://127.0.0.1:8081/go/', false],
      ['b.example:8443', 'proxy', 'https://b.example:8443/', true],
    ],
  );
});

test('GOPROXY=direct or off alone probes no proxy; file:// and bare words open no socket', () => {
  assert.deepEqual(targets({ goproxy: 'direct' }), []);
  assert.deepEqual(targets({ goproxy: 'off' }), []);
  assert.deepEqual(targets({ goproxy: 'file:///srv/goproxy,noproxy,/abs/path' }), []);
});

test('a GOPROXY entry without a scheme gets https://, as cmd/go adds it', () => {
  assert.deepEqual(urls(targets({ goproxy: 'goproxy.corp.example:8080/mod' })), ['https://goproxy.corp.example:8080/mod/']);
});

test('IPv6 proxies are written [host]:port', () => {
  assert.deepEqual(
    targets({ goproxy: 'http://[::1]:3000' }).map((t) => [t.target, t.url]),
    [['[::1]:3000', 'http://[::1]:3000/']],
  );
});

test('GOSUMDB forms: name, name+key, name+key URL, the google.cn alias, off', () => {
  const sumdb = (gosumdb: string) => urls(targets({ gosumdb }));
  assert.deepEqual(sumdb('sum.golang.org'), ['https://sum.golang.org/latest']);
  assert.deepEqual(sumdb('sum.example.com+abcd1234+AAAAkey'), ['https://sum.example.com/latest']);
  assert.deepEqual(sumdb('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ady3ZvsRECKWPjA3 https://mirror.example/sumdb/'), [
    'https://mirror.example/sumdb/latest',
  ]);
  assert.deepEqual(sumdb('sum.golang.google.cn'), ['https://sum.golang.google.cn/latest']);
  assert.deepEqual(sumdb('off'), []);
  assert.deepEqual(sumdb('a b c'), [], 'go rejects more than two fields');
});

test('go asks each proxy before "direct" for /sumdb/NAME/supported, unless GOSUMDB names a URL', () => {
  const list = targets({ goproxy: 'https://a.example,https://b.example,direct,https://after.example', gosumdb: 'sum.example.com+k+key' });
  assert.deepEqual(
    list.filter((t) => t.role === 'sumdb').map((t) => t.url),
    ['https://a.example/sumdb/sum.example.com/supported', 'https://b.example/sumdb/sum.example.com/supported', 'https://sum.example.com/latest'],
  );
  const explicit = targets({ goproxy: 'https://a.example', gosumdb: 'sum.golang.org+k+key https://sum.mirror.example' });
  assert.deepEqual(
    explicit.filter((t) => t.role === 'sumdb').map((t) => t.url),
    ['https://sum.mirror.example/latest'],
  );
});

test('user:password is removed from every URL, and query strings (possible tokens) are dropped', () => {
  const list = targets({ goproxy: 'https://alice:s3cret@goproxy.corp/api/go?token=t0k|https://tok3n@other.corp', gosumdb: 'sum.golang.org' });
  for (const t of list) {
    assert.doesNotMatch(t.url ?? '', /alice|s3cret|t0k|tok3n/);
  }
  assert.deepEqual(urls(list), [
    'https://***@goproxy.corp/api/go/',
    'https://***@other.corp/',
    'https://***@goproxy.corp/api/go/sumdb/sum.golang.org/supported',
    'https://***@other.corp/sumdb/sum.golang.org/supported',
    'https://sum.golang.org/latest',
  ]);
});

test('socket remotes: a proxy or sumdb already probed by URL is not probed twice; vcs from the holder, else other', () => {
  const list = targets({
    goproxy: 'http://127.0.0.1:8081',
    gosumdb: 'sum.example.com+k+key http://127.0.0.1:9091',
    sockets: [
      { remote: '127.0.0.1:8081', argv: ['go', 'mod', 'download'] },
      { remote: '127.0.0.1:9091', argv: ['go', 'mod', 'download'] },
      { remote: '192.0.2.10:443', argv: ['/usr/lib/git-core/git-remote-https', 'origin', 'https://git.example/x'] },
      { remote: '192.0.2.11:22', argv: ['ssh', '-o', 'BatchMode=yes', 'git@git.example'] },
      { remote: '192.0.2.12:443', argv: ['hg', 'pull'] },
      { remote: '[2001:db8::1]:443', argv: ['go', 'get'] },
    ],
  });
  assert.deepEqual(
    list.filter((t) => t.url === null).map((t) => [t.target, t.role, t.tls]),
    [
      ['192.0.2.10:443', 'vcs', true],
      ['192.0.2.11:22', 'vcs', false],
      ['192.0.2.12:443', 'vcs', true],
      ['[2001:db8::1]:443', 'other', true],
    ],
  );
  assert.deepEqual(
    list.filter((t) => t.url !== null && t.target.startsWith('127.0.0.1')).map((t) => [t.target, t.role]),
    [
      ['127.0.0.1:8081', 'proxy'],
      ['127.0.0.1:9091', 'sumdb'],
    ],
  );
});

test('unspecified and malformed socket remotes are skipped; duplicates are probed once', () => {
  const list = targets({
    goproxy: 'https://a.example,https://a.example',
    sockets: [
      { remote: '0.0.0.0:0', argv: ['go'] },
      { remote: '[::]:0', argv: ['go'] },
      { remote: '0.0.0.0:443', argv: ['go'] },
      { remote: 'garbage', argv: ['go'] },
      { remote: '192.0.2.1:443', argv: ['go'] },
      { remote: '192.0.2.1:443', argv: ['git'] },
    ],
  });
  assert.deepEqual(
    list.map((t) => [t.target, t.role, t.url]),
    [
      ['a.example:443', 'proxy', 'https://a.example/'],
      ['192.0.2.1:443', 'other', null],
    ],
  );
});

test('with HTTPS_PROXY set, URL targets name the proxy go would use, and the proxy itself is probed', () => {
  const list = targets({
    goproxy: 'https://proxy.golang.org,direct',
    gosumdb: 'off',
    env: { HTTPS_PROXY: 'http://bob:pw@proxy.corp:3128', NO_PROXY: '' },
  });
  assert.deepEqual(list, [
    { target: 'proxy.golang.org:443', role: 'proxy', url: 'https://proxy.golang.org/', tls: true, via: 'proxy.corp:3128' },
    { target: 'proxy.corp:3128', role: 'other', url: null, tls: false, via: null },
  ]);
});
