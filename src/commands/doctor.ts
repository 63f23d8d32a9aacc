// `gomod-shim doctor`: the manual checklist of docs/causes.md, live, bounded to about 15 s.
import { loadConfig } from '../config';
import type { Check, CheckResult, DoctorContext } from '../doctor/check';
import { historyCheck } from '../doctor/checks/history';
import { lockWaitsCheck } from '../doctor/checks/lock-waits';
import { modcacheCheck } from '../doctor/checks/modcache';
import { networkCheck } from '../doctor/checks/network';
import { pathCheck } from '../doctor/checks/path';
import { privateDepsCheck } from '../doctor/checks/private-deps';
import { realGoCheck } from '../doctor/checks/real-go';
import { settingsCheck } from '../doctor/checks/settings';
import { findRealGo } from '../doctor/find-go';
import { redactDeep } from '../redact';
import { readGoEnv } from '../snapshot/go-env';
import { printableLine } from '../ui/printable';
import { styleFor } from '../ui/style';
import { within } from '../within';
import type { Command } from './command';

const CHECKS: readonly [string, Check][] = [
  ['shim first on PATH', pathCheck],
  ['real go', realGoCheck],
  ['go env', settingsCheck],
  ['network', networkCheck],
  ['private modules', privateDepsCheck],
  ['module cache', modcacheCheck],
  ['lock waits', lockWaitsCheck],
  ['history', historyCheck],
];
const GO_ENV_TIMEOUT_MS = 5000;
const PROBE_STEP_MAX_MS = 2000; // four steps at most: the probe stays under ~8 s
const CHECK_DEADLINE_MS = 12_000;

async function withDeadline(name: string, work: Promise<CheckResult | CheckResult[]>): Promise<CheckResult[]> {
  const done = work.then(
    (r) => (Array.isArray(r) ? r : [r]),
    (err: Error) => [{ name, status: 'fail' as const, detail: `the check failed: ${err.message}` }],
  );
  const result = await within(done, CHECK_DEADLINE_MS);
  return result === 'late' ? [{ name, status: 'warn', detail: `did not finish within ${CHECK_DEADLINE_MS / 1000}s` }] : result;
}

export const doctor: Command = {
  name: 'doctor',
  summary: 'check PATH, go, proxies, checksum database, module cache, locks and history now',
  usage: 'gomod-shim doctor [--json]',
  flags: { boolean: ['json'] },
  async run(args, ctx) {
    const { config } = loadConfig(ctx.env);
    const realGo = findRealGo(ctx.env);
    const goEnv = realGo ? (await readGoEnv(realGo, ctx.env, process.cwd(), GO_ENV_TIMEOUT_MS)).values : null;
    const dctx: DoctorContext = { env: ctx.env, cwd: process.cwd(), probeTimeoutMs: Math.min(config.probeTimeoutMs, PROBE_STEP_MAX_MS), goEnv, realGo };
    // Checks quote settings, URLs and command lines: redacted like every other output.
    const results = redactDeep((await Promise.all(CHECKS.map(([name, check]) => withDeadline(name, check(dctx))))).flat());
    const failed = results.filter((r) => r.status === 'fail').length;

    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ ok: failed === 0, checks: results }, null, 2)}\n`);
      return failed === 0 ? 0 : 1;
    }
    const style = styleFor(ctx.stdout, ctx.env);
    const mark = { pass: style.green('✓'), warn: style.yellow('!'), fail: style.red('✗') };
    const width = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      ctx.stdout.write(`${mark[r.status]} ${r.name.padEnd(width)}  ${printableLine(r.detail)}\n`);
      if (r.fix && r.status !== 'pass') ctx.stdout.write(`  ${' '.repeat(width)}  ${style.dim('fix:')} ${printableLine(r.fix)}\n`);
    }
    const warned = results.filter((r) => r.status === 'warn').length;
    ctx.stdout.write(`\n${results.length - failed - warned} passed, ${warned} warnings, ${failed} failed\n`);
    return failed === 0 ? 0 : 1;
  },
};
