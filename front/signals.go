package main

import (
	"os"
	"os/signal"
	"syscall"
)

var caughtSignals = []syscall.Signal{
	syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGUSR1, syscall.SIGUSR2,
	syscall.SIGWINCH, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU,
	syscall.SIGCONT, syscall.SIGPIPE,
}

// catchSignals runs before the spawn, so no signal can end the front and leave go
// behind. A signal the caller left ignored (nohup, a background job) is not touched:
// the runtime then keeps SIG_IGN, and go inherits it.
//
// SIGCHLD tells the supervising loop that go may have exited (the runtime handles it
// whatever the caller left, so it is always caught).
func catchSignals() chan os.Signal {
	ch := make(chan os.Signal, 64)
	wanted := []os.Signal{syscall.SIGCHLD}
	for _, sig := range caughtSignals {
		if !signal.Ignored(sig) {
			wanted = append(wanted, sig)
		}
	}
	signal.Notify(ch, wanted...)
	return ch
}

// onSignal handles one signal while go runs.
func (r *run) onSignal(sig syscall.Signal) {
	switch sig {
	case syscall.SIGCHLD:
		// The loop checks whether it was go that ended.
	case syscall.SIGPIPE:
		// Ours to ignore: a broken stderr shows up as EPIPE in the relay.
	case syscall.SIGQUIT:
		// Ctrl-\ reached go from the terminal already; it is the watcher's cue for a snapshot.
		// go may exit (after its dump) before the watcher can ask us to wait for it: we hold
		// our exit for the watcher's release at once.
		if r.watcher == nil {
			r.startWatcher("sigquit")
		} else {
			r.watcher.send(newJSONObject().str("ev", "sigquit"))
		}
		r.watcher.holdExit()
	case syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
		syscall.Kill(r.goPid, sig)
		syscall.Kill(os.Getpid(), syscall.SIGSTOP)
	case syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP:
		if r.watcher != nil {
			r.watcher.send(newJSONObject().str("ev", "signal").str("name", signalName(sig)))
		}
		syscall.Kill(r.goPid, sig)
	default:
		syscall.Kill(r.goPid, sig)
	}
}

var signalNames = map[syscall.Signal]string{
	syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT",
	syscall.SIGILL: "SIGILL", syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT",
	syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE", syscall.SIGKILL: "SIGKILL",
	syscall.SIGUSR1: "SIGUSR1", syscall.SIGSEGV: "SIGSEGV", syscall.SIGUSR2: "SIGUSR2",
	syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM", syscall.SIGTERM: "SIGTERM",
	syscall.SIGCHLD: "SIGCHLD", syscall.SIGCONT: "SIGCONT", syscall.SIGSTOP: "SIGSTOP",
	syscall.SIGTSTP: "SIGTSTP", syscall.SIGTTIN: "SIGTTIN", syscall.SIGTTOU: "SIGTTOU",
	syscall.SIGURG: "SIGURG", syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ",
	syscall.SIGVTALRM: "SIGVTALRM", syscall.SIGPROF: "SIGPROF", syscall.SIGWINCH: "SIGWINCH",
	syscall.SIGIO: "SIGIO", syscall.SIGSYS: "SIGSYS",
}

// signalName: "SIGTERM", as Node.js and the journal name signals.
func signalName(sig syscall.Signal) string {
	if name, ok := signalNames[sig]; ok {
		return name
	}
	return "SIG" + itoa(int(sig))
}
