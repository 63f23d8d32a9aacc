// Secrets never reach the database (docs/contract.md, "Snapshot").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactArgv, redactEnvValue, redactText } from '../../src/redact';

test('redactText: user:password and token users in any URL', () => {
  const cases: [string, string][] = [
    ['https://alice:s3cret@proxy.corp/go', 'https://***@proxy.corp/go'],
    ['https://ghp_TOKEN123@github.com/org/repo', 'https://***@github.com/org/repo'],
    ['git+ssh://git:pw@host:22/x', 'git+ssh://***@host:22/x'],
    // Go's net/url takes the user-info up to the LAST '@': none of the password may stay.
    ['https://bob:p@ss@w0rd@proxy.corp/x', 'https://***@proxy.corp/x'],
    ['https://u:p@a.example,https://v:q@b.example|direct', 'https://***@a.example,https://***@b.example|direct'],
    ['Get "https://u:p@h/x": dial tcp: i/o timeout', 'Get "https://***@h/x": dial tcp: i/o timeout'],
    ['HTTPS://U:P@HOST/', 'HTTPS://***@HOST/'],
  ];
  for (const [text, expected] of cases) assert.equal(redactText(text), expected, text);
});

test('redactText: leaves alone what holds no secret', () => {
  for (const text of [
    'https://proxy.golang.org,direct',
    'https://proxy.golang.org/example.com/m/@v/list',
    'git@github.com:org/repo.git',
    'see https://example.com and write to me@example.org',
    'https://example.com/search?q=a@b',
    '',
  ]) {
    assert.equal(redactText(text), text);
  }
});

test('redactEnvValue: whole values of secret-looking names, URLs in the rest', () => {
  assert.equal(redactEnvValue('GITHUB_TOKEN', 'ghp_abc'), '***');
  assert.equal(redactEnvValue('NPM_AUTH', 'x'), '***');
  assert.equal(redactEnvValue('AWS_SECRET_ACCESS_KEY', 'k'), '***');
  assert.equal(redactEnvValue('MY_API_KEY', 'k'), '***');
  assert.equal(redactEnvValue('GIT_PASSWORD', 'hunter2'), '***');
  assert.equal(redactEnvValue('GITHUB_TOKEN', ''), '', 'an empty secret says nothing');
  assert.equal(redactEnvValue('GOPROXY', 'https://u:p@proxy.corp,direct'), 'https://***@proxy.corp,direct');
  assert.equal(redactEnvValue('GOFLAGS', '-mod=mod'), '-mod=mod');
  assert.equal(redactEnvValue('GIT_ASKPASS', '/usr/lib/git-core/git-gui--askpass'), '/usr/lib/git-core/git-gui--askpass');
});

test('redactArgv: each argument, nothing else changed', () => {
  assert.deepEqual(redactArgv(['get', 'https://me:pw@git.corp/m@v1.2.3', '-x']), ['get', 'https://***@git.corp/m@v1.2.3', '-x']);
  assert.deepEqual(redactArgv(['get', 'example.com/m@v1.2.3']), ['get', 'example.com/m@v1.2.3']);
});
