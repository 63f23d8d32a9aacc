package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

const (
	writeLimit = 2 * time.Second      // a watcher that stops reading is given up on
	settleWait = 5 * time.Millisecond // enough to read what is already in the socket
)

// watcher is the front's end of the socket to `node watcher.js` (docs/front-protocol.md,
// "The socket between the front and the watcher").
type watcher struct {
	sock *os.File
	ring *tailRing

	writeMu sync.Mutex
	gone    bool // a write failed: nothing more is sent

	mu         sync.Mutex
	hung, hold bool

	released     chan struct{} // `release` or the end of the socket
	releaseOnce  sync.Once
	closed       chan struct{} // the end of the socket
	parked       chan struct{}
	resume       chan struct{}
	partialInput []byte
}

// startWatcher starts node with watcher.js from beside the front; either missing is one
// warning, and go goes on unwatched. Nothing here can affect go.
func (r *run) startWatcher(trigger string) {
	w, err := launchWatcher(&r.relay.tail)
	if err != nil {
		warn("this run is not watched: " + err.Error())
		r.watcher = &watcher{gone: true, released: closedChannel(), closed: closedChannel()}
		return
	}
	r.watcher = w
	r.noteCheckpoint()
	w.send(newJSONObject().str("ev", "hello").str("uuid", r.uuid).int("goPid", int64(r.goPid)).
		int("frontPid", int64(os.Getpid())).str("realGo", r.realGo).int("startedMs", r.startedAt.UnixMilli()).
		strs("argv", r.args).str("cwd", r.cwd).str("trigger", trigger).strOrNull("journal", r.journal.pathOrNil()).
		objects("checkpoints", r.checkpointsJSON()))
	go w.serve()
}

func (r *run) checkpointsJSON() []*jsonObject {
	out := make([]*jsonObject, len(r.checkpoints))
	for i, c := range r.checkpoints {
		out[i] = c.json()
	}
	return out
}

func launchWatcher(ring *tailRing) (*watcher, error) {
	node, script, err := watcherCommand()
	if err != nil {
		return nil, err
	}
	ours, theirs, err := socketPair()
	if err != nil {
		return nil, err
	}
	defer theirs.Close()
	if _, err := startDetached(node, []string{node, script}, watcherEnv(), devNullFd, devNullFd, devNullFd, int(theirs.Fd())); err != nil {
		ours.Close()
		return nil, err
	}
	return &watcher{sock: ours, ring: ring, released: make(chan struct{}), closed: make(chan struct{}), parked: make(chan struct{}), resume: make(chan struct{})}, nil
}

// watcherCommand: node on PATH, and watcher.js beside the front's real path.
func watcherCommand() (node, script string, err error) {
	if node, err = lookPath("node"); err != nil {
		return "", "", err
	}
	self, err := os.Executable()
	if err == nil {
		self, err = filepath.EvalSymlinks(self)
	}
	if err != nil {
		return "", "", err
	}
	script = filepath.Join(filepath.Dir(self), "watcher.js")
	if _, err := os.Stat(script); err != nil {
		return "", "", err
	}
	return node, script, nil
}

// socketPair: our end pollable (deadlines work), theirs becomes the watcher's fd 3.
func socketPair() (*os.File, *os.File, error) {
	syscall.ForkLock.RLock()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, nil, err
	}
	syscall.SetNonblock(fds[0], true)
	return os.NewFile(uintptr(fds[0]), "watcher-socket"), os.NewFile(uintptr(fds[1]), "watcher-socket"), nil
}

// watcherEnv: the run's environment less Node.js's own settings.
func watcherEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "NODE_") || strings.HasPrefix(kv, "UV_THREADPOOL_SIZE=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func (w *watcher) send(line *jsonObject) {
	data := line.bytes()
	w.writeMu.Lock()
	defer w.writeMu.Unlock()
	if w.gone {
		return
	}
	w.sock.SetWriteDeadline(time.Now().Add(writeLimit))
	if _, err := w.sock.Write(append(data, '\n')); err != nil {
		w.gone = true
	}
}

func (w *watcher) isHung() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hung
}

func (w *watcher) mustWait() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hung || w.hold
}

// holdExit: when go exits, wait for the watcher's release (bounded, and only if it runs).
func (w *watcher) holdExit() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hold = !w.gone
}

func (w *watcher) release() { w.releaseOnce.Do(func() { close(w.released) }) }

func closedChannel() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}
