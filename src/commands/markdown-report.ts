// `gomod-shim show ID --markdown`: one hang as GitHub-flavoured Markdown, to paste into a bug
// report or a golang/go issue. The long parts (go env, the whole dump) sit in <details> blocks.

import { formatDuration } from '../duration';
import { redactEnvValue, redactText } from '../redact';
import type { Goroutine } from '../snapshot/goroutine-dump';
import { ownFrames, rankGoroutines } from '../snapshot/goroutine-rank';
import { snapshotIsHang } from '../snapshot/is-hang';
import { probeMs } from '../snapshot/probe/describe';
import type { Snapshot } from '../snapshot/snapshot';
import type { HistoryItem } from '../store/store';
import { chainLines, triggerText } from '../waitchain/describe';
import { commandLine } from './describe-run';

const MAX_GOROUTINES = 8;
const MAX_FRAMES = 12;
const STDERR_LINES = 15;

/** Text with Markdown's punctuation escaped, on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>|~#]/g, '\\$&');
}

/** An inline code span that survives backticks inside it (CommonMark 6.1). */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run in the text. */
export function codeBlock(text: string, info = 'text'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** A GFM table; cells are Markdown already (escaped or code spans). */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A collapsed block; the blank lines let GitHub render the Markdown inside. */
function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</summary>\n\n${body}\n\n</details>`;
}

function goVersion(s: Snapshot | null): string {
  const env = s?.go_env;
  if (!env?.GOVERSION) return 'unknown (go env was not captured)';
  return `${env.GOVERSION} ${env.GOOS ?? '?'}/${env.GOARCH ?? '?'}`;
}

function ending(run: HistoryItem, s: Snapshot | null): string {
  if (run.exit_code === null && !run.signal) return run.status === 'lost' ? 'unknown: the shim ended before go did' : run.status;
  const how = run.signal ? `go died by ${run.signal}` : `go exited ${run.exit_code}`;
  return s?.mode === 'dump' && s.goroutines.raw !== null ? `${how} after gomod-shim's SIGQUIT (which makes go print its goroutines); the shim exited 124` : how;
}

function facts(run: HistoryItem, s: Snapshot | null, version: string): string {
  const rows: [string, string][] = [
    ['go version', inlineCode(goVersion(s))],
    ['command', inlineCode(commandLine(run))],
    ['module', run.module ? inlineCode(run.module) : '-'],
    ['started', run.started_at],
  ];
  if (s)
    rows.push([
      snapshotIsHang(s) ? 'hang' : 'snapshot',
      escapeMarkdown(`no activity for ${formatDuration(s.idle_ms)} (limit ${formatDuration(s.hang_after_ms)}), ${triggerText(s)}, mode ${s.mode}`),
    ]);
  rows.push(['ended', escapeMarkdown(ending(run, s))]);
  rows.push(['recorded by', `gomod-shim ${version} (run #${run.id})`]);
  return markdownTable(
    ['', ''],
    rows.map(([k, v]) => [`**${k}**`, v]),
  );
}

function diagnosis(s: Snapshot): string {
  const d = s.diagnosis;
  const list = (items: string[]) => (items.length ? items.map((i) => `- ${escapeMarkdown(i)}`).join('\n') : '- none');
  return `**Cause:** ${inlineCode(d.cause)}: ${escapeMarkdown(d.summary)}\n\n**Evidence**\n\n${list(d.evidence)}\n\n**What to try**\n\n${list(d.suggestions)}`;
}

function probeTable(s: Snapshot): string {
  if (s.network.length === 0) return 'No probe result (the probe did not run or did not finish).';
  const rows = s.network.map((p) => [
    inlineCode(p.target),
    p.role,
    probeMs(p.dns_ms, ' '),
    probeMs(p.connect_ms, ' '),
    probeMs(p.tls_ms, ' '),
    p.http_status === null ? '-' : String(p.http_status),
    escapeMarkdown(p.ok ? `ok${p.error ? ` (${p.error})` : ''}` : (p.error ?? 'failed')),
  ]);
  return markdownTable(['Target', 'Role', 'DNS', 'Connect', 'TLS', 'HTTP', 'Result'], rows);
}

