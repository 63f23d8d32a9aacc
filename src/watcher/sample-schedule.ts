// When the sampler looks at go's tree next. Often while the tree works and early in a quiet
// spell; seldom once it has long been quiet (idle CPU of our own); and always at the moment the
// spell reaches the hang limit, so a hang is seen when it is reached, not up to a step later.
// Slower steps are safe: activity is measured against the spell's start, so a step can only make
// a spell start later, never earlier.

export const SAMPLE_EVERY_MS = 500;
/** Quiet this long, the step doubles (1 s); quiet SLOW_AFTER_QUIET_MS, it is QUIET_SAMPLE_EVERY_MS. */
export const LONGER_STEP_AFTER_QUIET_MS = 2000;
export const SLOW_AFTER_QUIET_MS = 5000;
export const QUIET_SAMPLE_EVERY_MS = 2000;

/** The step after a sample that found the tree quiet for idleMs. */
export function sampleInterval(idleMs: number): number {
  if (idleMs >= SLOW_AFTER_QUIET_MS) return QUIET_SAMPLE_EVERY_MS;
  return idleMs >= LONGER_STEP_AFTER_QUIET_MS ? 2 * SAMPLE_EVERY_MS : SAMPLE_EVERY_MS;
}

/**
 * When (ms, same clock as `now`) to take the next sample: one step on, but not after the quiet
 * spell that started at quietSince reaches limitMs (Infinity once the hang was reported).
 * quietSince is null when the last tick saw no spell (no sample, go stopped).
 */
export function nextSampleAt(now: number, quietSince: number | null, limitMs: number): number {
  if (quietSince === null) return now + SAMPLE_EVERY_MS;
  const step = now + sampleInterval(now - quietSince);
  return Math.max(now, Math.min(step, quietSince + limitMs));
}
