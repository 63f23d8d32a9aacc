// Tab completion as installed by `gomod-shim install`, driven in real shells in a throwaway HOME.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CAUSES } from '../../src/causes';
import { COMMANDS } from '../../src/commands/registry';
import { BASH_COMPLETION, bashComplete, interactiveBash, requireBashCompletion } from '../helpers/bash-completion';
import { cli, freshHome, type Home, requireShell, shell, snapshot } from '../helpers/home';
import { historyJson, runCli, runShim, writeModule } from '../helpers/shim';

const COMMAND_NAMES = COMMANDS.map((c) => c.name);

/** Where install puts each script in a fresh HOME (XDG defaults). */
function scripts(home: Home) {
  return {
    bash: path.join(home.dir, '.local', 'share', 'bash-completion', 'completions', 'gomod-shim'),
    zsh: path.join(home.dir, '.local', 'share', 'gomod-shim', 'zsh', '_gomod-shim'),
    fish: path.join(home.dir, '.config', 'fish', 'completions', 'gomod-shim.fish'),
  };
}

/** TAB in an interactive bash started in the home: it reads ~/.bashrc, as a terminal does. */
function tab(home: Home, ...words: string[]): string[] {
  const r = bashComplete(['gomod-shim', ...words], { env: home.env, interactive: true });
  assert.equal(r.stderr, '', `stderr of gomod-shim ${words.join(' ')}<TAB>`);
  return r.candidates;
}

/** In a new interactive bash: is a completion for gomod-shim defined before any TAB? */
function loadedAtStart(home: Home): boolean {
  const r = interactiveBash('complete -p gomod-shim >/dev/null 2>&1 && echo yes || echo no', home.env);
  assert.equal(r.stderr, '');
  return r.stdout === 'yes\n';
}

test('after install, bash completes subcommands, flags and --cause labels through ~/.bashrc (no bash-completion needed)', async () => {
  const home = freshHome();
  fs.writeFileSync(home.bashrc, 'HISTSIZE=1000\n');
  await cli(home, 'install');
  assert.deepEqual(tab(home, ''), COMMAND_NAMES);
  assert.deepEqual(tab(home, 'sh'), ['show']);
  assert.deepEqual(tab(home, 'history', '--'), ['--all', '--json', '--since', '--cwd', '--module', '--cause', '--caller', '--limit', '--help']);
  assert.deepEqual(tab(home, 'history', '--cause', ''), [...CAUSES]);
  assert.deepEqual(tab(home, 'history', '--cause', 'proxy'), ['proxy-unresponsive']);
  assert.deepEqual(tab(home, 'completion', ''), ['bash', 'zsh', 'fish']);
  // The rc block's helper variables and nothing else of ours linger: the completion functions do.
  assert.equal(shell(home, 'bash', 'set | grep -c "^gomodshim_" || true'), '0\n');
});

test("show <TAB> offers the history's run ids, newest first; nothing, silently, when the history is unreadable", async () => {
  // The scripts give the history command 2 s; a loaded machine may need more just to start node.
  const home = freshHome({ GOMODSHIM_COMPLETION_TIMEOUT: '30' });
  await cli(home, 'install');
  assert.deepEqual(tab(home, 'show', ''), [], 'no history yet');
  assert.equal(fs.existsSync(home.env.GOMODSHIM_DB!), false, 'a TAB creates no database');

  const mod = writeModule(path.join(home.dir, 'mod'), { 'go.mod': 'module example.com/m\n\ngo 1.19\n' });
  for (let i = 0; i < 3; i++) assert.equal((await runShim(['list', '-m'], { cwd: mod, env: home.env })).code, 0);
  const ids = (await historyJson(home.env)).map((r) => String(r.id));
  assert.equal(ids.length, 3);
  assert.deepEqual(tab(home, 'show', ''), ids);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => Number(b) - Number(a)),
    'newest first',
  );
  // Once the id is given, flags.
  assert.deepEqual(tab(home, 'show', ids[0]!, ''), ['--json', '--raw', '--markdown', '--help']);

  const garbage = path.join(home.dir, 'garbage.db');
  fs.writeFileSync(garbage, 'this is not a database\n'.repeat(100));
  const r = bashComplete(['gomod-shim', 'show', ''], { env: { ...home.env, GOMODSHIM_DB: garbage }, interactive: true });
  assert.deepEqual(r, { candidates: [], stderr: '' });
});

test('with bash-completion present, the .bashrc block leaves the script to its on-demand loader', async () => {
  const home = freshHome();
  await cli(home, 'install');
  assert.equal(loadedAtStart(home), true, 'without bash-completion, the block loads the script');
  // bash-completion 2.8+ defines _comp_load (older 2.x: __load_completion) before the block runs.
  fs.writeFileSync(home.bashrc, `_comp_load() { return 1; }\n${fs.readFileSync(home.bashrc, 'utf8')}`);
  assert.equal(loadedAtStart(home), false, 'with its loader there, the block leaves it be');
  // The real thing: a .bashrc that loads bash-completion, as distributions' default one does.
  requireBashCompletion();
  const other = freshHome();
  fs.writeFileSync(other.bashrc, `. ${JSON.stringify(BASH_COMPLETION)}\n`);
  await cli(other, 'install');
  assert.equal(loadedAtStart(other), false, 'loaded on demand, not at start');
  assert.deepEqual(tab(other, 'history', '--cause', 'vcs'), ['vcs-unresponsive', 'vcs-credential-prompt']);
});

