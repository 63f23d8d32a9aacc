// The Markdown of `show --markdown`, piece by piece, read back by a real CommonMark + GFM parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { codeBlock, escapeMarkdown, inlineCode, markdownTable } from '../../src/commands/markdown-report';

const md = new MarkdownIt({ html: true });
const rendered = (text: string) => md.render(text);

test('escapeMarkdown: emphasis, HTML, links and table pipes come out as the characters they are', () => {
  const text = 'GOPRIVATE=*.corp_x.example,<b>[x](y)</b> | `z` ~~s~~ #1';
  assert.equal(rendered(escapeMarkdown(text)), `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`);
});

test('escapeMarkdown: a multi-line text stays one paragraph', () => {
  assert.equal(escapeMarkdown('one\n  two'), 'one two');
});

test('inlineCode: text with backticks is still one code span', () => {
  for (const text of ['plain', 'a `b` c', '``x``', '`edge']) {
    assert.equal(rendered(inlineCode(text)), `<p><code>${text}</code></p>\n`, text);
  }
});

test('codeBlock: the fence outgrows any backtick run in the text', () => {
  const text = 'line one\n```\nnot the end\n````\n';
  const tokens = md.parse(codeBlock(text), {});
  assert.equal(tokens.length, 1);
  assert.equal(tokens[0].type, 'fence');
  assert.equal(tokens[0].content, 'line one\n```\nnot the end\n````\n');
});

test('markdownTable: a GFM table, a pipe inside a cell does not split it', () => {
  const tokens = md.parse(markdownTable(['A', 'B'], [['x | y', '`1|2`']]), {});
  assert.equal(tokens[0].type, 'table_open');
  const cells = tokens.filter((t) => t.type === 'inline').map((t) => t.content);
  assert.deepEqual(cells, ['A', 'B', 'x | y', '`1|2`']);
  assert.equal(tokens.filter((t) => t.type === 'td_open').length, 2);
  assert.match(rendered(markdownTable(['A'], [['`1|2`']])), /<td><code>1\|2<\/code><\/td>/);
});
