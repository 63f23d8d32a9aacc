// src/files/: the one way our files are opened — on real files, FIFOs, symlinks and folders.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { historyPathState } from '../../src/files/history-path';
import { ensureOwnDir, UnsafeFolderError } from '../../src/files/own-dir';
import { readRegularFile } from '../../src/files/read-regular';

function temp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-files-unit-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('readRegularFile: text of a regular file; a FIFO, a folder, a symlink and a big file are refused unread', () => {
  const dir = temp();
  const file = path.join(dir, 'a.jsonl');
  fs.writeFileSync(file, 'hello');
  const opts = { maxBytes: 10, followSymlinks: false };
  assert.deepEqual(readRegularFile(file, opts), { ok: true, text: 'hello' });
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  assert.equal((readRegularFile(path.join(dir, 'fifo'), opts) as { reason: string }).reason, 'not-regular');
  assert.equal((readRegularFile(dir, opts) as { reason: string }).reason, 'not-regular');
  fs.symlinkSync(file, path.join(dir, 'link'));
  assert.equal((readRegularFile(path.join(dir, 'link'), opts) as { reason: string }).reason, 'symlink');
  assert.deepEqual(readRegularFile(path.join(dir, 'link'), { ...opts, followSymlinks: true }), { ok: true, text: 'hello' });
  fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(11));
  assert.equal((readRegularFile(path.join(dir, 'big'), opts) as { reason: string }).reason, 'too-large');
  assert.equal((readRegularFile(path.join(dir, 'missing'), opts) as { reason: string }).reason, 'missing');
});

test('ensureOwnDir: creates 0700; refuses a symlink, a folder of another user, a folder every user may write; changes no mode', () => {
  const dir = temp();
  ensureOwnDir(path.join(dir, 'a', 'b'));
  assert.equal(fs.statSync(path.join(dir, 'a', 'b')).mode & 0o777, 0o700);
  const shared = path.join(dir, 'shared');
  fs.mkdirSync(shared);
  fs.chmodSync(shared, 0o777);
  assert.throws(() => ensureOwnDir(shared), UnsafeFolderError);
  assert.equal(fs.statSync(shared).mode & 0o777, 0o777, 'not chmod-ed');
  fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'link'));
  assert.throws(() => ensureOwnDir(path.join(dir, 'link')), /is a symbolic link/);
  const foreign = path.join(dir, 'foreign');
  fs.mkdirSync(foreign, { mode: 0o700 });
  fs.chownSync(foreign, 65534, 65534);
  assert.throws(() => ensureOwnDir(foreign), /belongs to another user \(uid 65534\)/);
});

test('historyPathState: off for null, a device, a FIFO, a symlink, a folder, a symlinked -wal; absent; regular', () => {
  const dir = temp();
  const db = path.join(dir, 'history.db');
  assert.equal(historyPathState(null), 'off');
  assert.equal(historyPathState('/dev/null'), 'off');
  assert.equal(historyPathState(db), 'absent');
  fs.writeFileSync(db, '');
  assert.equal(historyPathState(db), 'regular');
  fs.symlinkSync('/etc/passwd', `${db}-wal`);
  assert.equal(historyPathState(db), 'off');
  execFileSync('mkfifo', [path.join(dir, 'fifo.db')]);
  assert.equal(historyPathState(path.join(dir, 'fifo.db')), 'off');
  fs.symlinkSync('/etc/passwd', path.join(dir, 'link.db'));
  assert.equal(historyPathState(path.join(dir, 'link.db')), 'off');
  assert.equal(historyPathState(dir), 'off');
  assert.equal(historyPathState('/etc/passwd/history.db'), 'off');
});
