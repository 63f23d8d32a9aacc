// buildFront: the one way dist/gomod-shim-front is built (npm run build, gomod-shim install).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildFront, frontBinaryPath } from '../../src/install/build-front';
import { REAL_GO, tempDir } from '../helpers/shim';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** A repository root holding a copy of front/'s program sources (no tests). */
function repoWithFront(): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'front'));
  for (const name of fs.readdirSync(path.join(REPO_ROOT, 'front'))) {
    if (name === 'go.mod' || (name.endsWith('.go') && !name.endsWith('_test.go'))) {
      fs.copyFileSync(path.join(REPO_ROOT, 'front', name), path.join(root, 'front', name));
    }
  }
  return root;
}

test('buildFront builds a working front into dist/, nothing left beside it', () => {
  const root = repoWithFront();
  assert.deepEqual(buildFront(REAL_GO, root), { ok: true });
  assert.deepEqual(fs.readdirSync(path.join(root, 'dist')), ['gomod-shim-front']);
  const relay = spawnSync(frontBinaryPath(root), ['--stderr-relay'], { input: 'relayed\n', encoding: 'utf8' });
  assert.equal(relay.status, 0);
  assert.equal(relay.stderr, 'relayed\n');
});

test('buildFront reports a go that cannot run', () => {
  const result = buildFront(path.join(tempDir(), 'no-go'), repoWithFront());
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /^cannot run .*no-go: .*ENOENT/);
});

test('buildFront reports what go said about broken sources, and leaves no partial binary', () => {
  const root = repoWithFront();
  fs.writeFileSync(path.join(root, 'front', 'broken.go'), 'package main\nfunc broken( {\n');
  const result = buildFront(REAL_GO, root);
  assert.equal(result.ok, false);
  assert.match(result.error ?? '', /broken\.go/);
  assert.deepEqual(fs.readdirSync(path.join(root, 'dist')), []);
});
