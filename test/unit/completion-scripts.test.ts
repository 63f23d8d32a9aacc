// The completion scripts as generated from a command registry: the real one, plus a command
// the generators have never heard of, to show that new commands and flags need no change there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CAUSES } from '../../src/causes';
import type { Command } from '../../src/commands/command';
import { COMMANDS } from '../../src/commands/registry';
import { completionScript } from '../../src/completion/script';
import { completionSpec } from '../../src/completion/spec';
import { bashComplete } from '../helpers/bash-completion';

/** A command added after the generators were written, with every kind of flag. */
const tally: Command = {
  name: 'tally',
  summary: 'hangs counted by cause',
  usage: 'gomod-shim tally [--json] [--cause LABEL] [--out FILE] [--top N]\n\n  --out FILE  write the table to FILE',
  flags: { boolean: ['json'], string: ['cause', 'out'], number: ['top'], alias: { top: ['n', 'limit-rows'] } },
  run: () => 0,
};
const REGISTRY = [...COMMANDS, tally];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-completion-'));
process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const scriptFile = (shell: 'bash' | 'zsh' | 'fish') => {
  const file = path.join(dir, `gomod-shim.${shell}`);
  fs.writeFileSync(file, completionScript(shell, REGISTRY));
  return file;
};
const hasShell = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

// A folder to complete file names in, and no history anywhere.
const cwd = path.join(dir, 'work');
fs.mkdirSync(path.join(cwd, 'sub dir'), { recursive: true });
fs.writeFileSync(path.join(cwd, 'a file.txt'), '');
const env = { PATH: process.env.PATH, HOME: dir, GOMODSHIM_DB: path.join(dir, 'no-history', 'history.db') };

function complete(...words: string[]): string[] {
  const r = bashComplete(words, { env, setup: `cd ${JSON.stringify(cwd)} && . ${JSON.stringify(scriptFile('bash'))}` });
  assert.equal(r.stderr, '', `stderr completing ${words.join(' ')}`);
  return r.candidates;
}

test('the spec: every registered command, its declared flags, --no-X for booleans on by default, --help everywhere', () => {
  const spec = completionSpec(COMMANDS);
  assert.deepEqual(spec.commands.map((c) => c.name), COMMANDS.map((c) => c.name));
  const flags = (name: string) => spec.commands.find((c) => c.name === name)!.flags.map((f) => f.name);
  assert.deepEqual(flags('history'), ['all', 'json', 'since', 'cwd', 'module', 'cause', 'caller', 'limit', 'help']);
  assert.deepEqual(flags('install'), ['dry-run', 'no-rc', 'no-completion', 'help']);
  const cause = spec.commands.find((c) => c.name === 'history')!.flags.find((f) => f.name === 'cause')!;
  assert.deepEqual(cause.value, { kind: 'words', label: 'cause', words: CAUSES });
  assert.equal(spec.commands.find((c) => c.name === 'install')!.flags[0]!.description, 'print what would change, change nothing');
  assert.equal(spec.commands.find((c) => c.name === 'show')!.args.kind, 'run-ids');
});

test('a new command is completed from its declaration: long aliases, values by flag name, files otherwise', () => {
  const spec = completionSpec([tally]).commands[0]!;
  assert.deepEqual(
    spec.flags.map((f) => [f.name, f.value?.kind]),
    [['json', undefined], ['top', 'none'], ['limit-rows', 'none'], ['cause', 'words'], ['out', 'files'], ['help', undefined]],
  );
  assert.equal(spec.flags.find((f) => f.name === 'out')!.description, 'write the table to FILE');
});

test('bash: subcommands, global flags, and each command\'s flags', () => {
  assert.deepEqual(complete('gomod-shim', ''), [...COMMANDS.map((c) => c.name), 'tally']);
  assert.deepEqual(complete('gomod-shim', 'h'), ['history']);
  assert.deepEqual(complete('gomod-shim', '--'), ['--help', '--version']);
  assert.deepEqual(complete('gomod-shim', 'history', '--'), ['--all', '--json', '--since', '--cwd', '--module', '--cause', '--caller', '--limit', '--help']);
  assert.deepEqual(complete('gomod-shim', 'install', '--no'), ['--no-rc', '--no-completion']);
  assert.deepEqual(complete('gomod-shim', 'tally', '--'), ['--json', '--top', '--limit-rows', '--cause', '--out', '--help']);
  // A command without arguments offers its flags on an empty word too.
  assert.deepEqual(complete('gomod-shim', 'doctor', ''), ['--json', '--help']);
});

