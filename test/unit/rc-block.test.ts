import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBlock, BrokenBlockError, END_MARKER, hasBlock, removeBlock, START_MARKER } from '../../src/install/rc-block';

const BODY = 'export PATH=/opt/shim:$PATH\n';

test('a missing file gets a file of its own, removed again on uninstall', () => {
  const added = addBlock(null, BODY);
  assert.ok(added.startsWith(START_MARKER) && added.endsWith(`${END_MARKER}\n`));
  assert.ok(added.includes(BODY));
  assert.equal(removeBlock(added), null);
});

test('an existing empty file stays, empty', () => {
  const added = addBlock('', BODY);
  assert.notEqual(added, '');
  assert.equal(removeBlock(added), '');
});

test('the block goes at the end, and comes out leaving every other byte', () => {
  for (const before of ['alias ll="ls -l"\n', 'a\n\n\n', 'x=1\r\ny=2\r\n', '# only a comment\n']) {
    const added = addBlock(before, BODY);
    assert.ok(added.startsWith(before), JSON.stringify(before));
    assert.ok(added.endsWith(`${END_MARKER}\n`));
    assert.equal(removeBlock(added), before);
  }
});

test('a last line without its newline is ended, and unended again on removal', () => {
  const before = 'alias ll="ls -l"';
  const added = addBlock(before, BODY);
  assert.ok(added.startsWith(`${before}\n${START_MARKER}`));
  assert.equal(removeBlock(added), before);
});

test('adding twice changes nothing the second time', () => {
  for (const before of [null, '', 'a', 'a\n']) {
    const once = addBlock(before, BODY);
    assert.equal(addBlock(once, BODY), once);
  }
});

test('a changed body replaces the block in place, keeping what the user wrote after it', () => {
  const once = addBlock('a', BODY);
  const userAddedLater = `${once}alias gs="git status"\n`;
  const updated = addBlock(userAddedLater, 'export PATH=/new/shim:$PATH\n');
  assert.ok(updated.includes('/new/shim') && !updated.includes('/opt/shim'));
  assert.ok(updated.endsWith('alias gs="git status"\n'));
  // Not at the end any more: the newline install added stays, since the user's line now follows.
  assert.equal(removeBlock(updated), 'a\nalias gs="git status"\n');
});

test('removal without a block is the identity, and says there was none', () => {
  for (const text of ['', 'a', 'a\nb\n', '# >>> not ours >>>\n']) {
    assert.equal(removeBlock(text), text);
    assert.equal(hasBlock(text), false);
  }
  assert.equal(hasBlock(null), false);
});

test('a block in the middle comes out cleanly', () => {
  const text = `top\n${START_MARKER}\nanything\n${END_MARKER}\nbottom\n`;
  assert.equal(hasBlock(text), true);
  assert.equal(removeBlock(text), 'top\nbottom\n');
});

test('copies pasted by hand all go: removal takes every one, adding keeps the first', () => {
  const block = `${START_MARKER}\nold\n${END_MARKER}\n`;
  const text = `a\n${block}b\n${block}`;
  assert.equal(removeBlock(text), 'a\nb\n');
  const added = addBlock(text, BODY);
  assert.equal(added, `a\n${START_MARKER}\n${BODY}${END_MARKER}\nb\n`);
});

test('an unmatched marker is refused rather than guessed at', () => {
  for (const text of [`${START_MARKER}\nx\n`, `x\n${END_MARKER}\n`, `${START_MARKER}\n${START_MARKER}\n${END_MARKER}\n`]) {
    assert.throws(() => removeBlock(text), BrokenBlockError);
    assert.throws(() => addBlock(text, BODY), BrokenBlockError);
  }
});
