// TAB pressed in a terminal, in new interactive shells after `gomod-shim install`: bash with
// bash-completion, and zsh with and without a compinit of the user's own. Each test is one
// terminal (a shell's first compinit alone takes seconds on a loaded machine).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BASH_COMPLETION, requireBashCompletion } from '../helpers/bash-completion';
import { cli, freshHome, requireShell } from '../helpers/home';
import { inTerminal, listedWords, type Terminal } from '../helpers/terminal';

/**
 * A new interactive zsh, as a terminal starts one. -d leaves out the system-wide rc files, so that
 * the user's .zshrc alone decides whether compinit runs (Debian's /etc/zsh/zshrc never does,
 * Ubuntu's does).
 */
const ZSH = ['zsh', '-d', '-i'];

/** The command line once TAB has completed it: the screen's first line ends with it. */
const completesTo = (line: string) => (screen: string) => (screen.split('\n')[0] ?? '').endsWith(line);
/** Every word listed below the command line. */
const lists = (words: readonly string[]) => (screen: string) => words.every((w) => listedWords(screen).includes(w));

/** The TABs a person tries first: a subcommand, a cause label, a shell name. */
async function tabsWork(t: Terminal): Promise<void> {
  await t.complete('gomod-shim sh', 1, '"show"', completesTo('gomod-shim show'));
  await t.complete('gomod-shim history --cause vcs-', 2, 'both vcs causes', lists(['vcs-unresponsive', 'vcs-credential-prompt']));
  await t.complete('gomod-shim completion f', 1, '"fish"', completesTo('gomod-shim completion fish'));
}

test("bash with bash-completion, as distributions' .bashrc loads it: its loader finds the script on the first TAB", async () => {
  requireShell('bash');
  requireBashCompletion();
  const home = freshHome();
  fs.writeFileSync(home.bashrc, `. ${JSON.stringify(BASH_COMPLETION)}\n`);
  await cli(home, 'install');
  await inTerminal(['bash', '-i'], { env: home.env, cwd: home.dir }, tabsWork);
});

test("zsh: TAB completes in a new zsh whose .zshrc never starts compinit (Debian's default); the block starts it once, at the first prompt", async () => {
  requireShell('zsh');
  const home = freshHome();
  fs.writeFileSync(home.zshrc, 'HISTFILE=~/.histfile\nHISTSIZE=1000\nSAVEHIST=1000\nbindkey -e\n');
  await cli(home, 'install');
  await inTerminal(ZSH, { env: home.env, cwd: home.dir }, async (t) => {
    await tabsWork(t);
    // The one-time hook took itself out: nothing of ours is left in the shell.
    t.type('print -r -- "hook ${+functions[gomodshim_compinit]}:${precmd_functions[(r)gomodshim_compinit]}:"');
    t.press('Enter');
    await t.waitFor('the hook gone', (s) => s.split('\n').includes('hook 0::'));
  });
  assert.ok(fs.existsSync(path.join(home.dir, '.zcompdump')), "compinit ran, with zsh's own dump file");
});

test('zsh: TAB completes when .zshrc starts compinit itself, above the block or below it (added after the install)', async () => {
  requireShell('zsh');
  const above = freshHome();
  fs.writeFileSync(above.zshrc, 'autoload -Uz compinit && compinit\n');
  await cli(above, 'install');
  await inTerminal(ZSH, { env: above.env, cwd: above.dir }, tabsWork);

  const below = freshHome();
  await cli(below, 'install');
  fs.appendFileSync(below.zshrc, 'autoload -Uz compinit\ncompinit\n');
  // compinit wrapped (from .zshenv, read first) to count its runs: the block leaves it to the user's own line.
  const counting = 'autoload -Uz +X compinit\nfunctions -c compinit real_compinit\ncompinit() { (( compinit_runs++ )); real_compinit "$@"; }\n';
  fs.writeFileSync(path.join(below.dir, '.zshenv'), counting);
  await inTerminal(ZSH, { env: below.env, cwd: below.dir }, async (t) => {
    await tabsWork(t);
    t.type('print -r -- "compinit runs: $compinit_runs"');
    t.press('Enter');
    await t.waitFor('one compinit', (s) => s.split('\n').includes('compinit runs: 1'));
  });
});
