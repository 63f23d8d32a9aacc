//go:build !linux

package main

import (
	"os/signal"
	"syscall"
)

// No Pdeathsig here: the watcher ends what go left when the front is gone.
func goSysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

// goHasExited reaps go when it has exited (no WNOWAIT here): its status is kept for reap.
func goHasExited(pid int) bool {
	var status syscall.WaitStatus
	for {
		got, err := syscall.Wait4(pid, &status, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || got == pid {
			otherStatus = status
			return true
		}
		return false
	}
}

var otherStatus syscall.WaitStatus

func reap(pid int) syscall.WaitStatus { return otherStatus }

func restoreDefaultAction(sig syscall.Signal) { signal.Reset(sig) }
