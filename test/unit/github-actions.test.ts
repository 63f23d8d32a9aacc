// The GitHub Actions report: escaping per the workflow command rules, the annotation's text,
// and appending to the job summary only where that is a regular file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { appendToSummary, errorCommand, escapeData, escapeProperty, hangAnnotation, reportHangToGitHub } from '../../src/report/github-actions';
import type { Snapshot } from '../../src/snapshot/snapshot';

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-gha-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const SNAPSHOT = {
  command: ['mod', 'download', '-x'],
  hang_after_ms: 60_000,
  diagnosis: {
    cause: 'proxy-unresponsive',
    summary: 'GOPROXY http://user:pw@127.0.0.1:9 accepted the connection but never answered (100% silent)',
    evidence: ['e'],
    suggestions: ['GOPROXY=https://proxy.golang.org,direct', 'check the proxy'],
  },
} as unknown as Snapshot;

test("escapeData / escapeProperty: GitHub's rules (%, CR, LF; and : , in properties)", () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
  assert.equal(escapeData('%0A'), '%250A', 'a literal %0A stays literal');
  assert.equal(errorCommand('t: x', 'line 1\nline 2'), '::error title=t%3A x::line 1%0Aline 2');
});

test('hangAnnotation: the command in the title; summary, what to try, where the rest is; one line, redacted', () => {
  const line = hangAnnotation(SNAPSHOT, 7, true);
  assert.equal(
    line,
    '::error title=gomod-shim%3A go mod download hung::GOPROXY http://***@127.0.0.1:9 accepted the connection but never answered (100%25 silent)' +
      '%0ATry: GOPROXY=https://proxy.golang.org,direct%0ATry: check the proxy%0AThe full report is in the job summary.%0ASaved as run #7 (gomod-shim show 7).',
  );
  assert.ok(!hangAnnotation(SNAPSHOT, null, false).includes('Saved as') && !hangAnnotation(SNAPSHOT, null, false).includes('job summary'));
});

test('appendToSummary: appends to a regular file (creating it); refuses symlinks, FIFOs and folders', () => {
  const dir = tempFolder();
  const file = path.join(dir, 'summary.md');
  fs.writeFileSync(file, 'before\n');
  assert.equal(appendToSummary(file, 'report'), true);
  assert.equal(fs.readFileSync(file, 'utf8'), 'before\nreport\n');
  assert.equal(appendToSummary(path.join(dir, 'new.md'), 'fresh\n'), true);
  assert.equal(fs.readFileSync(path.join(dir, 'new.md'), 'utf8'), 'fresh\n');

  const target = path.join(dir, 'target');
  fs.writeFileSync(target, 'kept\n');
  fs.symlinkSync(target, path.join(dir, 'link.md'));
  assert.equal(appendToSummary(path.join(dir, 'link.md'), 'x'), false);
  assert.equal(fs.readFileSync(target, 'utf8'), 'kept\n', 'nothing written through the link');

  const fifo = path.join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  assert.equal(appendToSummary(fifo, 'x'), false, 'a FIFO without a reader: no wait, no write');
  assert.equal(appendToSummary(dir, 'x'), false);
});

test('reportHangToGitHub: nothing at all outside GitHub Actions', () => {
  const dir = tempFolder();
  const summary = path.join(dir, 'summary.md');
  const said: string[] = [];
  const start = {
    uuid: 'u',
    startedAt: '2026-12-01T00:00:00.000Z',
    cwd: dir,
    module: null,
    argv: ['mod', 'download'],
    subcommand: 'mod',
    supervisorPid: 1,
    goPid: 2,
    realGo: '/go',
  };
  reportHangToGitHub({ snapshot: SNAPSHOT, store: null, runId: 3, start, say: (l) => said.push(l), env: { GITHUB_STEP_SUMMARY: summary } });
  assert.deepEqual([said, fs.existsSync(summary)], [[], false]);
  reportHangToGitHub({
    snapshot: SNAPSHOT,
    store: null,
    runId: 3,
    start,
    say: (l) => said.push(l),
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
  });
  assert.equal(said.length, 1);
  assert.ok(said[0].startsWith('::error title=gomod-shim%3A go mod download hung::'));
});

test('reportHangToGitHub: without a usable history the report is made from the run start (a captured snapshot)', () => {
  const dir = tempFolder();
  const summary = path.join(dir, 'summary.md');
  const file = path.join(__dirname, '../../../test/fixtures/snapshots/go1.19-proxy-unresponsive.json');
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const start = {
    uuid: 'u',
    startedAt: '2026-11-24T06:39:47.000Z',
    cwd: dir,
    module: 'example.com/app',
    argv: snapshot.command,
    subcommand: 'mod',
    supervisorPid: 1,
    goPid: snapshot.go_pid,
    realGo: '/go',
    caller: 'make',
  };
  const said: string[] = [];
  reportHangToGitHub({ snapshot, store: null, runId: null, start, say: (l) => said.push(l), env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
  const report = fs.readFileSync(summary, 'utf8');
  assert.ok(report.startsWith(`## \`go mod download example.com/dep@v1.0.0\` hung: ${snapshot.diagnosis.cause}`), report.slice(0, 200));
  assert.ok(report.includes('### Network probe') && report.includes('Full goroutine dump'), 'the whole report');
  assert.equal(said.length, 1);
  assert.ok(said[0].includes('The full report is in the job summary.') && !said[0].includes('Saved as'), said[0]);
});
