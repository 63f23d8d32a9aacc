package main

import (
	"os"
	"syscall"
)

// spawnGo starts go with argv[0] = the real path (as the shim's own exec gives), the
// environment and working directory inherited byte for byte, fds 0 and 1 passed straight
// through, and fd 2 = the relay pipe. syscall.ForkExec rather than os/exec: handing an
// *os.File to os/exec calls Fd(), which clears O_NONBLOCK on the caller's shared stdin/stdout.
func spawnGo(realGo string, args []string, stderrPipe *os.File) (int, error) {
	attr := &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{0, 1, stderrPipe.Fd()},
		Sys:   goSysProcAttr(),
	}
	return syscall.ForkExec(realGo, append([]string{realGo}, args...), attr)
}

// spawnFailed: a go that cannot be executed is the caller's problem (exit 127/126 as a
// shell would); anything else is ours, so go runs without us.
func spawnFailed(realGo string, args []string, err error) {
	switch err {
	case syscall.ENOENT, syscall.ENOTDIR, syscall.ELOOP, syscall.ENAMETOOLONG,
		syscall.EACCES, syscall.EPERM, syscall.ENOEXEC, syscall.EISDIR:
		cannotRun(realGo, err)
	}
	execDirectly(realGo, args)
}
