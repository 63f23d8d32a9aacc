// The README's main command: `gomod-shim demo` hangs for real on loopback, shows the
// snapshot, and leaves nothing behind.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { test } from 'node:test';
import { historyJson, runCli, tempDir, testEnv } from '../helpers/shim';

const demoFolders = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('gomod-shim-demo-'));

/** Processes whose working directory is a demo folder: what the demo started and left. */
function processesInDemoFolders(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .filter((pid) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/cwd`).includes('/gomod-shim-demo-');
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('gomod-shim demo: a real hang caught, explained, recorded; nothing left', { timeout: 90_000 }, async () => {
  const home = tempDir();
  const env = testEnv(home, { GOPROXY: undefined, GOSUMDB: undefined });
  const before = new Set(demoFolders());
  const r = await runCli(['demo', '--hang-after', '2s'], { cwd: home, env, timeoutMs: 60_000 });
  const out = r.stdout.toString();
  assert.equal(r.code, 0, `${out}\n${r.stderr}`);
  assert.match(
    out,
    /^gomod-shim: go mod download: GOPROXY http:\/\/127\.0\.0\.1:\d+ accepted the connection but has not answered for [\d.]+s; saved as #1 \(gomod-shim show 1\)$/m,
  );
  assert.match(out, /the shim exited 124/);
  assert.match(out, /^Hung: proxy-unresponsive — /m);
  assert.match(out, /^Network probe$/m);
  assert.match(out, /cmd\/go\/internal\/modfetch|net\/http\.\(\*persistConn\)\.roundTrip/);
  const [run] = await historyJson(env);
  assert.equal(run.hung, true);
  assert.equal(run.cause, 'proxy-unresponsive');
  assert.deepEqual(
    demoFolders().filter((n) => !before.has(n)),
    [],
    'its temporary folder is gone',
  );
  assert.deepEqual(processesInDemoFolders(), [], 'nothing it started is running');
});
