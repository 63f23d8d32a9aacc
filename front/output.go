package main

import (
	"os"
	"sync"
)

// stderrOut is the one writer of fd 2: go's relayed chunks, the watcher's `say` texts
// and the front's own warnings, never interleaved within a chunk.
type stderrOut struct {
	mu     sync.Mutex
	warned bool
}

var errOut = &stderrOut{}

func (o *stderrOut) write(p []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, err := os.Stderr.Write(p)
	return err
}

// say writes one line of ours. Of all warning lines of a run only the first is printed
// (docs/contract.md: at most one warning line).
func (o *stderrOut) say(text string, warning bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if warning {
		if o.warned {
			return
		}
		o.warned = true
	}
	os.Stderr.WriteString(text + "\n")
}

func warn(text string) {
	errOut.say("gomod-shim: warning: "+text, true)
}
