// Timing real processes: one spawnSync per sample, wall clock from process.hrtime.
// Variants run round-robin (rotating the order each round) so machine noise, page
// cache and CPU frequency changes hit every variant alike.
import { spawnSync } from 'node:child_process';

export interface Command {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Timed {
  id: string;
  cmd: Command;
}

function show(cmd: Command): string {
  return [cmd.file, ...cmd.args].join(' ');
}

/** Runs once with pipes and checks the exit status: returns stdout, throws with stderr. */
export function checkOnce(cmd: Command): string {
  const r = spawnSync(cmd.file, cmd.args, { cwd: cmd.cwd, env: cmd.env, encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`bench: ${show(cmd)} failed (status ${r.status}, ${r.error?.message ?? r.signal ?? ''}):\n${r.stderr}`);
  }
  return r.stdout;
}

/** Wall time of one run in ms. Output goes to /dev/null: terminals and pipes are not what we measure. */
export function timeOnce(cmd: Command): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.file, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: 'ignore', timeout: 60_000 });
  const t1 = process.hrtime.bigint();
  if (r.error || r.status !== 0) checkOnce(cmd); // rerun to throw with go's stderr
  return Number(t1 - t0) / 1e6;
}

/**
 * warmup + rounds rounds; each round runs every variant once. Returns, per id, one
 * sample per measured round, in round order (so per-round ratios can be paired).
 */
export function interleave(variants: readonly Timed[], warmup: number, rounds: number): Map<string, number[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.id, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length];
      const ms = timeOnce(v.cmd);
      if (round >= warmup) samples.get(v.id)!.push(ms);
    }
  }
  return samples;
}
