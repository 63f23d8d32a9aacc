// What the watcher says reaches the user through the front, which prints it between chunks of
// go's stderr (the watcher's own stdio is /dev/null: it never holds the caller's streams; see
// docs/front-protocol.md). At most one warning line per run: the front keeps that rule across
// its own warnings and ours.
//
// One sink for the whole process: each lazily loaded bundle (dist/export.js) carries its own
// copy of this module.
import { redactText } from '../redact';
import { printableLine } from '../ui/printable';

type Sink = (text: string, warning: boolean) => void;
const shared = globalThis as { gomodShimSay?: Sink; gomodShimWarned?: boolean };

export function setSink(sink: Sink): void {
  shared.gomodShimSay = sink;
}

/** One line of ours on go's stderr (`gomod-shim: …`). */
export function say(line: string): void {
  shared.gomodShimSay?.(line, false);
}

export function warnOnce(message: string): void {
  if (shared.gomodShimWarned) return;
  shared.gomodShimWarned = true;
  shared.gomodShimSay?.(`gomod-shim: warning: ${printableLine(redactText(message))}`, true);
}

/** shim/go printed the run's one warning line already (src/config/shell-settings.ts). */
export function markWarned(): void {
  shared.gomodShimWarned = true;
}
