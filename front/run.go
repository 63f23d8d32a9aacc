package main

import (
	"os"
	"syscall"
	"time"
)

const (
	stderrGrace  = 50 * time.Millisecond // after go's exit, how long the relay may wait for end of file
	holdLimit    = 30 * time.Second      // how long a `hold` may keep the front: the record of a hang (probe, go env, export) is bounded well below
	hungExitCode = 124                   // as timeout(1)
)

// run is one go call from spawn to exit.
type run struct {
	realGo      string
	args        []string
	goPid       int
	startedAt   time.Time
	relay       *relay
	signals     chan os.Signal
	journal     *journal
	watcher     *watcher
	checkpoints []checkpoint // go's activity before the watcher starts, oldest first

	uuid, cwd, subcommand string
	module                *string
}

// superviseUntilExit forwards signals and starts the watcher once go has run long enough.
// go's exit arrives as SIGCHLD on the same channel as the other signals: no thread sits
// blocked in wait, which keeps a short run as cheap as a bare fork and wait.
// Until then, a checkpoint of go's activity every checkpointEvery (none for a short run).
func (r *run) superviseUntilExit() {
	due := r.startedAt.Add(watcherDelay())
	timer := time.NewTimer(untilNextCheck(due))
	defer timer.Stop()
	for !goHasExited(r.goPid) {
		select {
		case sig := <-r.signals:
			r.onSignal(sig.(syscall.Signal))
		case <-timer.C:
			// A SIGQUIT may have started it already.
			if r.watcher != nil || goHasExited(r.goPid) {
				continue
			}
			if !time.Now().Before(due) {
				r.startWatcher("timer")
				continue
			}
			r.noteCheckpoint()
			timer.Reset(untilNextCheck(due))
		}
	}
}

func untilNextCheck(due time.Time) time.Duration {
	if left := time.Until(due); left < checkpointEvery {
		return left
	}
	return checkpointEvery
}

// noteCheckpoint keeps the last few: an older one can only start the idle clock earlier,
// and dropping it starts it later, which is the safe side.
func (r *run) noteCheckpoint() {
	const kept = 8
	if c, ok := takeCheckpoint(r.goPid, r.relay.tail.bytes()); ok {
		if len(r.checkpoints) == kept {
			r.checkpoints = r.checkpoints[1:]
		}
		r.checkpoints = append(r.checkpoints, c)
	}
}

// finish: relay what go printed, journal the end, tell the watcher, and exit like go.
func (r *run) finish() {
	status := reap(r.goPid)
	endedAt := time.Now()
	if r.relay.drain(stderrGrace) {
		handOff(r.relay.pipe)
	}
	w := r.watcher
	if w != nil {
		w.settle()
	}
	r.journal.end(r, status, endedAt, w != nil && w.isHung())
	if w == nil {
		r.journal.foldIfPiledUp()
		exitLike(status)
	}
	w.send(exitEvent(status, endedAt, r.relay.tail.bytes()))
	if w.mustWait() {
		r.waitForRelease(w)
	}
	if w.isHung() {
		os.Exit(hungExitCode)
	}
	exitLike(status)
}

// waitForRelease keeps the front (answering tail/say) until the watcher releases it, its
// socket ends, the limit passes, or someone signals that they want us gone.
func (r *run) waitForRelease(w *watcher) {
	timer := time.NewTimer(holdLimit)
	defer timer.Stop()
	for {
		select {
		case <-w.released:
			return
		case <-timer.C:
			return
		case sig := <-r.signals:
			switch sig {
			case syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP:
				return
			}
		}
	}
}

func exitEvent(status syscall.WaitStatus, endedAt time.Time, stderrBytes int64) *jsonObject {
	code, signal := statusFields(status)
	return newJSONObject().str("ev", "exit").intOrNull("code", code).strOrNull("signal", signal).
		int("endedMs", endedAt.UnixMilli()).int("stderrBytes", stderrBytes)
}

// watcherDelay: GOMODSHIM_WATCHER_DELAY (a Go duration) for tests and tuning, else 1s.
func watcherDelay() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("GOMODSHIM_WATCHER_DELAY")); err == nil && d >= 0 {
		return d
	}
	return time.Second
}
