package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// journal is the run's file in the spool (docs/front-protocol.md, "The run journal").
// A nil *journal is history off: every method does nothing.
type journal struct {
	path string
}

type startLine struct {
	UUID                string   `json:"uuid"`
	StartedAt           string   `json:"startedAt"`
	Cwd                 string   `json:"cwd"`
	Module              *string  `json:"module"`
	Argv                []string `json:"argv"`
	Subcommand          string   `json:"subcommand"`
	SupervisorPid       int      `json:"supervisorPid"`
	SupervisorStartTime int64    `json:"supervisorStartTime"`
	GoPid               int      `json:"goPid"`
	RealGo              string   `json:"realGo"`
	Caller              *string  `json:"caller"`
}

type endLine struct {
	EndedAt    string  `json:"endedAt"`
	DurationMs int64   `json:"durationMs"`
	ExitCode   *int    `json:"exitCode"`
	Signal     *string `json:"signal"`
	Hung       bool    `json:"hung"`
}

// openJournal writes the start line; any trouble means one warning and no journal.
func openJournal(r *run) *journal {
	db, warning := historyDB()
	if warning != "" {
		warn("%s", warning)
	}
	if db == "" {
		return nil
	}
	spool, err := prepareSpool(db)
	if err != nil {
		if err != errHistoryOff {
			warn("history is off for this run: %v", err)
		}
		return nil
	}
	j := &journal{path: filepath.Join(spool, r.uuid+".jsonl")}
	line := startLine{
		UUID: r.uuid, StartedAt: isoTime(r.startedAt), Cwd: r.cwd, Module: r.module,
		Argv: redactArgv(r.args), Subcommand: r.subcommand, SupervisorPid: os.Getpid(),
		SupervisorStartTime: startTicks(), GoPid: r.goPid, RealGo: r.realGo, Caller: callerName(),
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o600)
	if err == nil {
		if err = writeLine(f, map[string]interface{}{"start": line}); err != nil {
			// A full disk creates the file and fails the write: a journal without its start
			// would be skipped by every reader and never removed.
			os.Remove(j.path)
		}
	}
	if err != nil {
		warn("cannot write the run journal: %v", err)
		return nil
	}
	return j
}

// end appends the end line. A journal already gone was folded into the database by the
// watcher: nothing to say.
func (j *journal) end(r *run, status syscall.WaitStatus, endedAt time.Time, hung bool) {
	if j == nil {
		return
	}
	line := endLine{EndedAt: isoTime(endedAt), DurationMs: endedAt.Sub(r.startedAt).Milliseconds(), Hung: hung}
	if status.Signaled() {
		name := signalName(status.Signal())
		line.Signal = &name
	} else {
		code := status.ExitStatus()
		line.ExitCode = &code
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, 0)
	if err == nil {
		err = writeLine(f, map[string]interface{}{"end": line})
	}
	if err != nil && !os.IsNotExist(err) {
		warn("cannot write the run journal: %v", err)
	}
}

func writeLine(f *os.File, v interface{}) error {
	data, err := json.Marshal(v)
	if err == nil {
		_, err = f.Write(append(data, '\n'))
	}
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
