//go:build !linux

package main

import (
	"os/signal"
	"syscall"
)

// No Pdeathsig here: the watcher ends what go left when the front is gone.
func goSysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

func waitUntilExited(pid int) {
	var status syscall.WaitStatus
	for {
		// Reaps go: its status is kept for reapedStatus.
		_, err := syscall.Wait4(pid, &status, 0, nil)
		if err != syscall.EINTR {
			otherStatus = status
			return
		}
	}
}

var otherStatus syscall.WaitStatus

func reap(pid int) syscall.WaitStatus { return otherStatus }

func restoreDefaultAction(sig syscall.Signal) { signal.Reset(sig) }
