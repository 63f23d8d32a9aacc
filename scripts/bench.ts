// npm run bench: the performance targets of the go shim (README, "Performance"), measured side
// by side in one run against the real go (see scripts/bench/*). A measurement, not a test:
// it exits 0 even when a target fails, and says FAIL plainly.
//   node build/scripts/bench.js [--quick] [--keep-node-env]
//   --quick: a fifth of the rounds, for trying things
//   --keep-node-env: keep NODE_OPTIONS / NODE_EXTRA_CA_CERTS from the calling environment
//   --only-hangs: only the hang figures (detection latency, idle CPU)
import * as os from 'node:os';
import { REAL_GO, SHIM_GO } from '../test/helpers/shim';
import { cpuFigure } from './bench/cpu';
import { NODE_START_SETTINGS, recordedRuns, setUp } from './bench/fixtures';
import { hangFigures } from './bench/hang';
import { type FigureResult, groupTable } from './bench/report';
import { groups } from './bench/scenarios';
import { checkOnce, interleave } from './bench/timing';

// tempDir() cleans up on 'exit'; turn Ctrl-C into one. spawnSync's child gets the same SIGINT.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A count read until two reads a second apart agree (at most 30 s). */
async function settledCount(read: () => number): Promise<number> {
  let last = read();
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const scale = process.argv.includes('--quick') ? 0.2 : 1;
  const keepNodeEnv = process.argv.includes('--keep-node-env');
  const fx = await setUp(keepNodeEnv);
  const all = process.argv.includes('--only-hangs') ? [] : groups(fx, scale);

  console.log('gomod-shim bench (README, "Performance")');
  console.log(`  shim     ${SHIM_GO}`);
  console.log(`  real go  ${REAL_GO}: ${checkOnce({ file: REAL_GO, args: ['version'], cwd: fx.app, env: fx.env }).trim()}`);
  console.log(`  node     ${fx.node} ${checkOnce({ file: fx.node, args: ['--version'], cwd: fx.app, env: fx.env }).trim()}`);
  const dropped = NODE_START_SETTINGS.filter((k) => process.env[k] !== undefined);
  if (dropped.length > 0) {
    console.log(
      `  env      ${dropped.join(', ')} ${keepNodeEnv ? 'kept (--keep-node-env)' : 'removed: they change every node start (--keep-node-env keeps them)'}`,
    );
  }
  console.log(`  machine  ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, load ${load()}`);
  console.log('  method   spawnSync per sample, hrtime wall clock, variants round-robin with rotating order;');
  console.log('           ratio = median(shim) / median(direct)');

  const results: FigureResult[] = [];
  for (const group of all) {
    for (const v of group.variants) checkOnce(v.cmd); // every variant works before it is timed
    const before = recordedRuns(fx);
    process.stderr.write(`bench: ${group.title}: ${group.warmup} warm-up + ${group.rounds} rounds × ${group.variants.length} variants…\n`);
    const t0 = process.hrtime.bigint();
    const samples = interleave(group.variants, group.warmup, group.rounds);
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const table = groupTable(group, samples);
    results.push(...table.results);

    console.log(`\n${group.title} — ${group.rounds} rounds (+${group.warmup} warm-up), ${secs.toFixed(1)} s`);
    console.log(table.text);
    // The record proves which runs the shim watched (one journal, later one row, per watched run).
    // A fold started by the last runs may still be under way: wait for the count to settle.
    const recorded = group.variants.filter((v) => v.recorded).length * (group.warmup + group.rounds);
    const got = await settledCount(() => recordedRuns(fx) - before);
    console.log(`record: ${got} runs recorded, ${recorded} expected${got === recorded ? '' : '  ** MISMATCH **'}`);
  }

  const cpu = all.length > 0 ? cpuFigure(fx, scale) : null;
  if (cpu) console.log(`\n${cpu.text}`);
  process.stderr.write('bench: hangs: real hangs on a silent loopback proxy, then an idle window…\n');
  const hangs = await hangFigures(fx, scale);
  console.log(`\n${hangs.text}`);
  const judged = results.filter((r) => r.pass !== null);
  const failed = [
    ...judged.filter((r) => r.pass === false).map((r) => r.figure.variant),
    ...(cpu && !cpu.pass ? ['CPU of a short watched call'] : []),
    ...hangs.failed,
  ];
  const total = judged.length + (cpu ? 1 : 0) + hangs.passed + hangs.failed.length;
  console.log(`\n${total - failed.length}/${total} targets PASS${failed.length ? `; FAIL: ${failed.join(', ')}` : ''}`);
  console.log(`load ${load()}; total ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
