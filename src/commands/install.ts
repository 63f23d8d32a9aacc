import * as fs from 'node:fs';
import { completionScript } from '../completion/script';
import { findRealGo } from '../doctor/find-go';
import { buildFront, frontBinaryPath } from '../install/build-front';
import { applyAll, type Change, formatChanges, isNoOp } from '../install/change';
import { planRemoveCompletion, planWriteCompletion } from '../install/completion-files';
import { binDirFor, completionTargetFor, linksFor, rcTargetFor, SHELLS, type Shell, shellsInUse } from '../install/layout';
import { planLink } from '../install/links';
import { planAddBlock } from '../install/rc-files';
import { packageRoot } from '../paths';
import { type Command, CommandError } from './command';
import { COMMANDS } from './registry';

/** Each shell's script, or (--no-completion) the removal of any a past install wrote. */
function completionChanges(shells: readonly Shell[], wanted: boolean, env: NodeJS.ProcessEnv): Change[] {
  if (wanted) return shells.map((shell) => planWriteCompletion(completionTargetFor(shell, env), completionScript(shell, COMMANDS)));
  return SHELLS.flatMap((shell) => planRemoveCompletion(completionTargetFor(shell, env))).filter((c) => c.verb !== 'unchanged');
}

/** Builds front/ with the real go (the one the shim will run); returns that go, or throws. */
function buildFrontWithRealGo(env: NodeJS.ProcessEnv): string {
  const realGo = findRealGo(env);
  if (!realGo) throw new CommandError('no real go found on PATH (GOMODSHIM_REAL_GO unset): install needs go to build the front');
  const result = buildFront(realGo, packageRoot());
  if (!result.ok) throw new CommandError(`could not build the front with ${realGo}: ${result.error}`);
  return realGo;
}

export const install: Command = {
  name: 'install',
  summary: 'put the go shim first on PATH for bash, zsh and fish, with tab completion',
  usage: [
    'gomod-shim install [--dry-run] [--no-rc] [--no-completion]',
    '',
    '  --dry-run        print what would change, change nothing',
    '  --no-rc          only the bin folder; leave the shell rc files (and completion) alone',
    '  --no-completion  no tab completion for gomod-shim (removes what an earlier install set up)',
  ].join('\n'),
  flags: { boolean: ['dry-run', 'rc', 'completion'], default: { rc: true, completion: true } },
  run(args, ctx) {
    const dryRun = args['dry-run'] === true;
    const binDir = binDirFor(ctx.env);
    if (/[:\n]/.test(binDir)) throw new CommandError(`the bin folder ${binDir} holds ':' or a newline, which PATH cannot hold (see XDG_DATA_HOME)`);
    // The links point at the shims' real files, wherever this checkout is reached from.
    const links = linksFor(binDir, packageRoot()).map((l) => ({ ...l, target: fs.realpathSync(l.target) }));
    const shells = args.rc ? shellsInUse(ctx.env) : [];
    const completion = args.completion === true;
    const rcChanges = shells.map((shell): Change => {
      const target = rcTargetFor(shell, ctx.env, binDir, completion);
      const change = planAddBlock(target.file, target.body);
      return { ...change, note: `${shell}: ${change.note ?? 'has the gomod-shim block'}` };
    });
    // Scripts before rc blocks: a shell started meanwhile never sources a missing script.
    const changes = [...links.map(planLink), ...(args.rc ? completionChanges(shells, completion, ctx.env) : []), ...rcChanges];
    // The compiled front first: links to a shim with no front would run go unwatched.
    const built = dryRun ? null : buildFrontWithRealGo(ctx.env);
    if (!dryRun) applyAll(changes);

    const nothing = changes.every(isNoOp);
    const out = ctx.stdout;
    if (built) out.write(`Built the watched path's front (${frontBinaryPath(packageRoot())}) with ${built}.\n`);
    if (dryRun) out.write('gomod-shim install --dry-run: nothing written. Install would do this:\n');
    else out.write(nothing ? 'gomod-shim is already installed; nothing changed:\n' : 'gomod-shim install:\n');
    out.write(formatChanges(changes, dryRun));
    if (!args.rc) out.write(`Shell rc files left alone (--no-rc): put ${binDir} first on PATH yourself.\n`);
    else if (shells.length === 0) out.write(`No bash, zsh or fish found: put ${binDir} first on PATH yourself.\n`);
    else if (!nothing && !dryRun) {
      const extra = completion ? ', and tab completion for gomod-shim' : '';
      out.write(`New ${shells.join(', ')} shells get ${binDir} first on PATH${extra}; open a new terminal (or source the rc file).\n`);
    }
    out.write(`To undo: gomod-shim uninstall (in a shell opened before: ${binDir}/gomod-shim uninstall)\n`);
    return 0;
  },
};
