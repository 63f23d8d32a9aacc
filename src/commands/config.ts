// `gomod-shim config`: the settings a watched run would use here, and where each comes from.
import { loadConfig, type SettingReport } from '../config';
import { describeOrigin, type Origin } from '../config/origin';
import { readDisable, readWatch } from '../config/shell-settings';
import { redactDeep } from '../redact';
import { styleFor } from '../ui/style';
import { formatTable } from '../ui/table';
import type { Command } from './command';
import { printWarnings } from './warn-line';

interface Shown extends SettingReport {
  /** Read by the go shim (sh) from the environment only, never from the file. */
  envOnly: boolean;
}

/** GOMODSHIM_WATCH and GOMODSHIM_DISABLE, validated as shim/go validates them. */
function envOnlySettings(env: NodeJS.ProcessEnv, warnings: string[]): Shown[] {
  const watch = readWatch(env);
  const disable = readDisable(env);
  for (const w of [watch.warning, disable.warning]) if (w) warnings.push(w);
  return [
    { name: 'watch', value: watch.watch, origin: watch.fromEnv ? { kind: 'env', name: 'GOMODSHIM_WATCH' } : { kind: 'default' }, envOnly: true },
    {
      name: 'disable',
      value: disable.disabled ? 'yes' : 'no',
      origin: disable.disabled ? { kind: 'env', name: 'GOMODSHIM_DISABLE' } : { kind: 'default' },
      envOnly: true,
    },
  ];
}

function sourceJson(origin: Origin): { source: Origin['kind']; from: string | null } {
  return { source: origin.kind, from: origin.kind === 'file' ? origin.path : origin.kind === 'env' ? origin.name : null };
}

export const config: Command = {
  name: 'config',
  summary: 'the effective settings and where each comes from (default, config file, environment)',
  usage: 'gomod-shim config [--json]',
  flags: { boolean: ['json'] },
  run(args, ctx) {
    const loaded = loadConfig(ctx.env);
    const warnings = [...loaded.warnings];
    const shown: Shown[] = [...loaded.report.map((s) => ({ ...s, envOnly: false })), ...envOnlySettings(ctx.env, warnings)];
    printWarnings(ctx.stderr, warnings);
    const { file } = loaded;

    if (args.json) {
      const settings = Object.fromEntries(shown.map((s) => [s.name, { value: s.value, ...sourceJson(s.origin), env_only: s.envOnly }]));
      const out = { config_file: { path: file.path, found: file.found, problem: file.problem }, settings, warnings };
      ctx.stdout.write(`${JSON.stringify(redactDeep(out), null, 2)}\n`);
      return 0;
    }
    const style = styleFor(ctx.stdout, ctx.env);
    const state = !file.found ? 'not found: defaults and environment only' : file.problem ? `ignored: it ${file.problem}` : 'read';
    const rows = shown.map((s) => [s.name, s.value, `${describeOrigin(s.origin)}${s.envOnly ? style.dim(' (environment only)') : ''}`]);
    ctx.stdout.write(
      `${style.bold('Config file')} ${file.path} (${state})\n\n` +
        `${formatTable(['SETTING', 'VALUE', 'FROM'], rows)}\n\n` +
        style.dim('The environment (GOMODSHIM_*) wins over the file, the file over the defaults.\n'),
    );
    return 0;
  },
};
