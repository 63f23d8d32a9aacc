// `gomod-shim config`: the settings a watched run would use here, and where each comes from.
import { DEFAULTS, loadConfig, type SettingReport } from '../config';
import { describeOrigin, type Origin } from '../config/origin';
import { formatTable } from '../ui/table';
import { styleFor } from '../ui/style';
import type { Command } from './command';

interface Shown extends SettingReport {
  /** Read by the go shim (sh) from the environment only, never from the file. */
  envOnly: boolean;
}

/** GOMODSHIM_WATCH and GOMODSHIM_DISABLE, validated as shim/go validates them. */
function envOnlySettings(env: NodeJS.ProcessEnv, warnings: string[]): Shown[] {
  const watch = env.GOMODSHIM_WATCH || '';
  let watchShown: Shown = { name: 'watch', value: DEFAULTS.watch, origin: { kind: 'default' }, envOnly: true };
  if (watch && /^[a-z0-9, ]*$/.test(watch)) watchShown = { ...watchShown, value: watch, origin: { kind: 'env', name: 'GOMODSHIM_WATCH' } };
  else if (watch) warnings.push(`GOMODSHIM_WATCH=${watch} is not a comma-separated list of go subcommands; using ${DEFAULTS.watch}`);
  const disabled = env.GOMODSHIM_DISABLE === '1';
  const disable: Shown = {
    name: 'disable',
    value: disabled ? 'yes' : 'no',
    origin: disabled ? { kind: 'env', name: 'GOMODSHIM_DISABLE' } : { kind: 'default' },
    envOnly: true,
  };
  return [watchShown, disable];
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
    for (const w of warnings) ctx.stderr.write(`gomod-shim: warning: ${w}\n`);
    const { file } = loaded;

    if (args.json) {
      const settings = Object.fromEntries(shown.map((s) => [s.name, { value: s.value, ...sourceJson(s.origin), env_only: s.envOnly }]));
      const out = { config_file: { path: file.path, found: file.found, problem: file.problem }, settings, warnings };
      ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
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
