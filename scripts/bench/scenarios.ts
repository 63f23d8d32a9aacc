// What is measured, and which figure each target applies to (README, "Performance"):
// unwatched ≤ 1.3× direct; watched (through the compiled front) ≤ 1.6× direct, goal 1.3×.
import { REAL_GO, SHIM_GO } from '../../test/helpers/shim';
import type { Fixtures } from './fixtures';
import type { Command } from './timing';

export interface Variant {
  id: string;
  scenario: string;
  label: string;
  cmd: Command;
  /** Watched through the shim: each run must leave one journal file. */
  recorded?: boolean;
}

/** slowdown: median(variant) / median(direct). */
export interface Figure {
  variant: string;
  kind: 'slowdown';
  direct: string;
  target: number | null; // null: shown for reference, no pass/fail
  /** Shown beside the target, not judged. */
  goal?: number;
}

export interface Group {
  title: string;
  warmup: number;
  rounds: number;
  variants: Variant[];
  figures: Figure[];
}

export function groups(fx: Fixtures, scale: number): Group[] {
  const at = (file: string, args: string[]): Command => ({ file, args, cwd: fx.app, env: fx.env });
  const rounds = (n: number) => Math.max(5, Math.round(n * scale));

  const unwatched: Group = {
    title: 'Unwatched calls (sh exec only)',
    warmup: 20,
    rounds: rounds(400),
    variants: [{ id: 'true', scenario: 'harness floor', label: '/bin/true', cmd: at('/bin/true', []) }],
    figures: [],
  };
  for (const args of [['version'], ['env', 'GOPATH']]) {
    const name = `go ${args.join(' ')}`;
    unwatched.variants.push(
      { id: `${name}/direct`, scenario: name, label: 'direct go', cmd: at(REAL_GO, args) },
      { id: `${name}/shim`, scenario: name, label: 'shim', cmd: at(SHIM_GO, args) },
      // The least any sh shim can cost: dash starting and exec'ing go, nothing else.
      { id: `${name}/floor`, scenario: name, label: "floor: sh -c 'exec go'", cmd: at('/bin/sh', ['-c', 'exec "$0" "$@"', REAL_GO, ...args]) },
    );
    unwatched.figures.push(
      { variant: `${name}/shim`, kind: 'slowdown', direct: `${name}/direct`, target: 1.3 },
      { variant: `${name}/floor`, kind: 'slowdown', direct: `${name}/direct`, target: null },
    );
  }

  const watched: Group = {
    title: 'Watched calls (sh → compiled front → go), vs direct go',
    warmup: 5,
    rounds: rounds(150),
    variants: [],
    figures: [],
  };
  for (const args of [
    ['list', '-m'],
    ['mod', 'tidy'],
    ['build', '-o', '/dev/null', '.'],
  ]) {
    const name = `go ${args.join(' ')}`;
    watched.variants.push(
      { id: `${name}/direct`, scenario: name, label: 'direct go', cmd: at(REAL_GO, args) },
      { id: `${name}/shim`, scenario: name, label: 'shim', cmd: at(SHIM_GO, args), recorded: true },
    );
    watched.figures.push({ variant: `${name}/shim`, kind: 'slowdown', direct: `${name}/direct`, target: 1.6, goal: 1.3 });
  }
  return [unwatched, watched];
}
