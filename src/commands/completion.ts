import { completionScript } from '../completion/script';
import { isShell, SHELLS } from '../shells';
import { type Command, UsageError } from './command';
import { COMMANDS } from './registry';

export const completion: Command = {
  name: 'completion',
  summary: 'print the tab-completion script for bash, zsh or fish (install sets it up)',
  usage: [
    'gomod-shim completion bash|zsh|fish',
    '',
    'gomod-shim install already sets completion up. To load it by hand instead:',
    '  bash  source <(gomod-shim completion bash)',
    '  zsh   source <(gomod-shim completion zsh)    (after compinit)',
    '  fish  gomod-shim completion fish | source',
  ].join('\n'),
  flags: {},
  positionals: Number.MAX_SAFE_INTEGER, // checked below, with a message that names the shells
  run(args, ctx) {
    const [, shell, ...extra] = args._.map(String);
    if (shell === undefined) throw new UsageError(`completion needs a shell: ${SHELLS.join(', ')}`);
    if (!isShell(shell)) throw new UsageError(`completion knows ${SHELLS.join(', ')}, not ${shell}`);
    if (extra.length > 0) throw new UsageError(`completion takes one shell, not ${[shell, ...extra].join(' ')}`);
    ctx.stdout.write(completionScript(shell, COMMANDS));
    return 0;
  },
};
