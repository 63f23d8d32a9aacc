// The planted-secrets corpus (test/fixtures/secrets/corpus.json), shared with the Go front's
// redactor: every `secrets` string vanishes, every `keep` string stays, whatever the path a
// value takes (environment, argv, free text, or a whole record redacted deep).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactArgv, redactDeep, redactEnv, redactText } from '../../src/redact';
import { type CorpusEntry, loadCorpus } from '../helpers/secrets-corpus';

function redactEntry(e: CorpusEntry): string {
  if (e.kind === 'env') return JSON.stringify(redactEnv({ [e.var as string]: e.input as string }));
  if (e.kind === 'argv') return JSON.stringify(redactArgv(e.input as string[]));
  return redactText(e.input as string);
}

function check(e: CorpusEntry, out: string, how: string): void {
  for (const s of e.secrets) assert.ok(!out.includes(s), `${e.about} (${how}): ${s} leaks in ${out}`);
  for (const k of e.keep ?? []) assert.ok(out.includes(k), `${e.about} (${how}): ${k} is lost from ${out}`);
}

test('the corpus holds every kind the issue names, each with its secrets', () => {
  const corpus = loadCorpus();
  assert.ok(corpus.length >= 37, `${corpus.length} entries`);
  for (const e of corpus) assert.ok(['env', 'argv', 'text'].includes(e.kind) && Array.isArray(e.secrets), e.about);
});

test('every corpus secret vanishes and every kept part stays', () => {
  for (const e of loadCorpus()) check(e, redactEntry(e), 'direct');
});

test('redaction is idempotent: a redacted value redacts to itself', () => {
  for (const e of loadCorpus()) {
    const once = redactEntry(e);
    const twice = e.kind === 'text' ? redactText(once) : JSON.stringify(redactDeep(JSON.parse(once)));
    assert.equal(twice, once, e.about);
  }
});

test('text and argv entries are caught again inside a whole record (redactDeep)', () => {
  for (const e of loadCorpus().filter((x) => x.kind !== 'env')) {
    const record = { argv: Array.isArray(e.input) ? e.input : [e.input], nested: { stderr_tail: e.kind === 'text' ? [e.input] : [] } };
    check(e, JSON.stringify(redactDeep(record)), 'deep');
  }
});

test('members named like secrets are hidden whole in a record', () => {
  const out = redactDeep({ env: { GIT_PAT: 'abc123', PATH: '/usr/bin', PWD: '/home/u' }, token: 'zzz9' });
  assert.deepEqual(out, { env: { GIT_PAT: '***', PATH: '/usr/bin', PWD: '/home/u' }, token: '***' });
});
