// The module a run belongs to: the nearest go.mod, read as go reads it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findModulePath, parseModuleDirective } from '../../src/record/module-path';

test('parseModuleDirective: the forms go accepts', () => {
  const cases: [string, string | null][] = [
    ['module example.com/m\n\ngo 1.19\n', 'example.com/m'],
    ['  module   example.com/m  \r\ngo 1.19\r\n', 'example.com/m'],
    ['module "example.com/quoted"\n', 'example.com/quoted'],
    ['module example.com/m // the main module\n', 'example.com/m'],
    // go's lexer ends a token at `//`: `go list -m` prints example.com/m for this.
    ['module example.com/m// no space\n', 'example.com/m'],
    ['module (\n\texample.com/block\n)\n', 'example.com/block'],
    ['// module example.com/commented\nmodule example.com/real\n', 'example.com/real'],
    ['go 1.19\n\nrequire example.com/dep v1.0.0\n\nmodule example.com/late\n', 'example.com/late'],
    ['modules example.com/no\n', null],
    ['go 1.19\n', null],
    ['', null],
  ];
  for (const [text, expected] of cases) assert.equal(parseModuleDirective(text), expected, JSON.stringify(text));
});

test('findModulePath: the nearest go.mod at or above the folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gomod-shim-module-path-'));
  try {
    fs.writeFileSync(path.join(root, 'go.mod'), 'module example.com/outer\n');
    fs.mkdirSync(path.join(root, 'a', 'b', 'nested', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', 'b', 'nested', 'go.mod'), 'module example.com/nested\n');
    assert.equal(findModulePath(root), 'example.com/outer');
    assert.equal(findModulePath(path.join(root, 'a', 'b')), 'example.com/outer');
    assert.equal(findModulePath(path.join(root, 'a', 'b', 'nested', 'deep')), 'example.com/nested');
    // A go.mod without a module line is still the nearest: go would not look further up either.
    fs.writeFileSync(path.join(root, 'a', 'go.mod'), 'go 1.19\n');
    assert.equal(findModulePath(path.join(root, 'a', 'b')), null);
    assert.equal(findModulePath('/proc/self'), null);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
