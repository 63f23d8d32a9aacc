// Planning the completion scripts of install and uninstall. A script written by install ends
// with a marker line that also records how many folders install made for it, so that
// uninstall removes only its own files, and exactly the folders it made once they are empty.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Change } from './change';
import type { CompletionTarget } from './layout';
import { planRemoveDir } from './links';
import { readTextIfExists } from './read-text';

const MARKER =
  /(?:^|\n)# gomod-shim install wrote this file(?: \(and made the last (\d+) folders? of its path\))?; gomod-shim uninstall removes (?:it|them)\.\n$/;

function marker(madeFolders: number): string {
  if (madeFolders === 0) return '# gomod-shim install wrote this file; gomod-shim uninstall removes it.\n';
  return `# gomod-shim install wrote this file (and made the last ${madeFolders} folder${madeFolders === 1 ? '' : 's'} of its path); gomod-shim uninstall removes them.\n`;
}

/** The folders install made for the file, from its marker; undefined when install did not write it. */
function madeFoldersOf(text: string): number | undefined {
  const match = MARKER.exec(text);
  return match ? Number(match[1] ?? 0) : undefined;
}

const readText = (file: string) => readTextIfExists(file, 'utf8');

/** The file's folders that do not exist yet, counted up to (not including) base. */
function missingFolders(file: string, base: string): number {
  let count = 0;
  for (let dir = path.dirname(file); dir.startsWith(`${base}${path.sep}`) && !fs.existsSync(dir); dir = path.dirname(dir)) count += 1;
  return count;
}

/** Written beside, then renamed over: a shell never loads half a script. */
function writeScript(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.gomod-shim-${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o644 });
  fs.renameSync(temp, file);
}

/** Writes (or brings up to date) the completion script; a file install did not write is left alone. */
export function planWriteCompletion(target: CompletionTarget, script: string): Change {
  const { file } = target;
  const before = readText(file);
  if (before === null) {
    const text = script + marker(missingFolders(file, target.base));
    return { verb: 'created', path: file, note: `${target.shell} completion`, apply: () => writeScript(file, text) };
  }
  const made = madeFoldersOf(before);
  if (made === undefined) return { verb: 'kept', path: file, note: `${target.shell} completion: not written by gomod-shim install, left as it is` };
  const text = script + marker(made);
  if (text === before) return { verb: 'unchanged', path: file, note: `${target.shell} completion` };
  return { verb: 'edited', path: file, note: `${target.shell} completion: brought up to date`, apply: () => writeScript(file, text) };
}

/** Removes the script install wrote, then the folders it made for it, each only if left empty. */
export function planRemoveCompletion(target: CompletionTarget): Change[] {
  const { file } = target;
  const before = readText(file);
  if (before === null) return [{ verb: 'unchanged', path: file }];
  const made = madeFoldersOf(before);
  if (made === undefined) return [{ verb: 'kept', path: file, note: 'not written by gomod-shim install' }];
  const changes: Change[] = [{ verb: 'removed', path: file, note: `${target.shell} completion`, apply: () => fs.unlinkSync(file) }];
  let leaving = path.basename(file);
  for (let dir = path.dirname(file), i = 0; i < made && dir.startsWith(`${target.base}${path.sep}`); i++, dir = path.dirname(dir)) {
    const change = planRemoveDir(dir, [leaving]);
    changes.push(change);
    if (change.verb !== 'removed') break;
    leaving = path.basename(dir);
  }
  return changes;
}
