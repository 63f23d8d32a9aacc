package main

import (
	"encoding/json"
	"os"
	"os/exec"
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
		warn("this run is not watched: %v", err)
		r.watcher = &watcher{gone: true, released: closedChannel(), closed: closedChannel()}
		return
	}
	r.watcher = w
	w.send(map[string]interface{}{
		"ev": "hello", "uuid": r.uuid, "goPid": r.goPid, "frontPid": os.Getpid(), "realGo": r.realGo,
		"startedMs": r.startedAt.UnixMilli(), "argv": r.args, "cwd": r.cwd, "trigger": trigger,
		"journal": r.journal.pathOrNil(),
	})
	go w.serve()
}

func launchWatcher(ring *tailRing) (*watcher, error) {
	node, script, err := watcherCommand()
	if err != nil {
		return nil, err
	}
	closeInheritedOnExec()
	ours, theirs, err := socketPair()
	if err != nil {
		return nil, err
	}
	defer theirs.Close()
	cmd := &exec.Cmd{
		Path: node, Args: []string{node, script}, Env: watcherEnv(),
		ExtraFiles:  []*os.File{theirs},
		SysProcAttr: &syscall.SysProcAttr{Setsid: true},
	}
	if err := cmd.Start(); err != nil {
		ours.Close()
		return nil, err
	}
	go cmd.Wait()
	return &watcher{sock: ours, ring: ring, released: make(chan struct{}), closed: make(chan struct{}), parked: make(chan struct{}), resume: make(chan struct{})}, nil
}

// watcherCommand: node on PATH, and watcher.js beside the front's real path.
func watcherCommand() (node, script string, err error) {
	if node, err = exec.LookPath("node"); err != nil {
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

func (w *watcher) send(v interface{}) {
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
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