function goroutineText(g: Goroutine): string {
  const own = ownFrames(g);
  const folded = g.frames.length - own.length;
  const wait = g.wait_minutes > 0 ? `, ${g.wait_minutes} minutes` : '';
  const lines = [`goroutine ${g.id} [${g.state}${wait}]:`, ...own.slice(0, MAX_FRAMES).map((f) => `${f.function}\n\t${f.file}:${f.line}`)];
  if (own.length > MAX_FRAMES) lines.push(`… ${own.length - MAX_FRAMES} more frames`);
  if (folded > 0) lines.push(`… ${folded} runtime frame${folded === 1 ? '' : 's'} folded`);
  return lines.join('\n');
}

function goroutines(s: Snapshot): string {
  const parsed = s.goroutines.parsed;
  if (parsed.length === 0) return s.mode === 'observe' ? 'None captured (observe mode sends go no SIGQUIT).' : 'None captured.';
  const shown = rankGoroutines(parsed).slice(0, MAX_GOROUTINES);
  const total = s.retention?.goroutines_total ?? parsed.length;
  const note = `${shown.length} of ${total} goroutines: those in cmd/go, net, os/exec or crypto/tls first; runtime frames folded.`;
  return `${note}\n\n${codeBlock(shown.map(goroutineText).join('\n\n'))}`;
}

function settings(s: Snapshot): string {
  const lines = (vars: Record<string, string>) =>
    Object.keys(vars)
      .sort()
      .map((k) => `${k}=${JSON.stringify(redactEnvValue(k, vars[k], vars))}`)
      .join('\n');
  const goEnv = s.go_env ? codeBlock(lines(s.go_env), 'sh') : `go env was not captured: ${escapeMarkdown(s.go_env_error ?? 'no reason recorded')}`;
  const env = Object.keys(s.env).length ? `\n\nThe Go-related environment of the run:\n\n${codeBlock(lines(s.env), 'sh')}` : '';
  return details('go env (secrets redacted)', goEnv + env);
}

function dump(s: Snapshot, runId: number): string {
  const raw = s.goroutines.raw;
  if (raw) return details(`Full goroutine dump (${raw.replace(/\n+$/, '').split('\n').length} lines)`, codeBlock(raw));
  if (s.retention) return `_The full goroutine dump of run #${runId} was dropped on ${s.retention.dump_dropped_at.slice(0, 10)} by the retention cap._`;
  return s.mode === 'observe' ? '_No goroutine dump: observe mode sends go no SIGQUIT._' : '_No goroutine dump was captured._';
}

/** The whole report. Everything passes through redaction again, though the store holds it redacted. */
export function markdownReport(run: HistoryItem, s: Snapshot | null, version: string): string {
  const title = s
    ? `## ${inlineCode(commandLine(run))} ${snapshotIsHang(s) ? 'hung' : 'snapshot (not a hang)'}: ${s.diagnosis.cause}`
    : `## ${inlineCode(commandLine(run))}: run #${run.id}`;
  const parts = [title, ''];
  if (s) parts.push(`> ${escapeMarkdown(s.diagnosis.summary)}`, '');
  parts.push(facts(run, s, version), '');
  if (!s) {
    parts.push(run.summary ? escapeMarkdown(`${run.cause}: ${run.summary}`) : 'This run did not hang: there is no snapshot.', '');
    return redactText(parts.join('\n'));
  }
  parts.push('### Diagnosis', '', diagnosis(s), '');
  if (s.wait_chain?.length) parts.push('### Wait chain', '', codeBlock(chainLines(s).join('\n')), '');
  parts.push('### Network probe', '', probeTable(s), '', '### Goroutines that matter', '', goroutines(s), '');
  if (s.stderr_tail.length) parts.push('### Last lines go printed', '', codeBlock(s.stderr_tail.slice(-STDERR_LINES).join('\n')), '');
  parts.push(settings(s), '', dump(s, run.id), '');
  return redactText(parts.join('\n'));
}
