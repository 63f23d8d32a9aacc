// The one redaction module: every writer (store, journal) and every printer (history, show in
// each format, stats, doctor, warning lines, the OTLP export) passes what it handles through here
// (docs/contract.md, "Snapshot": secrets). The rules live in src/redact/; the shared test data is
// test/fixtures/secrets/corpus.json, which the Go front's redactor is tested against too.

export { redactArgv } from './redact/argv';
export { redactDeep } from './redact/deep';
export { redactEnv, redactEnvValue } from './redact/env';
export { isSecretName } from './redact/names';
export { REDACTED, redactText } from './redact/text';
