// Issue 9, strict CLI input (docs/contract.md, "History": exit codes): numbers in decimal only,
// ranges checked, extra arguments refused — exit 2, one line, a pointer to --help, never a stack
// trace. Control characters from a record are shown escaped in text output; one warning line for
// any number of bad settings; GOMODSHIM_DISABLE's words.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { shimWarnings } from '../helpers/compare';
import { runCli, runRealGo, runShim, testEnv, writeModule } from '../helpers/shim';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-cli-input-'));
process.once('exit', () => fs.rmSync(ROOT, { recursive: true, force: true }));
const scratch = (prefix: string) => fs.mkdtempSync(path.join(ROOT, prefix));
const BOUND_MS = 30_000;

describe('strict CLI input', { concurrency: true }, () => {
  test('bad numbers, ranges and extra arguments: exit 2, one line with a pointer to --help', async () => {
    const env = testEnv(scratch('usage-'));
    const bad = [
      ['show', '0x1'],
      ['show', '+1'],
      ['show', '1e3'],
      ['show', '0'],
      ['show', '1', '2'],
      ['show', '99999999999999999999'],
      ['history', '--limit', ' 3'],
      ['history', '--limit', '0x10'],
      ['history', '--limit', String(2n ** 53n)],
      ['history', '--limit', String(2n ** 63n + 5n)],
      ['history', '--since', '99999999999w'],
      ['history', '--since', '9999999999999999h'],
      ['history', 'extra'],
      ['stats', '--since', '99999999999w'],
      ['prune', '--older-than', '99999999999w'],
      ['prune', '--older-than', '99999999999999999999d'],
      ['config', 'extra'],
      ['doctor', 'now'],
      ['completion', 'bash', 'zsh'],
    ];
    await Promise.all(
      bad.map(async (args) => {
        const r = await runCli(args, { env, timeoutMs: BOUND_MS });
        const what = `gomod-shim ${args.join(' ')}`;
        assert.equal(r.code, 2, `${what}: ${r.stderr}`);
        assert.equal(r.stdout.length, 0, what);
        assert.match(r.stderr.toString(), /^gomod-shim: [^\n]+ \(see gomod-shim [a-z]+ --help\)\n$/, what);
      }),
    );
    const ok = await runCli(['history', '--limit', String(2 ** 53 - 1)], { env, timeoutMs: BOUND_MS });
    assert.equal(ok.code, 0, `the largest safe limit is fine: ${ok.stderr}`);
  });

  test('control characters from a record are escaped in text output, kept exact in JSON', async () => {
    const dir = scratch('control-');
    const env = testEnv(dir, { GOMODSHIM_WATCH: 'all' });
    const evil = 'example.com/\x1b]0;pwned\x07\x1b[8mhidden\r';
    const mod = writeModule(path.join(dir, 'mod'), {
      'go.mod': `module "${evil.replace(/[\x00-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"\n`,
    });
    // go itself reports the bad module path; what counts is how we print what was recorded.
    const arg = 'tag\x1b[2J\x9b31m';
    await runShim(['list', '-m', arg], { cwd: mod, env, timeoutMs: BOUND_MS });
    const text = await runCli(['history', '--all'], { env, timeoutMs: BOUND_MS });
    assert.equal(text.code, 0, text.stderr.toString());
    const out = text.stdout.toString();
    assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/u, `raw control characters in ${JSON.stringify(out)}`);
    assert.ok(out.includes('\\x1b[2J') && out.includes('\\x9b31m'), out);
    const json = JSON.parse((await runCli(['history', '--all', '--json'], { env, timeoutMs: BOUND_MS })).stdout.toString()) as { id: number; argv: string[] }[];
    assert.ok(json[0].argv.includes(arg), 'JSON keeps the exact argument');
    const shown = (await runCli(['show', String(json[0].id)], { env, timeoutMs: BOUND_MS })).stdout.toString();
    assert.doesNotMatch(shown, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/u);
  });

  test('three bad settings: one warning line for the run, one for the command; go unchanged', async () => {
    const dir = scratch('settings-');
    const mod = writeModule(path.join(dir, 'mod'), { 'go.mod': 'module example.com/settings/m\n\ngo 1.21\n' });
    const env = testEnv(dir, { GOMODSHIM_ON_HANG: 'loud', GOMODSHIM_PROBE_TIMEOUT: 'soon', GOMODSHIM_DISABLE: 'maybe', GOMODSHIM_HANG_AFTER: 'never' });
    const [shim, real] = await Promise.all([
      runShim(['list', '-m'], { cwd: mod, env, timeoutMs: BOUND_MS }),
      runRealGo(['list', '-m'], { cwd: mod, env, timeoutMs: BOUND_MS }),
    ]);
    assert.equal(shimWarnings(shim.stderr).length, 1, shim.stderr.toString());
    assert.equal(shim.code, real.code);
    assert.ok(shim.stdout.equals(real.stdout));
    const config = await runCli(['config'], { env, timeoutMs: BOUND_MS });
    const lines = config.stderr.toString().split('\n').filter(Boolean);
    assert.equal(lines.length, 1, config.stderr.toString());
    for (const name of ['GOMODSHIM_ON_HANG', 'GOMODSHIM_PROBE_TIMEOUT', 'GOMODSHIM_DISABLE', 'GOMODSHIM_HANG_AFTER']) assert.ok(lines[0].includes(name), name);
  });

  test('GOMODSHIM_DISABLE: 1/true/yes/on turn the shim off, 0/false/no/off/empty do not', async () => {
    const dir = scratch('disable-');
    const mod = writeModule(path.join(dir, 'mod'), { 'go.mod': 'module example.com/disable/m\n\ngo 1.21\n' });
    const cases: [string, boolean][] = [
      ['1', true],
      ['true', true],
      ['YES', true],
      ['on', true],
      ['0', false],
      ['false', false],
      ['no', false],
      ['off', false],
      ['', false],
    ];
    for (const [value, disabled] of cases) {
      const env = testEnv(scratch('disable-db-'), { GOMODSHIM_DISABLE: value });
      const r = await runShim(['list', '-m'], { cwd: mod, env, timeoutMs: BOUND_MS });
      assert.equal(r.code, 0);
      assert.deepEqual(shimWarnings(r.stderr), [], value);
      const recorded = fs.existsSync(`${env.GOMODSHIM_DB}-spool`) || fs.existsSync(env.GOMODSHIM_DB as string);
      assert.equal(recorded, !disabled, `GOMODSHIM_DISABLE=${value}`);
      const config = JSON.parse((await runCli(['config', '--json'], { env, timeoutMs: BOUND_MS })).stdout.toString()) as {
        settings: { disable: { value: string } };
      };
      assert.equal(config.settings.disable.value, disabled ? 'yes' : 'no', value);
    }
  });
});
