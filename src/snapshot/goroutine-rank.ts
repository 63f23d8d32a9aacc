// Which goroutines of a dump tell why go is stuck, shared by `show`, `show --markdown` and the
// retention cap (which keeps these and drops the rest): pure functions over parsed goroutines.
import type { Frame, Goroutine } from './goroutine-dump';

/** Runtime internals: the scheduler, syscalls, sync — present in every dump, rarely the story. */
export function isRuntimeFrame(frame: Frame): boolean {
  return /^(runtime|internal\/|sync\.|syscall\.)/.test(frame.function);
}

/** A goroutine doing go's own work: module fetching, network, a child process, TLS. */
export function goroutineMatters(g: Goroutine): boolean {
  return g.frames.some((f) => /^(cmd\/go\/|net[./]|net\/http|os\/exec|crypto\/tls)/.test(f.function));
}

/** The frames that are not runtime internals (what a reader wants to see of a goroutine). */
export function ownFrames(g: Goroutine): Frame[] {
  return g.frames.filter((f) => !isRuntimeFrame(f));
}

/**
 * The goroutines worth reading, best first: those that matter, then any other with a frame
 * of its own. Goroutines made only of runtime frames are left out.
 */
export function rankGoroutines(parsed: readonly Goroutine[]): Goroutine[] {
  const mattering = parsed.filter(goroutineMatters);
  const rest = parsed.filter((g) => !goroutineMatters(g) && ownFrames(g).length > 0);
  return [...mattering, ...rest];
}
