// `gomod-shim install` / `uninstall` and install.sh, run for real in a throwaway HOME.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { cli, freshHome, requireShell, scratch, shell, snapshot } from '../helpers/home';
import { REAL_GO, REPO, run, runCli, SHIM_CLI, SHIM_GO, testEnv } from '../helpers/shim';

test('install twice changes nothing the second time; uninstall restores every file exactly', async () => {
  const home = freshHome();
  // No final newline, and a byte that is not UTF-8: both must come back as they were.
  fs.writeFileSync(home.bashrc, Buffer.from('alias ll="ls -l"\n# caf\xe9\nexport EDITOR=vi', 'latin1'), { mode: 0o600 });
  const before = snapshot(home.dir);

  const frontBefore = fs.statSync(path.join(REPO, 'dist', 'gomod-shim-front')).mtimeMs;
  const first = await cli(home, 'install');
  // The front is built from source with the real go the shim will run.
  assert.match(first, /^Built the watched path's front \(.*dist\/gomod-shim-front\) with \/.*\/go\.$/m);
  assert.ok(fs.statSync(path.join(REPO, 'dist', 'gomod-shim-front')).mtimeMs > frontBefore, 'the front binary was written anew');
  assert.match(first, new RegExp(`created +${home.binDir}/go +\\(-> ${fs.realpathSync(SHIM_GO)}\\)`));
  assert.match(first, new RegExp(`edited +${home.bashrc} +\\(bash: added the gomod-shim block\\)`));
  assert.match(first, new RegExp(`created +${home.zshrc} `));
  assert.match(first, new RegExp(`created +${home.fishFile} `));
  assert.match(first, /To undo: gomod-shim uninstall/);
  assert.equal(fs.readlinkSync(path.join(home.binDir, 'gomod-shim')), fs.realpathSync(SHIM_CLI));
  assert.ok(fs.readFileSync(home.bashrc, 'latin1').startsWith('alias ll="ls -l"\n# caf\xe9\nexport EDITOR=vi\n# >>> gomod-shim >>>'));
  assert.equal(fs.statSync(home.bashrc).mode & 0o777, 0o600, 'the rc file keeps its mode');
  const installed = snapshot(home.dir);

  const second = await cli(home, 'install');
  assert.match(second, /already installed; nothing changed/);
  assert.doesNotMatch(second, /created|edited|replaced/);
  assert.deepEqual(snapshot(home.dir), installed);

  const removed = await cli(home, 'uninstall');
  assert.match(removed, new RegExp(`edited +${home.bashrc} +\\(removed the gomod-shim block\\)`));
  assert.match(removed, new RegExp(`removed +${home.zshrc} +\\(it held only the gomod-shim block\\)`));
  assert.match(removed, new RegExp(`removed +${home.binDir} `));
  assert.deepEqual(snapshot(home.dir), before);
  assert.equal(fs.existsSync(path.dirname(home.binDir)), false, 'the gomod-shim data folder is gone');

  assert.match(await cli(home, 'uninstall'), /not installed: nothing to remove/);
  assert.deepEqual(snapshot(home.dir), before);
});

test('through ~/.bashrc, go is the shim, first on PATH once, and runs the real go', async () => {
  const home = freshHome();
  await cli(home, 'install');
  const realVersion = spawnSync(REAL_GO, ['version'], { encoding: 'utf8' }).stdout;
  const out = shell(home, 'bash', '. ~/.bashrc; command -v go; go version');
  assert.equal(out, `${home.binDir}/go\n${realVersion}`);

  // The folder already further back on PATH, and the rc file sourced twice: one copy, first.
  const pathAfter = shell(home, 'bash', '. ~/.bashrc; . ~/.bashrc; printf %s "$PATH"', { PATH: `/usr/bin:${home.binDir}:/bin:${home.binDir}` });
  assert.equal(pathAfter, `${home.binDir}:/usr/bin:/bin`);
  // The helper variables do not linger in the user's shell.
  assert.equal(shell(home, 'bash', '. ~/.bashrc; set | grep -c ^gomodshim_ || true'), '0\n');
});

test('the zsh block puts the shim first too', async () => {
  requireShell('zsh');
  const home = freshHome();
  await cli(home, 'install');
  const out = shell(home, 'zsh', '. "${ZDOTDIR:-$HOME}/.zshrc"; . "${ZDOTDIR:-$HOME}/.zshrc"; command -v go; printf %s "$PATH"', {
    PATH: `/usr/bin:${home.binDir}:/bin`,
  });
  assert.equal(out, `${home.binDir}/go\n${home.binDir}:/usr/bin:/bin`);
});

test('the fish file puts the shim first', async () => {
  requireShell('fish');
  const home = freshHome();
  await cli(home, 'install');
  const out = shell(home, 'fish', 'command -v go; string join : $PATH', { PATH: `/usr/bin:${home.binDir}:/bin` });
  assert.equal(out, `${home.binDir}/go\n${home.binDir}:/usr/bin:/bin\n`);
  assert.match(fs.readFileSync(home.fishFile, 'utf8'), /^# >>> gomod-shim >>> \(gomod-shim install created this file\)\n/);
});

test('XDG_DATA_HOME and ZDOTDIR are respected, and an odd folder name survives quoting', async () => {
  const base = scratch("odd 'dir' $x é-");
  const home = freshHome({ XDG_DATA_HOME: path.join(base, 'data'), XDG_CONFIG_HOME: path.join(base, 'config'), ZDOTDIR: path.join(base, 'zdot') });
  await cli(home, 'install');
  const binDir = path.join(base, 'data', 'gomod-shim', 'bin');
  assert.ok(fs.existsSync(path.join(base, 'zdot', '.zshrc')));
  assert.equal(fs.existsSync(home.zshrc), false);
  assert.equal(fs.existsSync(home.fishFile), false, 'fish set up only where its config folder is');
  assert.equal(shell(home, 'bash', '. ~/.bashrc; command -v go'), `${binDir}/go\n`);
  await cli(home, 'uninstall');
  assert.equal(fs.existsSync(path.join(base, 'data', 'gomod-shim')), false);
  assert.equal(fs.existsSync(path.join(base, 'zdot', '.zshrc')), false);
});

test('--dry-run writes nothing; --no-rc leaves the rc files alone', async () => {
  const home = freshHome();
  fs.writeFileSync(home.bashrc, 'PS1="$ "\n');
  const before = snapshot(home.dir);
  const dry = await cli(home, 'install', '--dry-run');
  assert.match(dry, new RegExp(`would edit +${home.bashrc}`));
  assert.match(dry, new RegExp(`would create +${home.binDir}/go`));
  assert.deepEqual(snapshot(home.dir), before);

  const noRc = await cli(home, 'install', '--no-rc');
  assert.match(noRc, /left alone \(--no-rc\)/);
  assert.deepEqual(Object.keys(snapshot(home.dir)).sort(), ['.bashrc', '.local/share/gomod-shim/bin/go', '.local/share/gomod-shim/bin/gomod-shim']);
  assert.equal(fs.readFileSync(home.bashrc, 'utf8'), 'PS1="$ "\n');

  await cli(home, 'uninstall', '--dry-run');
  assert.ok(fs.existsSync(path.join(home.binDir, 'go')));
  await cli(home, 'uninstall');
  assert.deepEqual(snapshot(home.dir), before);
});

test('a symlinked rc file (a dotfiles repo) stays a symlink; its target is edited and restored', async () => {
  const home = freshHome();
  const dotfiles = path.join(home.dir, 'dotfiles');
  fs.mkdirSync(dotfiles);
  fs.writeFileSync(path.join(dotfiles, 'bashrc'), 'set -o vi\n');
  fs.symlinkSync(path.join(dotfiles, 'bashrc'), home.bashrc);
  await cli(home, 'install');
  assert.ok(fs.lstatSync(home.bashrc).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(dotfiles, 'bashrc'), 'utf8'), /^set -o vi\n# >>> gomod-shim >>>\n/);
  await cli(home, 'uninstall');
  assert.ok(fs.lstatSync(home.bashrc).isSymbolicLink());
  assert.equal(fs.readFileSync(path.join(dotfiles, 'bashrc'), 'utf8'), 'set -o vi\n');
});

test('a half-deleted block stops install before it changes anything', async () => {
  const home = freshHome();
  fs.writeFileSync(home.bashrc, 'a\n# >>> gomod-shim >>>\nb\n');
  const before = snapshot(home.dir);
  const r = await runCli(['install'], { env: home.env });
  assert.equal(r.code, 1);
  assert.match(r.stderr.toString(), new RegExp(`^gomod-shim: ${home.bashrc}: .*fix it by hand, then rerun\n$`));
  assert.deepEqual(snapshot(home.dir), before);
});

test('uninstall leaves what it did not make: a file in the bin folder keeps the folder', async () => {
  const home = freshHome();
  await cli(home, 'install', '--no-rc');
  fs.writeFileSync(path.join(home.binDir, 'notes.txt'), 'mine\n');
  const out = await cli(home, 'uninstall');
  assert.match(out, new RegExp(`kept +${home.binDir} +\\(still holds notes.txt\\)`));
  assert.deepEqual(fs.readdirSync(home.binDir), ['notes.txt']);
});

test('install.sh refuses a Node.js older than 20 with one line', async () => {
  const dir = scratch('old-node-');
  // A stand-in node reporting an old version: install.sh must stop before npm runs.
  fs.writeFileSync(path.join(dir, 'node'), '#!/bin/sh\necho v18.19.0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'npm'), '#!/bin/sh\necho npm must not run >&2\nexit 99\n', { mode: 0o755 });
  const r = await run(path.join(REPO, 'install.sh'), [], { env: { ...testEnv(dir), PATH: `${dir}:/usr/bin:/bin` }, cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr.toString(), /^install\.sh: gomod-shim needs Node\.js 20 or newer \(found v18\.19\.0\)[^\n]*\n$/);
});
