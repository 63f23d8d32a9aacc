// One marked block per shell rc file, added and removed so that every other byte stays
// as it was. The start marker also records what the install did around the block
// (created the file, or ended an unterminated last line) so that uninstall can undo
// exactly that, and nothing more.

export const START_MARKER = '# >>> gomod-shim >>>';
export const END_MARKER = '# <<< gomod-shim <<<';

/** What the install did besides writing the block: kept in the start marker line. */
type Origin = 'appended' | 'created-file' | 'ended-line';

const START_NOTES: Record<Origin, string> = {
  appended: '',
  'created-file': ' (gomod-shim install created this file)',
  'ended-line': ' (gomod-shim install ended the line above)',
};

interface Block {
  /** Offset of the start marker line. */
  start: number;
  /** Offset just past the end marker line (and its newline, if any). */
  end: number;
  origin: Origin;
}

/** The rc text has a start marker without its end marker: editing it would be a guess. */
export class BrokenBlockError extends Error {}

function originOf(line: string): Origin | undefined {
  return (Object.keys(START_NOTES) as Origin[]).find((o) => line === START_MARKER + START_NOTES[o]);
}

function findBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let open: { start: number; origin: Origin } | undefined;
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const next = newline === -1 ? text.length : newline + 1;
    // CRLF files: the markers still match.
    const line = text.slice(at, newline === -1 ? text.length : newline).replace(/\r$/, '');
    const origin = originOf(line);
    if (origin !== undefined) {
      if (open) throw new BrokenBlockError(`a ${START_MARKER} line has no ${END_MARKER} line after it`);
      open = { start: at, origin };
    } else if (line === END_MARKER) {
      if (!open) throw new BrokenBlockError(`a ${END_MARKER} line has no ${START_MARKER} line before it`);
      blocks.push({ ...open, end: next });
      open = undefined;
    }
    at = next;
  }
  if (open) throw new BrokenBlockError(`a ${START_MARKER} line has no ${END_MARKER} line after it`);
  return blocks;
}

function render(origin: Origin, body: string): string {
  const lines = body.endsWith('\n') ? body : `${body}\n`;
  return `${START_MARKER}${START_NOTES[origin]}\n${lines}${END_MARKER}\n`;
}

/** Takes one block out, undoing the newline the install added when it is still the file's end. */
function cut(text: string, block: Block): string {
  const atEnd = block.end === text.length;
  const start = block.origin === 'ended-line' && atEnd && text[block.start - 1] === '\n' ? block.start - 1 : block.start;
  return text.slice(0, start) + text.slice(block.end);
}

/** True when the text holds a gomod-shim block. */
export function hasBlock(text: string | null): boolean {
  return text !== null && findBlocks(text).length > 0;
}

/**
 * The rc text with the block holding `body`: appended at the end (so that it runs after the
 * user's own PATH changes), or, when a block is already there, replaced in place. `null`
 * text means the file does not exist yet.
 */
export function addBlock(text: string | null, body: string): string {
  if (text === null) return render('created-file', body);
  const [first, ...extra] = findBlocks(text);
  if (!first) return text === '' || text.endsWith('\n') ? text + render('appended', body) : `${text}\n${render('ended-line', body)}`;
  // Stray copies (pasted by hand) go; the first block keeps its place and its origin.
  let out = text;
  for (const block of extra.reverse()) out = cut(out, block);
  return out.slice(0, first.start) + render(first.origin, body) + out.slice(first.end);
}

/**
 * The rc text without any gomod-shim block, exactly as it was before the install.
 * `null` means the file should be removed: the install created it and nothing else is left.
 */
export function removeBlock(text: string): string | null {
  const blocks = findBlocks(text);
  let out = text;
  for (const block of [...blocks].reverse()) out = cut(out, block);
  const createdByInstall = blocks.some((b) => b.origin === 'created-file');
  return createdByInstall && out === '' ? null : out;
}