test('install twice changes nothing more; uninstall leaves every file as before and removes the folders install made', async () => {
  const home = freshHome();
  // fish's completions folder is already there with a script of the user's; bash-completion's is not.
  const other = path.join(home.dir, '.config', 'fish', 'completions', 'other.fish');
  fs.mkdirSync(path.dirname(other), { recursive: true });
  fs.writeFileSync(other, 'complete -c other -f\n');
  fs.writeFileSync(home.bashrc, 'set -o vi\n');
  const before = snapshot(home.dir);

  const first = await cli(home, 'install');
  const files = scripts(home);
  for (const [shellName, file] of Object.entries(files)) assert.match(first, new RegExp(`created +${file} +\\(${shellName} completion\\)`));
  assert.match(
    fs.readFileSync(files.bash, 'utf8'),
    /\n# gomod-shim install wrote this file \(and made the last 2 folders of its path\); gomod-shim uninstall removes them\.\n$/,
  );
  assert.match(fs.readFileSync(files.fish, 'utf8'), /\n# gomod-shim install wrote this file; gomod-shim uninstall removes it\.\n$/);
  const installed = snapshot(home.dir);

  const second = await cli(home, 'install');
  assert.match(second, /already installed; nothing changed/);
  assert.deepEqual(snapshot(home.dir), installed);

  const removed = await cli(home, 'uninstall');
  assert.match(removed, new RegExp(`removed +${path.dirname(files.bash)} +\\(folder\\)`));
  assert.deepEqual(snapshot(home.dir), before);
  assert.equal(fs.existsSync(path.join(home.dir, '.local', 'share', 'bash-completion')), false);
  assert.equal(fs.existsSync(path.join(home.dir, '.local', 'share', 'gomod-shim')), false);
  assert.deepEqual(fs.readdirSync(path.dirname(other)), ['other.fish'], "fish's folder stays: install found it");
});

test("a completion script of the user's own is neither replaced nor removed", async () => {
  const home = freshHome();
  const mine = scripts(home).fish;
  fs.mkdirSync(path.dirname(mine), { recursive: true });
  fs.writeFileSync(mine, 'complete -c gomod-shim -a mine\n');
  assert.match(await cli(home, 'install'), new RegExp(`kept +${mine} +\\(fish completion: not written by gomod-shim install, left as it is\\)`));
  assert.match(await cli(home, 'uninstall'), new RegExp(`kept +${mine} +\\(not written by gomod-shim install\\)`));
  assert.equal(fs.readFileSync(mine, 'utf8'), 'complete -c gomod-shim -a mine\n');
});

test('--no-completion: PATH only; after a full install it takes the completion back out', async () => {
  const home = freshHome();
  const before = snapshot(home.dir);
  await cli(home, 'install');
  const out = await cli(home, 'install', '--no-completion');
  for (const file of Object.values(scripts(home))) {
    assert.match(out, new RegExp(`removed +${file} `));
    assert.equal(fs.existsSync(file), false);
  }
  assert.match(out, /updated the gomod-shim block/);
  for (const rc of [home.bashrc, home.zshrc]) assert.doesNotMatch(fs.readFileSync(rc, 'utf8'), /completion|compdef/);
  assert.equal(loadedAtStart(home), false, 'no completion for gomod-shim in a new bash');
  assert.match(await cli(home, 'install', '--no-completion'), /already installed; nothing changed/);
  await cli(home, 'uninstall');
  assert.deepEqual(snapshot(home.dir), before);
});

test('zsh: the block puts our folder on fpath once, and compinit (before or after the block) finds _gomod-shim', async () => {
  const home = freshHome();
  await cli(home, 'install');
  const folder = path.dirname(scripts(home).zsh);
  requireShell('zsh');
  const comps = (script: string) => shell(home, 'zsh', `${script}; print -r -- "$_comps[gomod-shim] $fpath[(I)${folder}]"`);
  const compinit = 'autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"';
  assert.match(comps(`${compinit}; . ~/.zshrc`), /^_gomod-shim [1-9]/, 'compinit before the block: compdef');
  assert.match(comps(`. ~/.zshrc; ${compinit}`), /^_gomod-shim [1-9]/, 'compinit after the block: fpath');
  assert.equal(shell(home, 'zsh', `. ~/.zshrc; . ~/.zshrc; print -r -- \${#\${(M)fpath:#${folder}}}`), '1\n');
});

test('fish: the script is in the completions folder fish autoloads from', async () => {
  const home = freshHome();
  await cli(home, 'install');
  requireShell('fish');
  const r = spawnSync('fish', ['-c', 'complete -C "gomod-shim history --cause "'], { env: home.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]),
    [...CAUSES].sort(),
  );
});

test('gomod-shim completion SHELL prints the script install writes; a missing or unknown shell is a usage error', async () => {
  const home = freshHome();
  await cli(home, 'install');
  for (const [shellName, file] of Object.entries(scripts(home))) {
    const printed = await cli(home, 'completion', shellName);
    assert.equal(fs.readFileSync(file, 'utf8').replace(/# gomod-shim install wrote this file.*\n$/, ''), printed);
  }
  for (const [args, message] of [
    [['completion'], 'completion needs a shell: bash, zsh, fish'],
    [['completion', 'tcsh'], 'completion knows bash, zsh, fish, not tcsh'],
    [['completion', 'bash', 'zsh'], 'completion takes one shell, not bash zsh'],
  ] as const) {
    const r = await runCli(args, { env: home.env });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.toString(), `gomod-shim: ${message} (see gomod-shim completion --help)\n`);
  }
  // The script, sourced by hand, completes too.
  const r = bashComplete(['gomod-shim', 'uninstall', '--'], {
    env: home.env,
    setup: `source <(${JSON.stringify(path.join(home.binDir, 'gomod-shim'))} completion bash)`,
  });
  assert.deepEqual(r.candidates, ['--dry-run', '--help']);
});
