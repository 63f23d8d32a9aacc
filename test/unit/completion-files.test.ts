// Writing and removing the completion scripts: only install's own file, and exactly the
// folders install made for it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyAll } from '../../src/install/change';
import { planRemoveCompletion, planWriteCompletion } from '../../src/install/completion-files';
import { type CompletionTarget, completionTargetFor } from '../../src/install/layout';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-completion-files-'));
process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));

function target(name: string): CompletionTarget {
  const base = fs.mkdtempSync(path.join(root, name));
  return { shell: 'bash', base, file: path.join(base, 'bash-completion', 'completions', 'gomod-shim') };
}

test('a new script records the two folders install made; rewriting keeps that record', () => {
  const t = target('made-');
  const first = planWriteCompletion(t, 'complete -F f gomod-shim\n');
  assert.equal(first.verb, 'created');
  applyAll([first]);
  assert.equal(
    fs.readFileSync(t.file, 'utf8'),
    'complete -F f gomod-shim\n# gomod-shim install wrote this file (and made the last 2 folders of its path); gomod-shim uninstall removes them.\n',
  );
  assert.equal(planWriteCompletion(t, 'complete -F f gomod-shim\n').verb, 'unchanged');
  // A newer script (a new command): brought up to date, the folders still counted as install's.
  const update = planWriteCompletion(t, 'complete -F g gomod-shim\n');
  assert.equal(update.verb, 'edited');
  applyAll([update]);
  assert.match(fs.readFileSync(t.file, 'utf8'), /^complete -F g gomod-shim\n# .*made the last 2 folders/);

  const removal = planRemoveCompletion(t);
  assert.deepEqual(
    removal.map((c) => [c.verb, path.relative(t.base, c.path)]),
    [
      ['removed', 'bash-completion/completions/gomod-shim'],
      ['removed', 'bash-completion/completions'],
      ['removed', 'bash-completion'],
    ],
  );
  applyAll(removal);
  assert.deepEqual(fs.readdirSync(t.base), []);
});

test('folders that were there before, or that hold something else now, stay', () => {
  const t = target('existing-');
  fs.mkdirSync(path.dirname(t.file), { recursive: true });
  applyAll([planWriteCompletion(t, 'x\n')]);
  assert.match(fs.readFileSync(t.file, 'utf8'), /^x\n# gomod-shim install wrote this file; gomod-shim uninstall removes it\.\n$/);
  applyAll(planRemoveCompletion(t));
  assert.deepEqual(fs.readdirSync(path.dirname(t.file)), [], 'the folder it found stays');

  const u = target('shared-');
  applyAll([planWriteCompletion(u, 'x\n')]);
  fs.writeFileSync(path.join(path.dirname(u.file), 'git'), 'complete -F _git git\n');
  const removal = planRemoveCompletion(u);
  assert.deepEqual(
    removal.map((c) => [c.verb, c.note]),
    [
      ['removed', 'bash completion'],
      ['kept', 'still holds git'],
    ],
  );
  applyAll(removal);
  assert.deepEqual(fs.readdirSync(path.dirname(u.file)), ['git']);
});

test("a script install did not write is the user's: neither replaced nor removed", () => {
  const t = target('theirs-');
  fs.mkdirSync(path.dirname(t.file), { recursive: true });
  fs.writeFileSync(t.file, '# my own\ncomplete -W "a b" gomod-shim\n');
  const write = planWriteCompletion(t, 'x\n');
  assert.equal(write.verb, 'kept');
  assert.equal(write.apply, undefined);
  const removal = planRemoveCompletion(t);
  assert.deepEqual(
    removal.map((c) => c.verb),
    ['kept'],
  );
  assert.equal(fs.readFileSync(t.file, 'utf8'), '# my own\ncomplete -W "a b" gomod-shim\n');
});

test("where each shell looks: bash-completion's user folder (BASH_COMPLETION_USER_DIR first), ours for zsh, fish's own", () => {
  const env = { HOME: '/h' };
  assert.deepEqual(completionTargetFor('bash', env), {
    shell: 'bash',
    file: '/h/.local/share/bash-completion/completions/gomod-shim',
    base: '/h/.local/share',
  });
  assert.equal(completionTargetFor('bash', { ...env, XDG_DATA_HOME: '/d' }).file, '/d/bash-completion/completions/gomod-shim');
  assert.deepEqual(completionTargetFor('bash', { ...env, BASH_COMPLETION_USER_DIR: '/u/bc:/other' }), {
    shell: 'bash',
    file: '/u/bc/completions/gomod-shim',
    base: '/u',
  });
  assert.deepEqual(completionTargetFor('zsh', env), { shell: 'zsh', file: '/h/.local/share/gomod-shim/zsh/_gomod-shim', base: '/h/.local/share/gomod-shim' });
  assert.deepEqual(completionTargetFor('fish', { ...env, XDG_CONFIG_HOME: '/c' }), {
    shell: 'fish',
    file: '/c/fish/completions/gomod-shim.fish',
    base: '/c/fish',
  });
});
