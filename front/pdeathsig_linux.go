//go:build linux

package main

import (
	"syscall"
	"unsafe"
)

// go dies with the front, even by SIGKILL (the kernel sends it when the forking thread ends).
func goSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// waitUntilExited blocks until go has exited but leaves it unreaped (WNOWAIT), so its pid
// cannot be reused while the front may still signal it.
func waitUntilExited(pid int) {
	const pPID, wExited, wNoWait = 1, 4, 0x1000000
	var info [128]byte
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid),
			uintptr(unsafe.Pointer(&info[0])), wExited|wNoWait, 0, 0)
		if errno != syscall.EINTR {
			return
		}
	}
}

// reap collects go's status once waitUntilExited has returned.
func reap(pid int) syscall.WaitStatus {
	var status syscall.WaitStatus
	for {
		if _, err := syscall.Wait4(pid, &status, 0, nil); err != syscall.EINTR {
			return status
		}
	}
}

// restoreDefaultAction sets sig's action to SIG_DFL behind the Go runtime's back: the
// runtime keeps its own handler for SIGSEGV, SIGABRT… even after signal.Reset. An
// all-zero kernel sigaction is SIG_DFL, no flags, empty mask on every architecture.
func restoreDefaultAction(sig syscall.Signal) {
	var action [64]byte
	syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&action[0])), 0, 8, 0, 0)
}
