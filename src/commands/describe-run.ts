// Short phrases shared by `history` and `show`.
import { formatDuration } from '../duration';
import type { HistoryItem } from '../store/store';
import type { Style } from '../ui/style';

export function commandLine(run: HistoryItem): string {
  return ['go', ...run.argv].map(quoteForShell).join(' ');
}

/** Shell-style quoting, only where needed, so a command reads as it was typed. */
export function quoteForShell(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function outcome(run: HistoryItem, style: Style): string {
  if (run.hung) return style.red('hung');
  if (run.status === 'running') return style.yellow('running');
  if (run.status === 'lost') return style.yellow('lost');
  if (run.signal) return style.red(run.signal);
  return run.exit_code === 0 ? style.green('0') : style.red(String(run.exit_code));
}

export function duration(run: HistoryItem): string {
  return run.duration_ms === null ? '-' : formatDuration(run.duration_ms);
}
