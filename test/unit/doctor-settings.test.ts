// doctor's go env check: Go's own defaults (built in, or from $GOROOT/go.env as a distribution
// ships it) are never a warning; a proxy list the user set with "," is.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { DoctorContext } from '../../src/doctor/check';
import { settingsCheck } from '../../src/doctor/checks/settings';
import { goDefaults, isGoDefault, parseGoEnvFile } from '../../src/doctor/go-defaults';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'go-env', 'go1.26-local-toolchain.env');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-goroot-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** A GOROOT holding only a go.env with `text` (or none). */
function goroot(name: string, text: string | null): string {
  const root = path.join(dir, name);
  fs.mkdirSync(root, { recursive: true });
  if (text !== null) fs.writeFileSync(path.join(root, 'go.env'), text);
  return root;
}

const ctx = (goEnv: Record<string, string>, env: NodeJS.ProcessEnv = {}): DoctorContext => ({
  env,
  cwd: dir,
  probeTimeoutMs: 1000,
  goEnv,
  realGo: '/usr/local/go/bin/go',
});

async function verdict(goEnv: Record<string, string>) {
  const r = await settingsCheck(ctx(goEnv));
  assert.ok(!Array.isArray(r));
  return r;
}

test('parseGoEnvFile: a go.env as Go ships it (comments, blank lines, KEY=VALUE)', () => {
  assert.deepEqual(parseGoEnvFile(fs.readFileSync(FIXTURE, 'utf8')), {
    GOPROXY: 'https://proxy.golang.org,direct',
    GOSUMDB: 'sum.golang.org',
    GOTOOLCHAIN: 'local',
  });
});

test('goDefaults: go.env overrides the built-in defaults; without one, the built-in ones hold', () => {
  const debianLike = goroot('debian', 'GOTOOLCHAIN=local\nGOPROXY=direct\n');
  assert.equal(goDefaults(debianLike).GOTOOLCHAIN, 'local');
  assert.equal(goDefaults(debianLike).GOPROXY, 'direct');
  assert.equal(goDefaults(goroot('bare', null)).GOTOOLCHAIN, 'auto');
  assert.equal(goDefaults(undefined).GOTELEMETRY, 'local');
  assert.equal(isGoDefault('GOPROXY', '', goDefaults(undefined)), true, 'an empty value is go falling back to its default');
  assert.equal(isGoDefault('GOPROXY', 'https://corp.example', goDefaults(undefined)), false);
});

test("Go's defaults pass: GOPROXY=https://proxy.golang.org,direct, GOSUMDB, GOTOOLCHAIN=auto, telemetry", async () => {
  const defaults = {
    GOROOT: goroot('upstream', null),
    GOPROXY: 'https://proxy.golang.org,direct',
    GOSUMDB: 'sum.golang.org',
    GOTOOLCHAIN: 'auto',
    GOTELEMETRY: 'local',
    GOFLAGS: '',
  };
  const r = await verdict(defaults);
  assert.equal(r.status, 'pass', r.detail);
  assert.equal(r.fix, undefined);
  assert.match(r.detail, /^GOPROXY=https:\/\/proxy\.golang\.org,direct GOSUMDB=sum\.golang\.org GOFLAGS="" GOTOOLCHAIN=auto$/);
  // A distribution's own default (its go.env) is a default too.
  const distro = goroot('distro', 'GOPROXY=https://mirror.example/go,direct\nGOTOOLCHAIN=local\n');
  assert.equal((await verdict({ GOROOT: distro, GOPROXY: 'https://mirror.example/go,direct', GOTOOLCHAIN: 'local' })).status, 'pass');
});

test('a "," proxy list the user set: a warning, with the "|" fix', async () => {
  const r = await verdict({ GOROOT: goroot('upstream2', null), GOPROXY: 'https://corp.example/go,https://proxy.golang.org,direct' });
  assert.equal(r.status, 'warn');
  assert.match(r.detail, /"," falls back only on 404\/410/);
  assert.equal(r.fix, 'consider "|" between proxies');
  // The same list as the go.env default: no warning.
  const shipped = goroot('shipped', 'GOPROXY=https://corp.example/go,https://proxy.golang.org,direct\n');
  assert.equal((await verdict({ GOROOT: shipped, GOPROXY: 'https://corp.example/go,https://proxy.golang.org,direct' })).status, 'pass');
});
