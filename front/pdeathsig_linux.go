//go:build linux

package main

import (
	"syscall"
	"unsafe"
)

// go dies with the front, even by SIGKILL. The kernel sends it when the thread that forked
// ends (golang/go#27505); the Go runtime ends a thread only when a goroutine exits while
// locked to it, which nothing in the front does, so the forking thread lives as long as
// the process. (Locking main to its thread would do the same, at the price of a thread
// switch at every wake-up.)
func goSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// goHasExited asks without blocking whether go has exited, and leaves it unreaped (WNOWAIT),
// so its pid cannot be reused while the front may still signal it.
func goHasExited(pid int) bool {
	const pPID, wExited, wNoHang, wNoWait = 1, 4, 1, 0x1000000
	for {
		var info [128]byte
		_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid),
			uintptr(unsafe.Pointer(&info[0])), wExited|wNoHang|wNoWait, 0, 0)
		if errno == syscall.EINTR {
			continue
		}
		// si_signo (the first field) stays 0 unless go was reported. ECHILD and the like:
		// nothing left to wait for.
		return errno != 0 || *(*int32)(unsafe.Pointer(&info[0])) != 0
	}
}

// reap collects go's status once goHasExited has said so.
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
