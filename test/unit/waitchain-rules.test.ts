// The rules that read the wait chain, on the captured snapshot (test/fixtures/snapshots/) with a
// chain put in as the chain builder writes it — each case named; the real-process cases are in
// test/integration/hang-chain*.test.ts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderSnapshot } from '../../src/commands/render-snapshot';
import { diagnose } from '../../src/diagnose/diagnose';
import { hangAttributes } from '../../src/export/hang-attributes';
import { isHang } from '../../src/snapshot/is-hang';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { styleFor } from '../../src/ui/style';
import { formatChain } from '../../src/waitchain/format';
import type { WaitEntry } from '../../src/waitchain/types';

type Partial = Omit<Snapshot, 'diagnosis'>;

function captured(): Partial {
  const file = path.join(__dirname, '../../../test/fixtures/snapshots/go1.19-proxy-unresponsive.json');
  const { diagnosis: _stored, ...rest } = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  return rest;
}

function withChain(chain: WaitEntry[], extra: Partial_ = {}): Partial {
  const s = captured();
  // go's own socket to GOPROXY is dropped: only the chain speaks.
  return { ...s, processes: s.processes.map((p) => ({ ...p, sockets: [] })), wait_chain: chain, ...extra };
}
type Partial_ = { [K in keyof Partial]?: Partial[K] };

const go = (pid: number, kind: WaitEntry['waits_on']['kind'] = 'child'): WaitEntry => ({
  pid,
  ppid: 1,
  argv: ['/usr/bin/go', 'mod', 'download'],
  role: 'go',
  in_tree: true,
  waits_on: { kind, detail: kind === 'child' ? 'waits on child' : 'x' },
});

test('formatChain: one line from go to the leaf, roles beside what structure made them', () => {
  const chain: WaitEntry[] = [
    go(1234),
    {
      pid: 1240,
      ppid: 1234,
      argv: ['git', 'ls-remote'],
      role: 'git',
      in_tree: true,
      waits_on: { kind: 'pipe', detail: 'reads pipe:[9] (fd 3)', holder_pid: 1250 },
    },
    {
      pid: 1250,
      ppid: 1240,
      argv: ['/bin/sh', '/tmp/x/helper-7', 'get'],
      role: 'credential-helper',
      in_tree: true,
      waits_on: { kind: 'tty', detail: 'reads tty /dev/pts/3' },
    },
  ];
  assert.equal(formatChain(chain), 'go 1234 (waits on child) → git 1240 (reads pipe:[9] (fd 3)) → helper-7 1250 [credential-helper] (reads tty /dev/pts/3)');
});

test('derived: a ssh agent socket at the leaf is agent-prompt, naming the process and the socket', () => {
  const s = withChain([
    go(7),
    { pid: 8, ppid: 7, argv: ['git', 'ls-remote', '-q', 'ssh://git@h/r'], role: 'git', in_tree: true, waits_on: { kind: 'child', detail: 'waits on child' } },
    {
      pid: 9,
      ppid: 8,
      argv: ['ssh', '-o', 'SendEnv=GIT_PROTOCOL', 'git@h', "git-upload-pack 'r'"],
      role: 'transport',
      in_tree: true,
      waits_on: {
        kind: 'socket',
        detail: 'unix socket to the ssh agent',
        peer: '/run/user/1/agent.sock',
        peer_role: 'agent',
        peer_setting: 'SSH_AUTH_SOCK=/run/user/1/agent.sock',
      },
    },
  ]);
  const d = diagnose(s);
  assert.equal(d.cause, 'agent-prompt');
  assert.ok(d.summary.startsWith("ssh -o SendEnv=GIT_PROTOCOL git@h git-upload-pack 'r' (pid 9) waits on the ssh agent at /run/user/1/agent.sock"), d.summary);
});

test('derived: an env proxy that does not even accept the connection is still named, with its variable', () => {
  const s = withChain([
    {
      ...go(7),
      waits_on: {
        kind: 'socket',
        detail: 'SYN_SENT to 10.1.2.3:3128, unacked 0 B, unread 0 B',
        peer: '10.1.2.3:3128',
        peer_role: 'env-proxy',
        peer_setting: 'HTTPS_PROXY=http://10.1.2.3:3128',
        peer_routes: 'https://goproxy.corp/',
      },
    },
  ]);
  const d = diagnose(s);
  assert.equal(d.cause, 'http-proxy-unresponsive');
  assert.ok(d.summary.startsWith('the HTTP proxy 10.1.2.3:3128 (HTTPS_PROXY=http://10.1.2.3:3128) does not accept the connection'), d.summary);
  assert.ok(d.suggestions.includes('skip the proxy for goproxy.corp: NO_PROXY=goproxy.corp (go then connects directly)'));
  assert.ok(d.suggestions.includes('or, if you need no proxy here, unset HTTPS_PROXY'));
});

test('derived: a cause no rule knows keeps the chain, so the summary says who waits on what', () => {
  const s = withChain(
    [
      go(7),
      {
        pid: 8,
        ppid: 7,
        argv: ['/opt/wrap/cc', '-c'],
        role: 'child',
        in_tree: true,
        waits_on: { kind: 'disk', detail: 'uninterruptible sleep in nfs_wait (disk or network filesystem)' },
      },
    ],
    { goroutines: { raw: null, parsed: [] } },
  );
  const d = diagnose(s);
  assert.equal(d.cause, 'unknown');
  assert.match(d.summary, / — go 7 \(waits on child\) → cc 8 \(uninterruptible sleep in nfs_wait/);
  assert.ok(d.evidence.includes('the chain ends at pid 8 (/opt/wrap/cc -c): uninterruptible sleep in nfs_wait (disk or network filesystem)'));
});

test('isHang: the idle trigger always is; Ctrl-\\ only past the limit', () => {
  assert.equal(isHang('idle', 2000, 2000), true);
  assert.equal(isHang('sigquit', 1999, 2000), false);
  assert.equal(isHang('sigquit', 2000, 2000), true);
});

test("a user's snapshot: show says so and does not head it as a hang; OTLP marks it; the chain is shown", () => {
  const s = {
    ...withChain([go(7, 'cpu')], { trigger: 'sigquit', hung: false }),
    diagnosis: { cause: 'unknown' as const, summary: 'x', evidence: [], suggestions: [] },
  };
  const text = renderSnapshot(s, styleFor(process.stdout, { NO_COLOR: '1' }), 3);
  assert.ok(text.includes('snapshot taken on request (Ctrl-\\), not a hang'), text);
  assert.ok(!text.includes('Hung:'));
  assert.ok(text.includes('Wait chain\n  go 7 — cpu: x'), text);
  const run = { uuid: 'u', realGo: '/usr/bin/go', cwd: '/w', module: null, subcommand: 'mod' } as unknown as Parameters<typeof hangAttributes>[0]['run'];
  const attributes = hangAttributes({ snapshot: s, run, runId: 3, endedAtMs: 0 });
  assert.equal(attributes['gomod_shim.hang.hung'], false);
  assert.equal(attributes['gomod_shim.hang.wait_chain'], 'go 7 (x)');
});