test('bash: flag values — cause labels (also after --cause=), folders, files, nothing for free text', () => {
  assert.deepEqual(complete('gomod-shim', 'history', '--cause', ''), [...CAUSES]);
  assert.deepEqual(complete('gomod-shim', 'history', '--cause', 'vcs'), ['vcs-unresponsive', 'vcs-credential-prompt']);
  // bash splits "--cause=d" into --cause, =, d (COMP_WORDBREAKS).
  assert.deepEqual(complete('gomod-shim', 'history', '--cause', '=', 'd'), ['dns-stall']);
  assert.deepEqual(complete('gomod-shim', 'history', '--cause', '='), [...CAUSES]);
  assert.deepEqual(complete('gomod-shim', 'tally', '--json', '--cause', 'm'), ['modcache-lock']);
  assert.deepEqual(complete('gomod-shim', 'history', '--cwd', ''), ['sub dir']);
  assert.deepEqual(complete('gomod-shim', 'tally', '--out', '').sort(), ['a file.txt', 'sub dir']);
  assert.deepEqual(complete('gomod-shim', 'history', '--limit', ''), []);
  assert.deepEqual(complete('gomod-shim', 'demo', '--hang-after', ''), []);
  // After a value, flags again.
  assert.deepEqual(complete('gomod-shim', 'history', '--cause', 'unknown', '--a'), ['--all']);
});

test('bash: one argument — shells for completion, then flags; run ids for show, silently none without a history', () => {
  assert.deepEqual(complete('gomod-shim', 'completion', ''), ['bash', 'zsh', 'fish']);
  assert.deepEqual(complete('gomod-shim', 'completion', 'f'), ['fish']);
  assert.deepEqual(complete('gomod-shim', 'completion', 'bash', ''), ['--help']);
  assert.deepEqual(complete('gomod-shim', 'show', ''), []);
  assert.deepEqual(complete('gomod-shim', 'show', '--r'), ['--raw']);
  assert.equal(fs.existsSync(path.dirname(env.GOMODSHIM_DB)), false, 'a TAB creates no history');
});

test('the scripts are valid: bash -n always, zsh -n and fish -n where installed', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    if (shell !== 'bash' && !hasShell(shell)) continue;
    const r = spawnSync(shell, ['-n', scriptFile(shell)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${shell} -n: ${r.stderr}`);
  }
});

test('zsh: a #compdef function with every command, and _arguments specs from the flags', () => {
  const zsh = completionScript('zsh', REGISTRY);
  assert.match(zsh, /^#compdef gomod-shim\n/, 'compinit reads the first line only');
  for (const c of REGISTRY) assert.ok(zsh.includes(`        '${c.name}:${c.summary.replace(/'/g, `'\\''`)}'\n`), c.name);
  assert.ok(zsh.includes(`'--cause=:cause:(${CAUSES.join(' ')})'`));
  assert.ok(zsh.includes("'--out=[write the table to FILE]:out:_files'"));
  assert.ok(zsh.includes("'--cwd=:folder:_files -/'"));
  assert.ok(zsh.includes("'1:run id:_gomod-shim_run_ids'"));
  assert.ok(zsh.includes("'--no-completion[no tab completion for gomod-shim (removes what an earlier install set up)]'"));
  assert.match(zsh, /\nif \[\[ \$funcstack\[1\] == _gomod-shim \]\]; then\n  _gomod-shim "\$@"\nelse\n  compdef _gomod-shim gomod-shim\nfi\n$/);
});

test('fish: complete lines per command, flag and value', () => {
  const fish = completionScript('fish', REGISTRY);
  assert.ok(fish.includes("\ncomplete -c gomod-shim -f\n"));
  assert.ok(fish.includes("complete -c gomod-shim -n '__fish_use_subcommand' -x -a 'tally' -d 'hangs counted by cause'\n"));
  assert.ok(fish.includes(`complete -c gomod-shim -n '__fish_seen_subcommand_from tally' -l cause -x -a '${CAUSES.join(' ')}'\n`));
  assert.ok(fish.includes("complete -c gomod-shim -n '__fish_seen_subcommand_from tally' -l out -r -F -d 'write the table to FILE'\n"));
  assert.ok(fish.includes("complete -c gomod-shim -n '__fish_seen_subcommand_from install' -l no-rc -d "));
  assert.ok(fish.includes("complete -c gomod-shim -n '__gomod_shim_wants_arg show' -x -k -a '(__gomod_shim_run_ids)' -d 'run id'\n"));
  assert.ok(fish.includes("complete -c gomod-shim -n '__gomod_shim_wants_arg completion' -x -a 'bash zsh fish' -d 'shell'\n"));
});
