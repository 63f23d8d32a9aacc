// The hook the hang procedure calls once the hang is stored: with an OTLP endpoint set, load
// dist/export.js (only then) and send the hang, within EXPORT_BUDGET_MS; whatever goes wrong
// costs at most one `gomod-shim: warning:` line and never touches go.
import { loadBundle } from '../watcher/lazy-bundle';
import { warnOnce } from '../watcher/warn';
import { within } from '../within';
import type { HangReport } from './hang-report';
import { EXPORT_BUDGET_MS, type OtlpSettings, REQUEST_TIMEOUT_MS, readOtlpSettings } from './otlp-settings';
import { scrubSecrets } from './scrub';

type ExportModule = typeof import('./export-hang');

async function send(report: HangReport, settings: OtlpSettings): Promise<string | null> {
  // The requests end REQUEST_TIMEOUT_MS after we start, whatever loading took; the budget
  // only catches a set-up that itself stalls.
  const deadlineMs = Date.now() + REQUEST_TIMEOUT_MS;
  const { exportHang } = loadBundle<ExportModule>('export', '../export/export-hang');
  const outcome = await within(exportHang(report, settings, deadlineMs), EXPORT_BUDGET_MS);
  if (outcome === 'late') return `not done within ${EXPORT_BUDGET_MS / 1000} s`;
  if (outcome.length === 0) return null;
  const reasons = [...new Set(outcome.map((f) => f.reason))];
  return reasons.length === 1 ? reasons[0] : outcome.map((f) => `${f.signal}: ${f.reason}`).join('; ');
}

/** Resolves when the hang was sent, could not be, or the budget ran out; never rejects. */
export async function exportHangIfConfigured(report: HangReport, env: NodeJS.ProcessEnv): Promise<void> {
  const { settings, problem } = readOtlpSettings(env);
  if (problem) return warnOnce(problem);
  if (!settings) return;
  let failure: string | null;
  try {
    failure = await send(report, settings);
  } catch (err) {
    failure = (err as Error).message;
  }
  if (failure !== null) warnOnce(scrubSecrets(`could not export the hang to the OTLP endpoint ${settings.shownEndpoint}: ${failure}`, env));
}
