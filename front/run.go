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
	realGo    string
	args      []string
	goPid     int
	startedAt time.Time
	relay     *relay
	signals   chan os.Signal
	exited    chan struct{}
	journal   *journal
	watcher   *watcher

	uuid, cwd, subcommand string
	module                *string
}

// superviseUntilExit forwards signals and starts the watcher once go has run long enough.
func (r *run) superviseUntilExit() {
	timer := time.NewTimer(watcherDelay())
	defer timer.Stop()
	for {
		select {
		case sig := <-r.signals:
			r.onSignal(sig.(syscall.Signal))
		case <-timer.C:
			select {
			case <-r.exited:
				return
			default:
				// A SIGQUIT may have started it already.
				if r.watcher == nil {
					r.startWatcher("timer")
				}
			}
		case <-r.exited:
			return
		}
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

func exitEvent(status syscall.WaitStatus, endedAt time.Time, stderrBytes int64) map[string]interface{} {
	ev := map[string]interface{}{"ev": "exit", "code": nil, "signal": nil, "endedMs": endedAt.UnixMilli(), "stderrBytes": stderrBytes}
	if status.Signaled() {
		ev["signal"] = signalName(status.Signal())
	} else {
		ev["code"] = status.ExitStatus()
	}
	return ev
}

// watcherDelay: GOMODSHIM_WATCHER_DELAY (a Go duration) for tests and tuning, else 1s.
func watcherDelay() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("GOMODSHIM_WATCHER_DELAY")); err == nil && d >= 0 {
		return d
	}
	return time.Second
}
