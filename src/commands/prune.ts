// `gomod-shim prune --older-than 90d`: forget old runs, and trim snapshots beyond the cap now.
import { localDateTime } from '../stats/format';
import { WHOLE_SNAPSHOTS_KEPT } from '../store/retention';
import { parseSince } from '../ui/time';
import { type Command, UsageError } from './command';
import { readHistory } from './open-store';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const prune: Command = {
  name: 'prune',
  summary: 'remove runs (and their snapshots) older than a given age; --dry-run to see what would go',
  usage:
    'gomod-shim prune --older-than 90d|12w|2026-01-01 [--dry-run]\n\n' +
    '  --older-than  remove every run started before then, with its snapshot\n' +
    '  --dry-run     print what would be removed, remove nothing\n\n' +
    `Apart from this, gomod-shim keeps the newest ${WHOLE_SNAPSHOTS_KEPT} snapshots whole and drops the raw\n` +
    'goroutine dump of older ones (their diagnosis, probe and top goroutines stay), so the database\n' +
    'cannot grow without bound. Every run stays until pruned.',
  flags: { boolean: ['dry-run'], string: ['older-than'] },
  run(args, ctx) {
    const dryRun = args['dry-run'] === true;
    if (args['older-than'] === undefined) throw new UsageError('prune needs --older-than, e.g. --older-than 90d');
    const text = String(args['older-than']);
    const before = parseSince(text, Date.now());
    if (!before) throw new UsageError(`--older-than takes an age (90d, 12w, 720h) or a date (2026-01-01), not ${text}`);

    const report = readHistory(ctx, (store) => {
      const bytesBefore = store.bytes();
      const removed = store.prune(before, dryRun);
      const trimmed = dryRun ? store.countOverCap() : store.capSnapshots();
      // VACUUM rewrites the whole file: worth it only when something went. The removal is
      // committed already, so a busy database only costs the space back.
      let vacuumError: string | null = null;
      if (!dryRun && (removed.runs > 0 || trimmed > 0)) {
        try {
          store.vacuum();
        } catch (err) {
          vacuumError = (err as Error).message.replace(/^history database .* is unusable: /, '');
        }
      }
      return { removed, trimmed, bytesBefore, bytesAfter: store.bytes(), vacuumError };
    });

    const { removed, trimmed } = report;
    const out: string[] = [];
    if (removed.runs === 0) out.push(`No runs started before ${localDateTime(before)}: nothing to remove.`);
    else {
      const span = `${localDateTime(removed.oldest!)} … ${localDateTime(removed.newest!)}`;
      out.push(`${dryRun ? 'Would remove' : 'Removed'} ${removed.runs} run${removed.runs === 1 ? '' : 's'} started ${span} (before ${localDateTime(before)}),`);
      out.push(
        `  ${removed.hangs} of them hung${removed.hangs > 0 ? ` (with their snapshots): #${removed.hungIds.join(', #')}${removed.hangs > removed.hungIds.length ? ', …' : ''}` : ''}.`,
      );
    }
    if (trimmed > 0)
      out.push(
        `${dryRun ? 'Would drop' : 'Dropped'} the raw goroutine dump of ${trimmed} older snapshot${trimmed === 1 ? '' : 's'} (the newest ${WHOLE_SNAPSHOTS_KEPT} stay whole).`,
      );
    if (dryRun) out.push('Dry run: nothing was removed.');
    else if (report.vacuumError) out.push(`Database not compacted (${report.vacuumError}); its free pages will be reused.`);
    else if (removed.runs > 0 || trimmed > 0) out.push(`Database: ${formatBytes(report.bytesBefore)} → ${formatBytes(report.bytesAfter)} (vacuumed).`);
    ctx.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};
