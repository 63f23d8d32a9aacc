// A real hang under GITHUB_ACTIONS=true: besides the hang line, an `::error` annotation on the
// same stderr and the markdown report appended to the job summary file — with no secret in either.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Snapshot } from '../../src/snapshot/snapshot';
import { appModule, assertHangReport, endLeftovers, hangEnv, runWatched, uniqueModule, type WatchedRun } from '../helpers/hang-run';
import { startSilentServer } from '../helpers/misbehaving-servers';
import { tempDir } from '../helpers/shim';

const id = randomUUID().replace(/-/g, '');
const user = `alice${id.slice(0, 6)}`;
const proxyPassword = `s3cret${id}`;
const token = `ghp_secret${id}`;
const FORBIDDEN = [token, proxyPassword, `${user}:`, Buffer.from(`${user}:${proxyPassword}`).toString('base64')];

/** A job summary file as the runner makes it: there, empty, with a line a previous step wrote. */
function summaryFile(dir: string): string {
  const file = path.join(dir, 'step_summary.md');
  fs.writeFileSync(file, '# Earlier step\n');
  return file;
}

function annotations(r: WatchedRun): string[] {
  return r.stderr
    .toString()
    .split('\n')
    .filter((l) => l.startsWith('::'));
}

describe('a hang inside GitHub Actions', { concurrency: true, timeout: 60_000 }, () => {
  test('prints an ::error annotation after the hang line and appends the report to the job summary', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const summary = summaryFile(dir);
    const env = hangEnv(dir, { GOPROXY: `http://127.0.0.1:${server.port}`, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    let snapshot: Snapshot | undefined;
    try {
      const module = uniqueModule('gha');
      const r = await runWatched(['mod', 'download', `${module}@v1.0.0`], { cwd: appModule(dir), env });
      const report = assertHangReport(r, 'proxy-unresponsive');
      snapshot = report.snapshot;
      const [annotation, ...more] = annotations(r);
      assert.deepEqual(more, [], 'one annotation');
      const d = report.snapshot.diagnosis;
      const message = [
        d.summary,
        ...d.suggestions.map((s) => `Try: ${s}`),
        'The full report is in the job summary.',
        `Saved as run #${report.id} (gomod-shim show ${report.id}).`,
      ];
      assert.equal(annotation, `::error title=gomod-shim%3A go mod download hung::${message.join('%0A').replace(/%(?!0A)/g, '%25')}`);
      const lines = r.stderr.toString().split('\n');
      assert.ok(lines.indexOf(report.line) < lines.indexOf(annotation), 'the annotation follows the hang line');

      const text = fs.readFileSync(summary, 'utf8');
      assert.ok(text.startsWith('# Earlier step\n## `go mod download '), `appended after what was there:\n${text.slice(0, 300)}`);
      assert.ok(text.includes(`hung: proxy-unresponsive`), text.slice(0, 300));
      assert.ok(text.includes(`(run #${report.id})`), 'names the run');
      assert.match(text, new RegExp(`\\| \`127\\.0\\.0\\.1:${server.port}\` \\|`), 'the probe results are in (the whole report)');
      assert.ok(text.includes('Full goroutine dump'), 'the dump is in');
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });

  test('no secret in the annotation or the job summary, though the report holds the setting redacted', async () => {
    const server = await startSilentServer();
    const dir = tempDir();
    const summary = summaryFile(dir);
    const env = hangEnv(dir, {
      GOPROXY: `https://${user}:${proxyPassword}@127.0.0.1:${server.port}`,
      GITHUB_TOKEN: token,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    let snapshot: Snapshot | undefined;
    try {
      const r = await runWatched(['mod', 'download', `${uniqueModule('ghasecret')}@v1.0.0`], { cwd: appModule(dir), env });
      ({ snapshot } = assertHangReport(r, 'tls-stall'));
      assert.equal(annotations(r).length, 1, 'the annotation is there');
      const text = fs.readFileSync(summary, 'utf8');
      assert.ok(text.includes(`GOPROXY="https://***@127.0.0.1:${server.port}"`), 'the report shows GOPROXY, redacted');
      const sources = { 'the job summary': text, 'stderr (ours)': [...r.ours, ...annotations(r)].join('\n') };
      const found = Object.entries(sources).flatMap(([where, t]) => FORBIDDEN.filter((s) => t.includes(s)).map((s) => `${where}: ${s}`));
      assert.deepEqual(found, [], 'no secret anywhere');
    } finally {
      endLeftovers(snapshot);
      await server.close();
    }
  });
});
