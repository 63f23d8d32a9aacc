// Timing bounds for a loaded 2-core machine: the suite runs two test files at once, often beside
// other work, and a process start, exit or event-loop turn can then take seconds. A bound is what
// the limits the test configures allow, plus LOAD_SLACK_MS for that scheduling; it still tells a
// bounded wait from an unbounded one (or from a much longer limit), which is what such tests prove.
// Waits that poll (waitUntil) end as soon as their condition holds: a long bound costs a passing test nothing.

/** Headroom for process start-up, exit and scheduling under load. */
export const LOAD_SLACK_MS = 10_000;
