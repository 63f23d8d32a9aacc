// Cutting the history table to the output's width, and reading who ran go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from '../../src/ui/table';
import { cutText, outputWidth } from '../../src/ui/width';

const tty = (columns: number) => ({ isTTY: true, columns }) as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

test('outputWidth: the terminal first, then COLUMNS, else no limit', () => {
  assert.equal(outputWidth(tty(132), { COLUMNS: '80' }), 132);
  assert.equal(outputWidth(pipe, { COLUMNS: '80' }), 80);
  assert.equal(outputWidth(pipe, {}), null);
  assert.equal(outputWidth(pipe, { COLUMNS: 'wide' }), null);
  assert.equal(outputWidth(pipe, { COLUMNS: '0' }), null);
  assert.equal(outputWidth(pipe, { COLUMNS: '5' }), 20, 'a silly COLUMNS still leaves something to read');
});

test('cutText: at most width characters, "…" when something was cut', () => {
  assert.equal(cutText('go list -m', 20), 'go list -m');
  assert.equal(cutText('go list -m', 10), 'go list -m');
  assert.equal(cutText('go list -m all', 10), 'go list -…');
  assert.equal(cutText('gö lïst', 4), 'gö …', 'characters, not bytes');
  assert.equal(cutText('go', 0), '');
});

test('formatTable: with a width, the last column is cut so that every line fits', () => {
  const long = `go list -modfile=/tmp/go.${'x'.repeat(40)}.mod -json=Path,Dir -m all`;
  const rows = [
    ['#1', 'gopls', long],
    ['#22', 'bash', 'go mod tidy'],
  ];
  const lines = formatTable(['ID', 'CALLER', 'COMMAND'], rows, 40).split('\n');
  assert.deepEqual(
    lines.slice(1).map((l) => [...l].length <= 40),
    [true, true],
  );
  assert.equal(lines[1], `#1   gopls   ${long.slice(0, 26)}…`);
  assert.equal(lines[2], '#22  bash    go mod tidy');
  assert.equal(formatTable(['ID', 'CALLER', 'COMMAND'], rows).split('\n')[1], `#1   gopls   ${long}`, 'no width: whole lines');
});

test('formatTable: the last column keeps a dozen characters however narrow the width', () => {
  const line = formatTable(['A', 'COMMAND'], [['x'.repeat(30), 'go mod download -x -json']], 20).split('\n')[1];
  assert.equal(line, `${'x'.repeat(30)}  go mod down…`);
});
