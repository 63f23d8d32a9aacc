import * as fs from 'node:fs';
import { CommandError } from '../commands/command';

/** A file's text, or null when it does not exist; any other failure is one clear error. */
export function readTextIfExists(file: string, encoding: BufferEncoding): string | null {
  try {
    return fs.readFileSync(file, encoding);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CommandError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
