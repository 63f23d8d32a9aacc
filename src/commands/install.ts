import * as fs from 'node:fs';
import { packageRoot } from '../paths';
import { applyAll, formatChanges, isNoOp, type Change } from '../install/change';
import { binDirFor, linksFor, rcTargetFor, shellsInUse } from '../install/layout';
import { planLink } from '../install/links';
import { planAddBlock } from '../install/rc-files';
import { CommandError, type Command } from './command';

export const install: Command = {
  name: 'install',
  summary: 'put the go shim first on PATH for bash, zsh and fish',
  usage: 'gomod-shim install [--dry-run] [--no-rc]\n\n  --dry-run  print what would change, change nothing\n  --no-rc    only the bin folder; leave the shell rc files alone',
  flags: { boolean: ['dry-run', 'rc'], default: { rc: true } },
  run(args, ctx) {
    const dryRun = args['dry-run'] === true;
    const binDir = binDirFor(ctx.env);
    if (/[:\n]/.test(binDir)) throw new CommandError(`the bin folder ${binDir} holds ':' or a newline, which PATH cannot hold (see XDG_DATA_HOME)`);
    // The links point at the shims' real files, wherever this checkout is reached from.
    const links = linksFor(binDir, packageRoot()).map((l) => ({ ...l, target: fs.realpathSync(l.target) }));
    const shells = args.rc ? shellsInUse(ctx.env) : [];
    const rcChanges = shells.map((shell): Change => {
      const target = rcTargetFor(shell, ctx.env, binDir);
      const change = planAddBlock(target.file, target.body);
      return { ...change, note: `${shell}: ${change.note ?? 'has the gomod-shim block'}` };
    });
    const changes = [...links.map(planLink), ...rcChanges];
    if (!dryRun) applyAll(changes);

    const nothing = changes.every(isNoOp);
    const out = ctx.stdout;
    if (dryRun) out.write('gomod-shim install --dry-run: nothing written. Install would do this:\n');
    else out.write(nothing ? 'gomod-shim is already installed; nothing changed:\n' : 'gomod-shim install:\n');
    out.write(formatChanges(changes, dryRun));
    if (!args.rc) out.write(`Shell rc files left alone (--no-rc): put ${binDir} first on PATH yourself.\n`);
    else if (shells.length === 0) out.write(`No bash, zsh or fish found: put ${binDir} first on PATH yourself.\n`);
    else if (!nothing && !dryRun) out.write(`New ${shells.join(', ')} shells get ${binDir} first on PATH; open a new terminal (or source the rc file).\n`);
    out.write(`To undo: gomod-shim uninstall (in a shell opened before: ${binDir}/gomod-shim uninstall)\n`);
    return 0;
  },
};
