// go's subcommand and working directory, read the way shim/go and cmd/go read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandOf, effectiveDir, subcommandOf } from '../../src/record/run-record';

test('subcommandOf: the first argument, after -C dir in any of its spellings', () => {
  const cases: [string[], string][] = [
    [['mod', 'download'], 'mod'],
    [['-C', 'sub', 'list', '-m'], 'list'],
    [['--C', 'sub', 'get', 'x'], 'get'],
    [['-C=sub', 'build'], 'build'],
    [['--C=sub', 'work', 'sync'], 'work'],
    [['-C', 'sub'], ''],
    [['-C'], ''],
    [[], ''],
    [['-x', 'build'], '-x'], // go itself rejects flags before the subcommand
  ];
  for (const [argv, sub] of cases) assert.equal(subcommandOf(argv), sub, argv.join(' '));
});

test('effectiveDir: -C changes the folder, relative to the working directory', () => {
  assert.equal(effectiveDir('/work/app', ['list', '-m']), '/work/app');
  assert.equal(effectiveDir('/work/app', ['-C', 'sub', 'list']), '/work/app/sub');
  assert.equal(effectiveDir('/work/app', ['--C', '../other', 'list']), '/work/other');
  assert.equal(effectiveDir('/work/app', ['-C=/abs/dir', 'list']), '/abs/dir');
  assert.equal(effectiveDir('/work/app', ['--C=sub', 'list']), '/work/app/sub');
  // Only go's first argument can be -C: later ones belong to the subcommand.
  assert.equal(effectiveDir('/work/app', ['list', '-C', 'sub']), '/work/app');
});

test('commandOf: mod and work with their verb, other subcommands alone', () => {
  const cases: [string[], string][] = [
    [['mod', 'download', '-x'], 'mod download'],
    [['-C', 'mod', 'mod', 'tidy'], 'mod tidy'],
    [['-C=sub', 'work', 'sync'], 'work sync'],
    [['mod', '-x'], 'mod'],
    [['mod'], 'mod'],
    [['get', 'example.com/dep@v1'], 'get'],
    [['build', './...'], 'build'],
    [[], ''],
  ];
  for (const [argv, command] of cases) assert.equal(commandOf(argv), command, argv.join(' '));
});
