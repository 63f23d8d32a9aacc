// The completion script for one shell, made from the command registry.

import { version } from '../../package.json';
import type { Command } from '../commands/command';
import type { Shell } from '../shells';
import { bashScript } from './bash';
import { fishScript } from './fish';
import { completionSpec } from './spec';
import { zshScript } from './zsh';

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  const spec = completionSpec(commands);
  const header = [`# ${shell} completion for gomod-shim ${version}, made from its commands (gomod-shim completion ${shell} prints it).`];
  switch (shell) {
    case 'bash':
      return bashScript(spec, header);
    case 'zsh':
      return zshScript(spec, header);
    case 'fish':
      return fishScript(spec, header);
  }
}
