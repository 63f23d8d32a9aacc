package main

import (
	"os"
	"path/filepath"
)

// foldThreshold: the journals of short runs (no watcher) wait in the spool until a reader or a
// watcher folds them into the database. An editor calls go list all day: past this many, the
// front starts a detached `node watcher.js --fold` as it exits, off the caller's path. A fold
// costs a Node.js start (~0.3 s of CPU): spread over 256 runs, about a millisecond each.
const foldThreshold = 256

// notePileUp counts the spool while go runs (not after it has exited, when the caller waits).
func (j *journal) notePileUp() {
	dir, err := os.Open(filepath.Dir(j.path))
	if err != nil {
		return
	}
	names, _ := dir.Readdirnames(foldThreshold + 1)
	dir.Close()
	j.piledUp = len(names) > foldThreshold
}

func (j *journal) foldIfPiledUp() {
	if j == nil || !j.piledUp {
		return
	}
	node, script, err := watcherCommand()
	if err != nil {
		return // the next reader folds them in
	}
	startDetached(node, []string{node, script, "--fold"}, watcherEnv(), devNullFd, devNullFd, devNullFd)
}
