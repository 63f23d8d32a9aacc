package main

import (
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// exitLike ends the front the way go ended: its exit code, or death by its signal
// (docs/contract.md, "Transparency"), so a shell prints and sees exactly what go gave.
func exitLike(status syscall.WaitStatus) {
	if status.Signaled() {
		dieBy(status.Signal())
	}
	os.Exit(status.ExitStatus())
}

func dieBy(sig syscall.Signal) {
	signal.Reset(sig)
	restoreDefaultAction(sig)
	// go left its own core dump, if any; one of the front is of no use.
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
	syscall.Kill(os.Getpid(), sig)
	time.Sleep(time.Second)
	os.Exit(128 + int(sig)) // only where the signal could not end us: the shell convention
}

func itoa(n int) string { return strconv.Itoa(n) }
