// Tables and styles for people's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { styleFor, visibleLength } from '../../src/ui/style';
import { formatTable } from '../../src/ui/table';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

test('formatTable: left-aligned columns two spaces apart, the last one unpadded', () => {
  const table = formatTable(
    ['ID', 'WHEN', 'COMMAND'],
    [
      ['#1', 'just now', 'go mod download'],
      ['#1234', '3d ago', 'go get example.com/m@v1'],
    ],
  );
  assert.equal(table, ['ID     WHEN      COMMAND', '#1     just now  go mod download', '#1234  3d ago    go get example.com/m@v1'].join('\n'));
});

test('formatTable: styled cells align by what shows, empty cells leave no trailing spaces', () => {
  const style = styleFor(tty, {});
  const table = formatTable([style.bold('ID'), style.bold('EXIT'), 'CAUSE'].map(String), [
    [style.dim('#7'), style.red('hung'), 'dns-stall'],
    ['#8', style.green('0'), ''],
  ]);
  const plain = table.replace(/\x1b\[[0-9;]*m/g, '');
  assert.equal(plain, ['ID  EXIT  CAUSE', '#7  hung  dns-stall', '#8  0'].join('\n'));
  assert.ok(table.includes('\x1b[31mhung\x1b[39m'));
});

test('formatTable: a header alone', () => {
  assert.equal(formatTable(['A', 'B'], []), 'A  B');
});

test('visibleLength: escape codes do not count, characters do', () => {
  assert.equal(visibleLength('\x1b[1mID\x1b[22m'), 2);
  assert.equal(visibleLength('héllo'), 5);
  assert.equal(visibleLength(''), 0);
});

test('styleFor: colour on a terminal only, never under NO_COLOR (set, not empty) or TERM=dumb', () => {
  assert.equal(styleFor(tty, { TERM: 'xterm' }).red('x'), '\x1b[31mx\x1b[39m');
  assert.equal(styleFor(pipe, { TERM: 'xterm' }).red('x'), 'x');
  assert.equal(styleFor(tty, { NO_COLOR: '1' }).bold('x'), 'x');
  assert.equal(styleFor(tty, { NO_COLOR: '0' }).bold('x'), 'x');
  assert.equal(styleFor(tty, { NO_COLOR: '' }).bold('x'), '\x1b[1mx\x1b[22m', 'an empty NO_COLOR does not count');
  assert.equal(styleFor(tty, { TERM: 'dumb' }).dim('x'), 'x');
});
