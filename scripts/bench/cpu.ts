// CPU of a short watched call: user + system time of everything a `go list -m` starts, through the
// shim and direct, from the shell's `times` (children's totals) over a batch of calls. The target:
// ≤ 1.3× direct — no Node.js starts for a run that ends within a second.
import { spawnSync } from 'node:child_process';
import { REAL_GO, SHIM_GO } from '../../test/helpers/shim';
import type { Fixtures } from './fixtures';

const TARGET = 1.3;

/** Children's CPU seconds (user + system) of `calls` runs of cmd, from sh's `times`. */
function batchCpuMs(fx: Fixtures, file: string, args: string[], calls: number): number {
  const script = `i=0; while [ $i -lt ${calls} ]; do "$@" >/dev/null 2>&1; i=$((i+1)); done; times`;
  const r = spawnSync('/bin/sh', ['-c', script, 'sh', file, ...args], { cwd: fx.app, env: fx.env, encoding: 'utf8' });
  // `times` prints the shell's own line, then its children's: "0m1.230s 0m0.450s".
  const children = r.stdout.trim().split('\n').pop() ?? '';
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (secs.length !== 2) throw new Error(`bench: could not read times output: ${r.stdout}`);
  return (secs[0] + secs[1]) * 1000;
}

export function cpuFigure(fx: Fixtures, scale: number): { text: string; pass: boolean } {
  const calls = Math.max(20, Math.round(200 * scale));
  const args = ['list', '-m'];
  // Alternate batches so that both meet the same machine.
  const direct: number[] = [];
  const shim: number[] = [];
  for (let i = 0; i < 4; i++) {
    direct.push(batchCpuMs(fx, REAL_GO, args, calls / 4));
    shim.push(batchCpuMs(fx, SHIM_GO, args, calls / 4));
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const perCall = (xs: number[]) => sum(xs) / calls;
  const ratio = sum(shim) / sum(direct);
  const pass = ratio <= TARGET;
  const text = [
    `CPU of a short watched call — go ${args.join(' ')}, ${calls} calls each way (user + system of every process started)`,
    `  direct go  ${perCall(direct).toFixed(2)} ms per call`,
    `  shim       ${perCall(shim).toFixed(2)} ms per call   ${ratio.toFixed(2)}×   target ≤ ${TARGET}×   ${pass ? 'PASS' : '** FAIL **'}`,
  ].join('\n');
  return { text, pass };
}
