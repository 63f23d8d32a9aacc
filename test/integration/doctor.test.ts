// gomod-shim doctor against real loopback proxies, a real go.mod and a real lock wait.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LOAD_SLACK_MS } from '../helpers/bounds';
import { simpleModule, startModuleProxy } from '../helpers/module-proxy';
import { killAll, waitUntil } from '../helpers/processes';
import { REAL_GO, runCli, tempDir, testEnv, writeModule } from '../helpers/shim';

interface DoctorReport {
  ok: boolean;
  checks: { name: string; status: 'pass' | 'warn' | 'fail'; detail: string; fix?: string }[];
}

const home = tempDir();
/** doctor's own limits (src/commands/doctor.ts): go env, and the deadline of every check. */
const DOCTOR_GO_ENV_MS = 5000;
const DOCTOR_CHECK_DEADLINE_MS = 12_000;

async function doctor(cwd: string, extra: NodeJS.ProcessEnv): Promise<{ code: number | null; report: DoctorReport; text: string }> {
  // SHELL unset: no interactive shell is started (that check is about the user's own shell).
  const env = testEnv(home, { SHELL: undefined, ...extra });
  const json = await runCli(['doctor', '--json'], { cwd, env, timeoutMs: 30_000 });
  const people = await runCli(['doctor'], { cwd, env, timeoutMs: 30_000 });
  assert.equal(people.code, json.code, 'both forms agree on the verdict');
  return { code: json.code, report: JSON.parse(json.stdout.toString()) as DoctorReport, text: people.stdout.toString() };
}

const byName = (r: DoctorReport, prefix: string) => r.checks.find((c) => c.name.startsWith(prefix));

test('a healthy loopback proxy: every check passes, exit 0', { timeout: 60_000 }, async () => {
  const proxy = await startModuleProxy([simpleModule('example.com/dep', 'v1.0.0')]);
  try {
    const app = writeModule(path.join(home, 'healthy'), { 'go.mod': 'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n' });
    const { code, report, text } = await doctor(app, { GOPROXY: proxy.url });
    assert.equal(code, 0, text);
    assert.equal(report.ok, true);
    const probe = byName(report, `proxy ${proxy.url}/`);
    assert.ok(probe, `a probe of the proxy: ${JSON.stringify(report.checks.map((c) => c.name))}`);
    assert.equal(probe.status, 'pass');
    assert.match(probe.detail, /connect [\d.]+ms, HTTP 404/);
    assert.match(byName(report, 'real go')!.detail, /go version go1\./);
    assert.match(byName(report, 'shim first on PATH')!.detail, /\(gomod-shim\)/);
    assert.match(text, /✓ history/);
  } finally {
    await proxy.close();
  }
});

test('a proxy that never answers fails the check with a fix, exit 1, within the bound', { timeout: 60_000 }, async () => {
  const proxy = await startModuleProxy([], { silent: true });
  try {
    const started = Date.now();
    const { code, report, text } = await doctor(home, { GOPROXY: `${proxy.url},direct`, GOMODSHIM_PROBE_TIMEOUT: '500ms' });
    assert.equal(code, 1);
    const probe = byName(report, `proxy ${proxy.url}/`)!;
    assert.equal(probe.status, 'fail');
    assert.match(probe.detail, /no HTTP answer within 500ms/);
    assert.match(probe.fix!, /GOPROXY=direct/);
    assert.match(text, /✗ proxy .*\n +fix: /);
    // Two doctor runs, each bounded by its own limits (go env 5 s, every check 12 s), plus load.
    assert.ok(Date.now() - started < 2 * (DOCTOR_GO_ENV_MS + DOCTOR_CHECK_DEADLINE_MS) + LOAD_SLACK_MS, 'bounded');
  } finally {
    await proxy.close();
  }
});

test('a dependency that looks private and is not in GOPRIVATE fails, with the go env -w line to fix it', { timeout: 60_000 }, async () => {
  const app = writeModule(path.join(home, 'private'), {
    'go.mod': 'module example.com/app\n\ngo 1.19\n\nrequire (\n\tgit.corp.internal/team/lib v1.2.0\n\texample.com/dep v1.0.0\n)\n',
  });
  const uncovered = await doctor(app, { GOPROXY: 'off' });
  const check = byName(uncovered.report, 'private modules')!;
  assert.equal(check.status, 'fail');
  assert.match(check.detail, /git\.corp\.internal\/team\/lib/);
  assert.equal(check.fix, 'go env -w GOPRIVATE=git.corp.internal');
  const covered = await doctor(app, { GOPROXY: 'off', GOPRIVATE: 'git.corp.internal/*' });
  assert.equal(byName(covered.report, 'private modules')!.status, 'pass');
});

test('a go waiting on the module cache lock: the holder is named, by pid and command line', { timeout: 60_000 }, async () => {
  const proxy = await startModuleProxy([simpleModule('example.com/locked', 'v1.0.0')]);
  const cache = path.join(home, 'lockcache');
  const lockFile = path.join(cache, 'cache', 'download', 'example.com', 'locked', '@v', 'v1.0.0.lock');
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const holder = spawn('flock', [lockFile, 'sleep', '60'], { stdio: 'ignore' });
  const env = testEnv(home, { GOPROXY: proxy.url, GOMODCACHE: cache, SHELL: undefined });
  const go = spawn(REAL_GO, ['mod', 'download', 'example.com/locked@v1.0.0'], { cwd: home, env, stdio: 'ignore' });
  try {
    const locks = () => fs.readFileSync('/proc/locks', 'latin1');
    assert.ok(await waitUntil(() => locks().includes(` ${go.pid} `) && locks().includes('->'), 20_000), 'go is waiting on the lock');
    const { code, report } = await doctor(home, { GOPROXY: proxy.url, GOMODCACHE: cache });
    assert.equal(code, 1);
    const check = byName(report, 'lock waits')!;
    assert.equal(check.status, 'fail');
    assert.match(
      check.detail,
      new RegExp(
        `go pid ${go.pid} \\(.*mod download example\\.com/locked@v1\\.0\\.0\\) waits for a lock held by pid \\d+ \\(flock ${lockFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} sleep 60\\)`,
      ),
    );
    assert.match(check.fix!, /^if the holder is stuck: kill \d+$/);
    // Seen from another module cache, that wait is none of its business.
    const other = await doctor(home, { GOPROXY: proxy.url, GOMODCACHE: path.join(home, 'othercache') });
    const elsewhere = byName(other.report, 'lock waits')!;
    assert.equal(elsewhere.status, 'pass', elsewhere.detail);
    assert.equal(elsewhere.detail, `no go process waiting on a file lock in ${path.join(home, 'othercache')}`);
  } finally {
    killAll([go.pid!, holder.pid!]);
    await proxy.close();
  }
});
