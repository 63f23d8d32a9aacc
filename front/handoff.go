package main

import (
	"os"
	"syscall"
)

// handOff gives go's stderr pipe, still held open by something go started (a credential
// cache, a -toolexec server), to a detached copy of the front that goes on relaying, so
// the caller gets go's status now and that process's later output still arrives.
func handOff(pipe *os.File) {
	self, err := os.Executable()
	if err != nil {
		return
	}
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		return
	}
	defer devNull.Close()
	closeInheritedOnExec()
	attr := &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{pipe.Fd(), devNull.Fd(), 2},
		Sys:   &syscall.SysProcAttr{Setsid: true},
	}
	syscall.ForkExec(self, []string{self, "--stderr-relay"}, attr)
}

// relayStdinToStderr is the --stderr-relay mode: copy until end of file.
func relayStdinToStderr() int {
	buf := make([]byte, 32<<10)
	for {
		n, err := os.Stdin.Read(buf)
		if n > 0 {
			if _, werr := os.Stderr.Write(buf[:n]); werr != nil {
				return 0
			}
		}
		if err != nil {
			return 0
		}
	}
}
