package main

import (
	"errors"
	"os"
	"time"
)

// relay copies go's stderr pipe to fd 2 chunk by chunk, keeping the tail.
type relay struct {
	pipe    *os.File
	tail    tailRing
	done    chan struct{}
	stopped bool // by a read deadline: the pipe is still open at go's end
}

func startRelay(pipe *os.File) *relay {
	r := &relay{pipe: pipe, done: make(chan struct{})}
	go r.copy()
	return r
}

func (r *relay) copy() {
	defer close(r.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.pipe.Read(buf)
		if n > 0 {
			r.tail.add(buf[:n])
			if errOut.write(buf[:n]) != nil {
				// Our stderr is gone (EPIPE…): go meets the broken pipe itself, as it would alone.
				r.pipe.Close()
				return
			}
		}
		if err != nil {
			r.stopped = errors.Is(err, os.ErrDeadlineExceeded)
			return
		}
	}
}

// drain waits up to `grace` for end of file once go has exited. It reports whether
// something go started still holds the pipe; the relay is then stopped, and the pipe
// is the caller's to hand off.
func (r *relay) drain(grace time.Duration) bool {
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-r.done:
		return false
	case <-timer.C:
	}
	if r.pipe.SetReadDeadline(time.Now()) != nil {
		return true // not pollable: the copy goroutine ends with us
	}
	<-r.done
	return r.stopped
}
