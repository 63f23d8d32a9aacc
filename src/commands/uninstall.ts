import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultDbPath } from '../paths';
import { applyAll, formatChanges, isNoOp } from '../install/change';
import { binDirFor, rcFileFor, SHELLS, SHIM_NAMES } from '../install/layout';
import { planRemoveDir, planUnlink } from '../install/links';
import { planRemoveBlock } from '../install/rc-files';
import type { Command } from './command';

export const uninstall: Command = {
  name: 'uninstall',
  summary: 'undo gomod-shim install: the rc-file blocks and the bin folder',
  usage: 'gomod-shim uninstall [--dry-run]\n\n  --dry-run  print what would be removed, remove nothing',
  flags: { boolean: ['dry-run'] },
  run(args, ctx) {
    const dryRun = args['dry-run'] === true;
    const binDir = binDirFor(ctx.env);
    // Every shell's rc file, whichever shells install found then: the block goes wherever it is.
    const rcChanges = SHELLS.map((shell) => planRemoveBlock(rcFileFor(shell, ctx.env)));
    const linkChanges = SHIM_NAMES.map((name) => planUnlink(path.join(binDir, name)));
    const unlinked = linkChanges.filter((c) => c.verb === 'removed').map((c) => path.basename(c.path));
    const binChange = planRemoveDir(binDir, unlinked);
    // gomod-shim's own data folder goes too once empty (unless the bin folder had to stay).
    const dataChange = binChange.verb === 'kept' ? [] : [planRemoveDir(path.dirname(binDir), binChange.verb === 'removed' ? ['bin'] : [])];
    const changes = [...rcChanges, ...linkChanges, binChange, ...dataChange].filter((c) => c.verb !== 'unchanged');
    if (!dryRun) applyAll(changes);

    const out = ctx.stdout;
    if (changes.every(isNoOp)) out.write('gomod-shim is not installed: nothing to remove.\n');
    else out.write(dryRun ? 'gomod-shim uninstall --dry-run: nothing removed. Uninstall would do this:\n' : 'gomod-shim uninstall:\n');
    out.write(formatChanges(changes, dryRun));
    if (changes.some((c) => c.verb === 'removed') && !dryRun) out.write(`Shells opened before still have ${binDir} on PATH; open a new terminal.\n`);
    const db = ctx.env.GOMODSHIM_DB || defaultDbPath(ctx.env);
    if (fs.existsSync(db)) out.write(`The run history stays in ${db}; delete it yourself if you want it gone.\n`);
    return 0;
  },
};
