// The wait chain's pure parts on texts captured from a real /proc (test/fixtures/procfs/README.md):
// fd links, fdinfo access, wchan kinds, /proc/net/unix, and roles and peers from structure.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseFdinfoAccess, parseFdLink, parseFdListing } from '../../src/monitor/fd-links';
import { parseLocks } from '../../src/monitor/locks';
import { parseNetUnix } from '../../src/monitor/net-unix';
import { classifyWait } from '../../src/monitor/wchan';
import { peerMap } from '../../src/waitchain/peers';
import { gitSubcommand, looksLikePrompt, roleOf } from '../../src/waitchain/roles';
import type { WaitEntry } from '../../src/waitchain/types';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../../test/fixtures/procfs', name), 'latin1');

test('fd links: pipes and sockets by inode, ttys, files (spaces kept), anything else', () => {
  const fds = parseFdListing(fixture('fd-links.txt'));
  assert.deepEqual(parseFdLink(fds.get('0')!), { kind: 'pipe', inode: 12385 });
  assert.deepEqual(parseFdLink(fds.get('6')!), { kind: 'socket', inode: 13673 });
  assert.deepEqual(parseFdLink(fds.get('4')!), { kind: 'tty', path: '/dev/pts/0' });
  assert.deepEqual(parseFdLink(fds.get('7')!), { kind: 'tty', path: '/dev/tty' });
  assert.deepEqual(parseFdLink(fds.get('3')!), { kind: 'file', path: '/dev/ptmx' }, 'the master side is not a terminal one reads');
  assert.deepEqual(parseFdLink(fds.get('8')!), { kind: 'file', path: '/tmp/x/file with spaces (deleted)' });
  assert.deepEqual(parseFdLink(fds.get('5')!), { kind: 'other', text: 'anon_inode:[signalfd]' });
});

test('fdinfo: the two ends of one pipe, and text without flags', () => {
  assert.equal(parseFdinfoAccess(fixture('fdinfo-pipe-read.txt')), 'read');
  assert.equal(parseFdinfoAccess(fixture('fdinfo-pipe-write.txt')), 'write');
  assert.equal(parseFdinfoAccess('flags:\t0100002\n'), 'readwrite', 'O_RDWR with O_LARGEFILE');
  assert.equal(parseFdinfoAccess('pos: 0\n'), null);
});

test('wchan: every captured value means the wait written beside it', () => {
  const lines = fixture('wchan-samples.txt')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.ok(lines.length >= 20);
  for (const line of lines) {
    const [state, wchan, fd, expected] = line.split(' ');
    const kind = classifyWait({ state, wchans: [wchan], hasTty: fd.startsWith('/dev/pts') || fd === '/dev/tty', hasSocket: fd.startsWith('socket:') });
    assert.equal(kind, expected, line);
  }
});

test("wchan: of a process's threads, a lock or a child wait beats the poll loop of another thread", () => {
  const go = (w: string) => classifyWait({ state: 'S', wchans: ['futex_wait_queue', 'ep_poll', w, 'futex_wait_queue'], hasTty: false, hasSocket: true });
  assert.equal(go('locks_lock_inode_wait'), 'lock');
  assert.equal(go('do_wait'), 'child');
  assert.equal(go('futex_wait_queue'), 'poll');
  assert.equal(
    classifyWait({ state: 'R', wchans: ['0', 'do_wait', 'futex_wait_queue'], hasTty: false, hasSocket: false }),
    'child',
    'main thread running for a moment',
  );
  assert.equal(classifyWait({ state: 'R', wchans: ['0', 'futex_wait_queue'], hasTty: false, hasSocket: false }), 'cpu');
});

test('/proc/net/unix: a listener and its accepted end carry the path, a client has none', () => {
  const sockets = parseNetUnix(fixture('net-unix.txt'));
  assert.deepEqual(
    sockets.find((s) => s.inode === 13672),
    { inode: 13672, path: '/tmp/cap/ag', listening: true },
  );
  assert.deepEqual(
    sockets.find((s) => s.inode === 13674),
    { inode: 13674, path: '/tmp/cap/ag', listening: false },
  );
  assert.deepEqual(
    sockets.find((s) => s.inode === 13673),
    { inode: 13673, path: null, listening: false },
  );
});

test("/proc/locks while flock waits: the waiter shares its holder's number", () => {
  const [holder, waiter] = parseLocks(fixture('locks-flock-wait.txt'));
  assert.deepEqual([holder.id, holder.waiting, waiter.id, waiter.waiting, waiter.fileId === holder.fileId], [1, false, 1, true, true]);
});

