package main

import "os"

// handOff gives go's stderr pipe, still held open by something go started (a credential
// cache, a -toolexec server), to a detached copy of the front that goes on relaying, so
// the caller gets go's status now and that process's later output still arrives.
func handOff(pipe *os.File) {
	if self, err := os.Executable(); err == nil {
		startDetached(self, []string{self, "--stderr-relay"}, os.Environ(), int(pipe.Fd()), devNullFd, 2)
	}
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
