// A hang as the hang procedure hands it to the OTLP export, for tests of the export alone
// (the integration tests make real ones through the shim).
import type { HangReport } from '../../src/export/hang-report';
import type { Snapshot } from '../../src/snapshot/snapshot';

export function sampleHangReport(overrides: { snapshot?: Partial<Snapshot>; runId?: number | null } = {}): HangReport {
  const snapshot: Snapshot = {
    taken_at: '2026-11-20T10:00:05.250Z',
    complete: true,
    hang_after_reason: 'GOMODSHIM_HANG_AFTER=5s (env)',
    idle_ms: 5000,
    trigger: 'idle',
    hang_after_ms: 5000,
    mode: 'dump',
    command: ['mod', 'download', 'example.com/dep@v1.0.0'],
    go_pid: 4242,
    env: { GOPROXY: 'http://***@127.0.0.1:9' },
    go_env: { GOPROXY: 'http://***@127.0.0.1:9', GOVERSION: 'go1.19.8' },
    go_env_error: null,
    processes: [],
    network: [],
    goroutines: { raw: null, parsed: [] },
    stderr_tail: [],
    diagnosis: {
      cause: 'proxy-unresponsive',
      summary: 'GOPROXY http://***@127.0.0.1:9 accepted the connection but never answered',
      evidence: ['go waits in a read from 127.0.0.1:9'],
      suggestions: ['bypass the proxy: GOPROXY=direct'],
    },
    ...overrides.snapshot,
  };
  return {
    snapshot,
    run: {
      uuid: 'run-uuid-1',
      startedAt: '2026-11-20T10:00:00.125Z',
      cwd: '/home/gopher/app',
      module: 'example.com/app',
      argv: snapshot.command,
      subcommand: 'mod',
      supervisorPid: 4241,
      goPid: 4242,
      realGo: '/usr/bin/go',
    },
    runId: overrides.runId === undefined ? 12 : overrides.runId,
    endedAtMs: Date.parse('2026-11-20T10:00:06.000Z'),
  };
}
