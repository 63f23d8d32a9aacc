import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyAll, formatChanges, isNoOp } from '../install/change';
import { planRemoveCompletion } from '../install/completion-files';
import { binDirFor, completionTargetFor, rcFileFor, SHELLS, SHIM_NAMES } from '../install/layout';
import { planRemoveDir, planUnlink } from '../install/links';
import { planRemoveBlock } from '../install/rc-files';
import { defaultDbPath } from '../paths';
import type { Command } from './command';

export const uninstall: Command = {
  name: 'uninstall',
  summary: 'undo gomod-shim install: the rc-file blocks, the completion scripts and the bin folder',
  usage: 'gomod-shim uninstall [--dry-run]\n\n  --dry-run  print what would be removed, remove nothing',
  flags: { boolean: ['dry-run'] },
  run(args, ctx) {
    const dryRun = args['dry-run'] === true;
    const binDir = binDirFor(ctx.env);
    const dataDir = path.dirname(binDir);
    // Every shell's rc file and script, whichever shells install found then: they go wherever they are.
    const rcChanges = SHELLS.map((shell) => planRemoveBlock(rcFileFor(shell, ctx.env)));
    const completionChanges = SHELLS.flatMap((shell) => planRemoveCompletion(completionTargetFor(shell, ctx.env)));
    const linkChanges = SHIM_NAMES.map((name) => planUnlink(path.join(binDir, name)));
    const unlinked = linkChanges.filter((c) => c.verb === 'removed').map((c) => path.basename(c.path));
    const binChange = planRemoveDir(binDir, unlinked);
    const before = [...rcChanges, ...completionChanges, ...linkChanges, binChange];
    // gomod-shim's own data folder goes too once what is removed above leaves it empty (unless the bin folder had to stay).
    const leaving = before.filter((c) => c.verb === 'removed' && path.dirname(c.path) === dataDir).map((c) => path.basename(c.path));
    const dataChange = binChange.verb === 'kept' ? [] : [planRemoveDir(dataDir, leaving)];
    const changes = [...before, ...dataChange].filter((c) => c.verb !== 'unchanged');
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
