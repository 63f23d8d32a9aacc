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
import { requireShell } from '../helpers/home';
import { inTerminal, listedWords } from '../helpers/terminal';

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
  assert.deepEqual(
    spec.commands.map((c) => c.name),
    COMMANDS.map((c) => c.name),
  );
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
    [
      ['json', undefined],
      ['top', 'none'],
      ['limit-rows', 'none'],
      ['cause', 'words'],
      ['out', 'files'],
      ['help', undefined],
    ],
  );
  assert.equal(spec.flags.find((f) => f.name === 'out')!.description, 'write the table to FILE');
});

test("bash: subcommands, global flags, and each command's flags", () => {
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

test('the scripts are valid: bash -n, zsh -n, fish -n', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    requireShell(shell);
    const r = spawnSync(shell, ['-n', scriptFile(shell)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${shell} -n: ${r.stderr}`);
  }
});

/** What fish offers for the command line `line` (the script sourced by hand, no config of anyone's). */
function fishComplete(line: string): { word: string; description: string }[] {
  const script = `source ${JSON.stringify(scriptFile('fish'))}; complete -C ${JSON.stringify(line)}`;
  const r = spawnSync('fish', ['--no-config', '-c', script], { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `fish: ${r.error ?? r.stderr}`);
  assert.equal(r.stderr, '', `fish's stderr completing ${line}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ word: l.split('\t')[0]!, description: l.split('\t')[1] ?? '' }));
}
const fishWords = (line: string) => fishComplete(line).map((c) => c.word);

test('fish: commands with their summaries, flags, cause labels, files, shells; no run ids without a history', () => {
  requireShell('fish');
  assert.deepEqual(fishWords('gomod-shim ').sort(), REGISTRY.map((c) => c.name).sort());
  assert.ok(fishComplete('gomod-shim ').some((c) => c.word === 'tally' && c.description === 'hangs counted by cause'));
  assert.deepEqual(fishWords('gomod-shim tally --').sort(), ['--cause', '--help', '--json', '--limit-rows', '--out', '--top']);
  assert.ok(fishComplete('gomod-shim tally --o').some((c) => c.word === '--out' && c.description === 'write the table to FILE'));
  assert.deepEqual(fishWords('gomod-shim tally --cause '), [...CAUSES].sort());
  assert.deepEqual(fishWords('gomod-shim tally --out '), ['a file.txt', 'sub dir/']);
  assert.deepEqual(fishWords('gomod-shim history --cwd '), ['sub dir/']);
  assert.deepEqual(fishWords('gomod-shim install --no-').sort(), ['--no-completion', '--no-rc']);
  assert.deepEqual(fishWords('gomod-shim completion '), ['bash', 'fish', 'zsh']);
  assert.deepEqual(fishWords('gomod-shim show '), []);
  assert.equal(fs.existsSync(path.dirname(env.GOMODSHIM_DB)), false, 'a TAB creates no history');
});

test('zsh: sourced by hand after compinit (source <(gomod-shim completion zsh)), the script registers itself', () => {
  requireShell('zsh');
  const script = `autoload -Uz compinit && compinit -i -d ${JSON.stringify(path.join(dir, 'zcompdump-sourced'))}; source ${JSON.stringify(scriptFile('zsh'))}; print -r -- $_comps[gomod-shim]`;
  const r = spawnSync('zsh', ['-d', '-f', '-c', script], { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `zsh: ${r.error ?? r.stderr}`);
  assert.equal(r.stdout, '_gomod-shim\n');
});

test('zsh: TAB in a terminal — commands with summaries, flags, cause labels, folders, shells', async () => {
  requireShell('zsh');
  // A .zshrc of its own: our function on fpath, then compinit, as a user's setup would have it.
  const zdotdir = path.join(dir, 'zdot');
  const functions = path.join(zdotdir, 'functions');
  fs.mkdirSync(functions, { recursive: true });
  fs.copyFileSync(scriptFile('zsh'), path.join(functions, '_gomod-shim'));
  fs.writeFileSync(path.join(zdotdir, '.zshrc'), `fpath=(${JSON.stringify(functions)} $fpath)\nautoload -Uz compinit && compinit -i\n`);
  const firstLine = (screen: string) => screen.split('\n')[0] ?? '';
  const listed = (words: string[]) => (screen: string) => words.every((w) => listedWords(screen).includes(w));
  await inTerminal(['zsh', '-d', '-i'], { env: { ...env, ZDOTDIR: zdotdir }, cwd }, async (t) => {
    const commands = await t.complete('gomod-shim ', 1, 'every command', listed(REGISTRY.map((c) => c.name)));
    assert.match(commands, /tally +-- hangs counted by cause/);
    await t.complete('gomod-shim tal', 1, 'tally', (s) => firstLine(s).endsWith('gomod-shim tally'));
    const flags = await t.complete('gomod-shim tally --', 1, "tally's flags", listed(['--json', '--top', '--limit-rows', '--cause', '--out', '--help']));
    assert.match(flags, /--out +-- write the table to FILE/);
    await t.complete('gomod-shim install --no-', 1, 'the --no- flags', listed(['--no-rc', '--no-completion']));
    await t.complete('gomod-shim history --cause dn', 1, 'dns-stall', (s) => firstLine(s).endsWith('gomod-shim history --cause dns-stall'));
    await t.complete('gomod-shim tally --cause=m', 1, 'modcache-lock', (s) => firstLine(s).endsWith('gomod-shim tally --cause=modcache-lock'));
    await t.complete('gomod-shim history --cwd ', 1, 'the one folder', (s) => firstLine(s).endsWith('gomod-shim history --cwd sub\\ dir/'));
    await t.complete('gomod-shim completion f', 1, 'fish', (s) => firstLine(s).endsWith('gomod-shim completion fish'));
  });
  assert.equal(fs.existsSync(path.dirname(env.GOMODSHIM_DB)), false, 'a TAB creates no history');
});
