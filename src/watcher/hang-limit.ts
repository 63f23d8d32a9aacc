// The hang limit of one run and the reason it applies. A fixed limit is known at once; an auto
// limit starts as the fixed fallback and is learned when the supervisor opens the history,
// 1 s into the run (RunRecorder.promote) — never before go is spawned, never for short runs.
import { AUTO_PARAMS, autoLimit } from '../adaptive/auto-limit';
import { type AutoSubject, describeAutoLimit } from '../adaptive/describe';
import type { Config } from '../config';
import { DEFAULT_KEY, describeHangAfterEntry, type HangAfterTable, pickHangAfter } from '../config/hang-after';
import { DEFAULTS } from '../config/resolve';
import { parseGoDuration } from '../duration';
import { commandOf, subcommandOf } from '../record/run-record';
import type { HistoryStore } from '../store/store';

interface AutoState {
  source: string; // "GOMODSHIM_HANG_AFTER=auto (env)"
  fallback: string; // "default 60s"
  subject: AutoSubject;
  settled: boolean;
}

/** The fixed limit an auto entry starts from: the table's own default when fixed, else the built-in one. */
function fallbackFor(table: HangAfterTable, key: string): { ms: number; text: string } {
  const own = table[DEFAULT_KEY];
  if (key !== DEFAULT_KEY && own.value.kind === 'fixed') return { ms: own.value.ms, text: describeHangAfterEntry(DEFAULT_KEY, own) };
  return { ms: parseGoDuration(DEFAULTS.hangAfter) as number, text: `default ${DEFAULTS.hangAfter}` };
}

export class HangLimit {
  ms: number;
  reason: string;
  private readonly auto: AutoState | null = null;

  constructor(hangAfter: Config['hangAfter'], goArgs: readonly string[], module: string | null) {
    const command = commandOf(goArgs);
    const { key, entry } = pickHangAfter(hangAfter, command, subcommandOf(goArgs));
    const source = describeHangAfterEntry(key, entry);
    if (entry.value.kind === 'fixed') {
      this.ms = entry.value.ms;
      this.reason = source;
      return;
    }
    const fallback = fallbackFor(hangAfter, key);
    this.auto = { source, fallback: fallback.text, subject: { command, module }, settled: false };
    this.ms = fallback.ms;
    this.reason = `${source} — ${fallback.text} until the history is read`;
  }

  /** auto: the limit learned from past successful runs replaces the fallback (once). */
  learn(store: HistoryStore | null): void {
    const auto = this.auto;
    if (!auto || auto.settled) return;
    auto.settled = true;
    if (!store) {
      this.keepFallback('the history database is unusable');
      return;
    }
    try {
      const quiet = store.quietSpells(auto.subject.module, auto.subject.command, AUTO_PARAMS.window);
      const limit = autoLimit(quiet, this.ms);
      this.ms = limit.ms;
      this.reason = `${auto.source} — ${describeAutoLimit(limit, auto.subject, auto.fallback)}`;
    } catch (err) {
      this.keepFallback(`the history could not be read: ${(err as Error).message}`);
    }
  }

  /** At the end of the run: an auto limit never learned says why. */
  settle(): void {
    if (this.auto && !this.auto.settled) this.keepFallback('the run ended before the history was read');
  }

  private keepFallback(why: string): void {
    const auto = this.auto as AutoState;
    auto.settled = true;
    this.reason = `${auto.source} — ${auto.fallback} (${why})`;
  }
}
