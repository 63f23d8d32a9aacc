// Planning the rc-file edits of install and uninstall. The text work is in rc-block.ts;
// this side reads and writes files, keeping a symlinked rc file (dotfiles repos) a symlink.
// Files are handled as latin1 (one char per byte) so that bytes that are not valid UTF-8
// come back exactly as they were; our own block is UTF-8, turned into bytes the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandError } from '../commands/command';
import type { Change } from './change';
import { addBlock, BrokenBlockError, hasBlock, removeBlock } from './rc-block';
import { readTextIfExists } from './read-text';

// latin1: rc files are edited as bytes, so text that is not UTF-8 survives.
const readText = (file: string) => readTextIfExists(file, 'latin1');

/** Written beside the real file, then renamed over it: a crash never leaves half an rc file. */
function writeText(file: string, text: string): void {
  let real = file;
  let mode = 0o644;
  try {
    real = fs.realpathSync(file);
    mode = fs.statSync(real).mode & 0o7777;
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const temp = `${real}.gomod-shim-${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode, encoding: 'latin1' });
  fs.chmodSync(temp, mode); // writeFileSync's mode is filtered by the umask
  fs.renameSync(temp, real);
}

/** BrokenBlockError → a one-line CommandError naming the file. */
function withFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof BrokenBlockError) throw new CommandError(`${file}: ${err.message}; fix it by hand, then rerun`);
    throw err;
  }
}

function plan(file: string, before: string | null, after: string | null, note: string): Change {
  if (after === before) return { verb: 'unchanged', path: file };
  if (after === null) return { verb: 'removed', path: file, note, apply: () => fs.unlinkSync(file) };
  return { verb: before === null ? 'created' : 'edited', path: file, note, apply: () => writeText(file, after) };
}

/** Adds (or brings up to date) the marked block in one rc file. */
export function planAddBlock(file: string, body: string): Change {
  const before = readText(file);
  const bodyBytes = Buffer.from(body, 'utf8').toString('latin1');
  return withFile(file, () => {
    const note = hasBlock(before) ? 'updated the gomod-shim block' : 'added the gomod-shim block';
    return plan(file, before, addBlock(before, bodyBytes), note);
  });
}

/** Takes the marked block out of one rc file, leaving every other byte as it was. */
export function planRemoveBlock(file: string): Change {
  const before = readText(file);
  if (before === null) return { verb: 'unchanged', path: file };
  return withFile(file, () => {
    const after = removeBlock(before);
    return plan(file, before, after, after === null ? 'it held only the gomod-shim block' : 'removed the gomod-shim block');
  });
}
