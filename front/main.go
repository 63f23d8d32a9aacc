// Command gomod-shim-front stands between the caller and the real go on the watched
// path: it runs go with the caller's argv, environment and streams, relays go's stderr,
// forwards signals, journals the run, and starts the Node.js watcher beside go only for
// runs that last (docs/front-protocol.md).
package main

import (
	"os"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--stderr-relay" {
		os.Exit(relayStdinToStderr())
	}
	if len(os.Args) < 2 || os.Args[1] == "" {
		os.Stderr.WriteString("gomod-shim: usage: gomod-shim-front REAL_GO [go arguments…]\n")
		os.Exit(2)
	}
	realGo, args := os.Args[1], os.Args[2:]
	startedAt := time.Now()
	signals := catchSignals()
	pipeRead, pipeWrite, err := os.Pipe()
	if err != nil {
		execDirectly(realGo, args)
	}
	goPid, err := spawnGo(realGo, args, pipeWrite)
	if err != nil {
		spawnFailed(realGo, args, err)
	}
	pipeWrite.Close()
	r := &run{
		realGo: realGo, args: args, goPid: goPid, startedAt: startedAt,
		relay: startRelay(pipeRead), signals: signals,
	}
	r.describe()
	r.journal = openJournal(r)
	r.superviseUntilExit()
	r.finish()
}

// execDirectly is the fail-open path: whatever went wrong is ours, so go runs alone.
func execDirectly(realGo string, args []string) {
	err := syscall.Exec(realGo, append([]string{realGo}, args...), os.Environ())
	cannotRun(realGo, err)
}

func cannotRun(realGo string, err error) {
	os.Stderr.WriteString("gomod-shim: cannot run " + realGo + ": " + err.Error() + "\n")
	if err == syscall.ENOENT || err == syscall.ENOTDIR || err == syscall.ELOOP || err == syscall.ENAMETOOLONG {
		os.Exit(127)
	}
	os.Exit(126)
}
