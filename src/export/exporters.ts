// The official OTLP/HTTP exporters, one per protocol. Given no url, each reads
// OTEL_EXPORTER_OTLP_(LOGS_|TRACES_)ENDPOINT itself; headers, certificates and compression
// always come from the standard variables.
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { SignalSettings } from './otlp-settings';

function exporterConfig(settings: SignalSettings) {
  return { url: settings.url, timeoutMillis: settings.timeoutMs };
}

export function createLogExporter(settings: SignalSettings): LogRecordExporter {
  const config = exporterConfig(settings);
  return settings.protocol === 'http/json' ? new JsonLogExporter(config) : new ProtobufLogExporter(config);
}

export function createTraceExporter(settings: SignalSettings): SpanExporter {
  const config = exporterConfig(settings);
  return settings.protocol === 'http/json' ? new JsonTraceExporter(config) : new ProtobufTraceExporter(config);
}
