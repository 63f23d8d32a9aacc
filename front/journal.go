package main

import (
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// journal is the run's file in the spool (docs/front-protocol.md, "The run journal").
// A nil *journal is history off: every method does nothing.
type journal struct {
	path    string
	piledUp bool // more journals than foldThreshold in the spool
}

// openJournal writes the start line; any trouble means one warning and no journal.
func openJournal(r *run) *journal {
	db, warning := historyDB()
	if warning != "" {
		warn(warning)
	}
	if db == "" {
		return nil
	}
	spool, err := prepareSpool(db)
	if err != nil {
		if err != errHistoryOff {
			warn("history is off for this run: " + err.Error())
		}
		return nil
	}
	j := &journal{path: filepath.Join(spool, r.uuid+".jsonl")}
	line := newJSONObject().str("uuid", r.uuid).str("startedAt", isoTime(r.startedAt)).str("cwd", r.cwd).
		strOrNull("module", r.module).strs("argv", redactArgv(r.args)).str("subcommand", r.subcommand).
		int("supervisorPid", int64(os.Getpid())).int("supervisorStartTime", startTicks()).
		int("goPid", int64(r.goPid)).str("realGo", r.realGo).strOrNull("caller", callerName())
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if err == nil {
		if err = writeLine(f, newJSONObject().object("start", line)); err != nil {
			// A full disk creates the file and fails the write: a journal without its start
			// would be skipped by every reader and never removed.
			os.Remove(j.path)
		}
	}
	if err != nil {
		warn("cannot write the run journal: " + err.Error())
		return nil
	}
	j.notePileUp()
	return j
}

// end appends the end line. A journal already gone was folded into the database by the
// watcher: nothing to say.
func (j *journal) end(r *run, status syscall.WaitStatus, endedAt time.Time, hung bool) {
	if j == nil {
		return
	}
	code, signal := statusFields(status)
	line := newJSONObject().str("endedAt", isoTime(endedAt)).int("durationMs", endedAt.Sub(r.startedAt).Milliseconds()).
		intOrNull("exitCode", code).strOrNull("signal", signal).bool("hung", hung)
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, 0)
	if err == nil {
		err = writeLine(f, newJSONObject().object("end", line))
	}
	if err != nil && !os.IsNotExist(err) {
		warn("cannot write the run journal: " + err.Error())
	}
}

// statusFields: go's exit code, or the name of the signal that ended it (the other nil).
func statusFields(status syscall.WaitStatus) (*int, *string) {
	if status.Signaled() {
		name := signalName(status.Signal())
		return nil, &name
	}
	code := status.ExitStatus()
	return &code, nil
}

func writeLine(f *os.File, line *jsonObject) error {
	_, err := f.Write(append(line.bytes(), '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func (j *journal) pathOrNil() *string {
	if j == nil {
		return nil
	}
	return &j.path
}
