// dist/export.js: sends one hang as OpenTelemetry data — a WARN log record and an ERROR span
// for the run — with the official SDK and OTLP/HTTP exporters. Heavy, so bundled apart and
// loaded only when an endpoint is set and a hang happened (src/export/start-export.ts).
// The SDK builds the records into memory first; we then export them ourselves, once, so that
// each signal's outcome comes back to us (a processor would hand failures to a global handler).
import { type Attributes, ROOT_CONTEXT, type SpanContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, type ReadableLogRecord, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AlwaysOnSampler, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { version } from '../../package.json';
import { redactDeep } from '../redact';
import { createLogExporter, createTraceExporter } from './exporters';
import { toolchainVersion } from './go-version';
import { hangAttributes, runSpanName } from './hang-attributes';
import type { HangReport } from './hang-report';
import type { OtlpSettings, OtlpSignal, SignalSettings } from './otlp-settings';
import { hangResource, SERVICE_NAME } from './resource';

export const HANG_EVENT = 'gomod_shim.hang';

export interface SignalFailure {
  signal: OtlpSignal;
  reason: string;
}

interface Exporter<T> {
  export(items: T[], done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

async function recordSpan(report: HangReport, resource: Resource, attributes: Attributes): Promise<{ spans: ReadableSpan[]; context: SpanContext }> {
  const memory = new InMemorySpanExporter();
  // Every hang is sent: a sampler meant for the user's programs does not apply.
  const provider = new TracerProvider({ resource, sampler: new AlwaysOnSampler(), spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
  const { snapshot } = report;
  const span = provider
    .getTracer(SERVICE_NAME, version)
    .startSpan(runSpanName(report), { kind: SpanKind.INTERNAL, startTime: new Date(report.run.startedAt), attributes }, ROOT_CONTEXT);
  span.addEvent(HANG_EVENT, { 'gomod_shim.hang.cause': snapshot.diagnosis.cause, 'gomod_shim.hang.idle_ms': snapshot.idle_ms }, new Date(snapshot.taken_at));
  span.setStatus({ code: SpanStatusCode.ERROR, message: snapshot.diagnosis.summary });
  span.end(new Date(report.endedAtMs));
  await provider.forceFlush();
  return { spans: memory.getFinishedSpans(), context: span.spanContext() };
}

async function recordLog(report: HangReport, resource: Resource, attributes: Attributes, span: SpanContext): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  provider.getLogger(SERVICE_NAME, version).emit({
    eventName: HANG_EVENT,
    timestamp: new Date(report.snapshot.taken_at),
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: report.snapshot.diagnosis.summary,
    attributes,
    // The record carries the run's trace and span ids: a backend links the two.
    context: trace.setSpanContext(ROOT_CONTEXT, span),
  });
  await provider.forceFlush();
  return memory.getFinishedLogRecords();
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'failed';
  const status = (error as { code?: unknown }).code;
  const code = typeof status === 'number' ? `HTTP ${status}` : typeof status === 'string' ? status : '';
  // Node's network errors already name their code (connect ECONNREFUSED 127.0.0.1:4318).
  return (error.message.includes(code) ? error.message : `${code} ${error.message}`).trim() || 'failed';
}

function send<T>(signal: OtlpSignal, exporter: Exporter<T>, items: T[]): Promise<SignalFailure | null> {
  return new Promise((resolve) => {
    const finish = (result: ExportResult) => {
      exporter.shutdown().catch(() => {});
      resolve(result.code === ExportResultCode.SUCCESS ? null : { signal, reason: describeError(result.error) });
    };
    try {
      exporter.export(items, finish);
    } catch (error) {
      finish({ code: ExportResultCode.FAILED, error: error as Error });
    }
  });
}

const MIN_REQUEST_MS = 100;

/** A signal's request limit, shortened so that it ends by the deadline, however long the set-up took. */
function byDeadline(signal: SignalSettings, deadlineMs: number): SignalSettings {
  return { ...signal, timeoutMs: Math.max(MIN_REQUEST_MS, Math.min(signal.timeoutMs, deadlineMs - Date.now())) };
}

/**
 * Sends the log record and the span, both at once; resolves with what failed. The requests end
 * by deadlineMs (epoch ms) at the latest.
 */
export async function exportHang(whole: HangReport, settings: OtlpSettings, deadlineMs = Infinity): Promise<SignalFailure[]> {
  // Everything that leaves the machine passes the one redaction module again (src/redact.ts).
  const report = redactDeep(whole);
  const resource = await hangResource();
  const attributes = hangAttributes(report, report.snapshot.go_env?.GOVERSION ?? toolchainVersion(report.run.realGo));
  const { spans, context } = await recordSpan(report, resource, attributes);
  const logs = await recordLog(report, resource, attributes, context);
  const outcomes = await Promise.all([
    send('logs', createLogExporter(byDeadline(settings.logs, deadlineMs)), logs),
    send('traces', createTraceExporter(byDeadline(settings.traces, deadlineMs)), spans),
  ]);
  return outcomes.filter((o): o is SignalFailure => o !== null);
}