const entry = (role: WaitEntry['role'], kind: WaitEntry['waits_on']['kind'], argv = ['x']): WaitEntry => ({
  pid: 10,
  ppid: 9,
  argv,
  role,
  in_tree: true,
  waits_on: { kind, detail: '' },
});

test('roles: what git waits on is told by the arguments git gave it, whatever the program is called', () => {
  const git = entry('git', 'child', ['/usr/lib/git-core/git-remote-http', 'origin', 'http://h/r']);
  assert.equal(roleOf(['/bin/sh', '/tmp/x/helper-7', 'get'], 11, 1, true, git), 'credential-helper');
  assert.equal(roleOf(['/bin/sh', '-c', '/tmp/x/h get "$@"', '/tmp/x/h get'], 11, 1, true, git), 'credential-helper', 'through the shell, as git runs it');
  assert.equal(roleOf(['/opt/ed/bin/code-helper', "Password for 'http://u@127.0.0.1:5': "], 11, 1, true, git), 'askpass');
  assert.equal(roleOf(['/usr/bin/tsh', '-o', 'X=y', 'git@h', "git-upload-pack 'r.git'"], 11, 1, true, git), 'transport');
  assert.equal(
    roleOf(['/bin/sh', '/x/tunnel-5', '-G', '-o', 'SendEnv=GIT_PROTOCOL', '-p', '1', 'git@127.0.0.1'], 11, 1, true, git),
    'transport',
    "git's ssh variant check",
  );
  assert.equal(roleOf(['/repo/.git/hooks/watch', '2', ''], 11, 1, true, entry('git', 'child', ['git', 'status', '--porcelain'])), 'hook');
  assert.equal(roleOf(['sleep', '300'], 12, 1, true, entry('credential-helper', 'child')), 'credential-helper', "the helper's own child");
  assert.equal(roleOf(['flock', 'f', 'sleep', '9'], 50, 1, false, entry('go', 'lock')), 'lock-holder');
  assert.equal(roleOf(['sleep', '300'], 50, 1, false, entry('git', 'pipe')), 'pipe-holder');
  assert.equal(roleOf(['sleep', '300'], 50, 1, true, entry('git', 'pipe')), 'hook', 'a pipe writer inside the tree keeps its structural role');
  assert.equal(roleOf(['/usr/local/go/bin/go', 'build'], 1, 1, true, null), 'go');
});

test("roles: git subcommands past git's own options; prompts are questions with words", () => {
  assert.equal(gitSubcommand(['git', '-c', 'log.showsignature=false', 'log', '-1']), 'log');
  assert.equal(gitSubcommand(['git', '-C', '/r', 'status', '--porcelain']), 'status');
  assert.equal(looksLikePrompt("Username for 'https://example.com': "), true);
  assert.equal(looksLikePrompt('Are you sure you want to continue connecting (yes/no)? '), true);
  assert.equal(looksLikePrompt('get'), false);
  assert.equal(looksLikePrompt('http://h:80'), false);
});

test('peers: the env proxy go routes GOPROXY through is named by the variable that routes it', () => {
  const env = { HTTP_PROXY: 'http://127.0.0.1:3128', HTTPS_PROXY: 'http://user:secret@10.0.0.9:8080', NO_PROXY: 'corp.example' };
  const peers = peerMap('http://proxy.invalid,https://corp.example', 'off', env);
  assert.deepEqual(peers.get('127.0.0.1:3128'), { role: 'env-proxy', setting: 'HTTP_PROXY=http://127.0.0.1:3128', routes: 'http://proxy.invalid/' });
  assert.equal(peers.get('10.0.0.9:8080')?.setting, 'HTTPS_PROXY=http://***@10.0.0.9:8080', 'credentials never kept');
  assert.equal(peers.get('corp.example:443')?.role, 'proxy', 'NO_PROXY: go connects to GOPROXY itself');
  // A loopback GOPROXY is never proxied (Go's httpproxy rules): its address is GOPROXY's.
  const direct = peerMap('http://127.0.0.1:9000', '', { HTTP_PROXY: 'http://127.0.0.1:3128' });
  assert.equal(direct.get('127.0.0.1:9000')?.role, 'proxy');
  assert.equal(direct.get('127.0.0.1:3128')?.routes, undefined);
});
