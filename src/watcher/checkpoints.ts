// The front's own activity samples of go's tree from before the watcher started (the hello's
// `checkpoints`, docs/front-protocol.md), so that a quiet spell can start before the watcher
// did. Parsed defensively: what cannot be used is left out, never guessed.
import type { ActivitySample } from '../monitor/idle-detector';

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** "3,12,5" → "3,5,12": the sampler's key lists pids in numeric order; null when not a pid list with go in it. */
function processKeyOf(v: unknown, goPid: number): string | null {
  if (typeof v !== 'string' || !/^\d+(,\d+)*$/.test(v)) return null;
  const pids = v.split(',').map(Number);
  if (!pids.includes(goPid)) return null;
  return pids.sort((a, b) => a - b).join(',');
}

function sampleOf(v: unknown, goPid: number): ActivitySample | null {
  if (v === null || typeof v !== 'object') return null;
  const e = v as Record<string, unknown>;
  const processKey = processKeyOf(e.processKey, goPid);
  if (!isCount(e.at) || !isCount(e.cpuTicks) || !isCount(e.ioBytes) || !isCount(e.outputBytes) || processKey === null) return null;
  return { at: e.at, cpuTicks: e.cpuTicks, ioBytes: e.ioBytes, outputBytes: e.outputBytes, processKey };
}

/**
 * The usable checkpoints, oldest first. An entry that is malformed, in the future or not after
 * the one before it drops everything before it too: a quiet spell must not be traced back
 * across a moment we cannot read (a process started and reaped there would be missed).
 */
export function parseCheckpoints(value: unknown, goPid: number, now: number): ActivitySample[] {
  if (!Array.isArray(value)) return [];
  let kept: ActivitySample[] = [];
  for (const entry of value) {
    const s = sampleOf(entry, goPid);
    const last = kept[kept.length - 1];
    if (s === null || s.at > now || (last !== undefined && s.at <= last.at)) kept = [];
    else kept.push(s);
  }
  return kept;
}
