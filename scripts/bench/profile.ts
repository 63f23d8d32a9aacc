// Where the shim's time goes: the watched and unwatched paths taken apart, each part
// timed as its own real process, round-robin like the bench, plus an in-process
// timeline of the supervisor. Not part of npm run bench (it is slower and for digging):
//   npm run build && node build/scripts/bench/profile.js [--quick]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REAL_GO, REPO, SHIM_DIR, SHIM_GO } from '../../test/helpers/shim';
import { setUp } from './fixtures';
import { groupTable } from './report';
import type { Group, Variant } from './scenarios';
import { summarize } from './stats';
import { timeline, writePreload } from './timeline';
import { checkOnce, interleave, type Command } from './timing';
import { patchedShim, WHAT_IFS } from './whatif';

process.once('SIGINT', () => process.exit(130));

const SUPERVISOR = path.join(REPO, 'dist', 'supervisor.js');

async function main(): Promise<void> {
  const scale = process.argv.includes('--quick') ? 0.2 : 1;
  const fx = await setUp(false);
  const at = (file: string, args: string[], env = fx.env): Command => ({ file, args, cwd: fx.app, env });
  const whatIfs = Object.entries(WHAT_IFS).map(([name, patches]) => ({ name, go: patchedShim(fx.dir, name, patches) }));

  // The watched path's sh part alone: a "node" that is /bin/true ends the run at the exec.
  const fakeBin = path.join(fx.dir, 'fake-node-bin');
  fs.mkdirSync(fakeBin);
  fs.symlinkSync('/bin/true', path.join(fakeBin, 'node'));
  const shOnlyEnv = { ...fx.env, PATH: `${SHIM_DIR}:${fakeBin}:${fx.env.PATH!.split(':').slice(1).join(':')}` };
  const caCerts = process.env.NODE_EXTRA_CA_CERTS;

  const unwatched: Group = {
    title: 'Unwatched path, go version',
    warmup: 20,
    rounds: Math.round(200 * scale),
    variants: [
      { id: 'true', scenario: 'harness', label: '/bin/true', cmd: at('/bin/true', []) },
      { id: 'direct', scenario: 'go version', label: 'direct go', cmd: at(REAL_GO, ['version']) },
      { id: 'sh', scenario: '', label: "sh -c 'exec go'", cmd: at('/bin/sh', ['-c', 'exec "$0" "$@"', REAL_GO, 'version']) },
      { id: 'shim', scenario: '', label: 'shim', cmd: at(SHIM_GO, ['version']) },
      ...whatIfs.filter((w) => w.go).map((w): Variant => ({ id: w.name, scenario: '', label: `what if: ${w.name}`, cmd: at(w.go!, ['version']) })),
    ],
    figures: [],
  };
  for (const v of unwatched.variants.slice(2)) unwatched.figures.push({ variant: v.id, kind: 'slowdown', direct: 'direct', target: v.id === 'sh' ? null : 1.3 });

  const list = ['list', '-m'];
  const watched: Group = {
    title: 'Watched path, go list -m',
    warmup: 3,
    rounds: Math.round(60 * scale),
    variants: [
      { id: 'true', scenario: 'harness', label: '/bin/true', cmd: at('/bin/true', []) },
      { id: 'node', scenario: 'node start', label: 'node -e 0', cmd: at(fx.node, ['-e', '0']) },
      ...(caCerts ? [{ id: 'node+ca', scenario: '', label: 'node -e 0, NODE_EXTRA_CA_CERTS', cmd: at(fx.node, ['-e', '0'], { ...fx.env, NODE_EXTRA_CA_CERTS: caCerts }) }] : []),
      { id: 'node+crypto', scenario: '', label: "node -e require('crypto')", cmd: at(fx.node, ['-e', "require('node:crypto').randomUUID()"]) },
      { id: 'direct', scenario: 'go list -m', label: 'direct go', cmd: at(REAL_GO, list) },
      { id: 'sh-part', scenario: '', label: 'shim, node = /bin/true', cmd: at(SHIM_GO, list, shOnlyEnv) },
      { id: 'node-floor', scenario: '', label: 'node floor.js go', cmd: at(fx.node, [path.join(fx.dir, 'floor.js'), REAL_GO, ...list]) },
      { id: 'node-supervisor', scenario: '', label: 'node supervisor.js go', cmd: at(fx.node, [SUPERVISOR, REAL_GO, ...list]) },
      { id: 'floor', scenario: '', label: 'floor: sh→node→go', cmd: at(fx.floorGo, list) },
      { id: 'shim', scenario: '', label: 'shim', cmd: at(SHIM_GO, list) },
      ...whatIfs.filter((w) => w.go).map((w): Variant => ({ id: w.name, scenario: '', label: `what if: ${w.name}`, cmd: at(w.go!, list) })),
    ],
    figures: [],
  };
  for (const id of ['node-floor', 'node-supervisor', 'floor', 'shim', ...whatIfs.map((w) => w.name)]) {
    if (watched.variants.some((v) => v.id === id)) watched.figures.push({ variant: id, kind: 'overhead', direct: 'direct', base: 'node', target: id.startsWith('shim') || WHAT_IFS[id] ? 1.15 : null });
  }

  const medians = new Map<string, number>();
  for (const group of [unwatched, watched]) {
    for (const v of group.variants) checkOnce(v.cmd);
    process.stderr.write(`profile: ${group.title}: ${group.rounds} rounds × ${group.variants.length} variants…\n`);
    const samples = interleave(group.variants, group.warmup, group.rounds);
    for (const [id, xs] of samples) medians.set(`${group.title}/${id}`, summarize(xs).median);
    console.log(`\n${group.title} — ${group.rounds} rounds`);
    console.log(groupTable(group, samples).text);
  }

  const u = (id: string) => medians.get(`${unwatched.title}/${id}`) ?? NaN;
  const w = (id: string) => medians.get(`${watched.title}/${id}`) ?? NaN;
  const line = (label: string, ms: number) => console.log(`  ${label.padEnd(60)} ${ms.toFixed(2).padStart(6)} ms`);
  console.log('\nBreakdown (differences of medians above)');
  line("unwatched: bare sh exec (sh -c 'exec go' − go)", u('sh') - u('direct'));
  line('unwatched: shim sh part (shim − go)', u('shim') - u('direct'));
  for (const wi of whatIfs) if (wi.go) line(`unwatched: shim sh part, what if ${wi.name}`, u(wi.name) - u('direct'));
  line('watched: sh part up to exec node (shim with node=/bin/true − /bin/true)', w('sh-part') - w('true'));
  line('watched: node start (node -e 0 − /bin/true)', w('node') - w('true'));
  if (caCerts) line('watched: NODE_EXTRA_CA_CERTS on a node start', w('node+ca') - w('node'));
  line("watched: loading node:crypto + randomUUID (on the way to spawn)", w('node+crypto') - w('node'));
  line('watched: a minimal node spawner over go (node floor.js − go)', w('node-floor') - w('direct'));
  line('watched: supervisor JS over that minimal spawner', w('node-supervisor') - w('node-floor'));
  line('watched: shim over node supervisor.js (the sh part, measured end to end)', w('shim') - w('node-supervisor'));
  line('watched: shim over floor (everything that is ours)', w('shim') - w('floor'));

  const preload = writePreload(fx.dir);
  const n = Math.max(10, Math.round(40 * scale));
  console.log(`\nInside node supervisor.js go list -m (medians of ${n} runs, ms since process start):`);
  for (const l of timeline(preload, fx.node, SUPERVISOR, at(REAL_GO, list), n)) console.log(l);
  console.log(`\nInside node floor.js go list -m, for comparison:`);
  for (const l of timeline(preload, fx.node, path.join(fx.dir, 'floor.js'), at(REAL_GO, list), n)) console.log(l);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
