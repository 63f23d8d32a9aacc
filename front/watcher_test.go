package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWatcherProtocolEndToEnd(t *testing.T) {
	goMayExit := filepath.Join(t.TempDir(), "go-may-exit")
	plan := `[{"await":"hello"},{"send":{"op":"stat"}},{"await":"re:stat"},
	  {"send":{"op":"say","text":"gomod-shim: from the watcher","warning":false}},
	  {"send":{"op":"say","text":"gomod-shim: warning: first","warning":true}},
	  {"send":{"op":"say","text":"gomod-shim: warning: second","warning":true}},
	  {"send":{"op":"hold"}},{"send":{"op":"stat"}},{"await":"re:stat"},{"touch":"` + goMayExit + `"},
	  {"await":"exit"},{"send":{"op":"tail","from":0}},{"await":"re:tail"},{"log":"releasing"},{"send":{"op":"release"}}]`
	db := filepath.Join(t.TempDir(), "h.db")
	env, log := watchedEnv(t, plan, "GOMODSHIM_DB="+db, "TESTGO_DO=err:"+hexOf("line one\n")+" waitfile:"+goMayExit+" exit:4")
	res := runCmd(t, frontCmdAt(watchedFront(t), env, testGo, "mod", "download", "https://u:raw-pw@h.example/x"))
	if res.status.ExitStatus() != 4 {
		t.Fatalf("front exited %v, want go's 4; stderr %q", res.status, res.stderr)
	}
	if lines := ourLines(res.stderr); strings.Join(lines, "|") != "gomod-shim: from the watcher|gomod-shim: warning: first" ||
		!strings.Contains(string(res.stderr), "line one\n") { // of all warning lines, only the first
		t.Errorf("stderr %q", res.stderr)
	}
	messages, lines := watcherSaw(t, log)
	hello := find(messages, "ev", "hello")
	if hello == nil || hello["trigger"] != "timer" || hello["realGo"] != testGo || hello["goPid"].(float64) <= 0 ||
		hello["frontPid"].(float64) <= 0 || hello["startedMs"].(float64) <= 0 || hello["journal"] == nil || hello["uuid"] == "" {
		t.Fatalf("hello %v", hello)
	}
	if argv, _ := json.Marshal(hello["argv"]); string(argv) != `["mod","download","https://u:raw-pw@h.example/x"]` {
		t.Errorf("hello argv %s (raw: the watcher redacts)", argv)
	}
	exit := find(messages, "ev", "exit")
	if exit == nil || exit["code"] != float64(4) || exit["signal"] != nil || exit["stderrBytes"] != float64(9) {
		t.Errorf("exit %v", exit)
	}
	tail := find(messages, "re", "tail")
	if tail == nil || tail["from"] != float64(0) || tail["to"] != float64(9) || tail["text"] != "line one\n" {
		t.Errorf("tail %v", tail)
	}
	// The front held on after go's exit: it still answered tail, until the release.
	if got := strings.Join(lines, ","); !strings.Contains(got, "msg:exit,msg:tail,releasing") {
		t.Errorf("watcher log %s", got)
	}
}

// `hung` sent just before go ends (as the watcher does before it signals go): exit 124.
func TestWatcherHungMeansExit124(t *testing.T) {
	goMayExit := filepath.Join(t.TempDir(), "go-may-exit")
	plan := `[{"await":"hello"},{"send":{"op":"hung"}},{"touch":"` + goMayExit + `"},{"await":"exit"},{"close":true}]`
	db := filepath.Join(t.TempDir(), "h.db")
	env, _ := watchedEnv(t, plan, "GOMODSHIM_DB="+db, "TESTGO_DO=waitfile:"+goMayExit+" exit:0")
	res := runCmd(t, frontCmdAt(watchedFront(t), env, testGo, "mod", "download"))
	if res.status.ExitStatus() != hungExitCode {
		t.Fatalf("front exited %v, want 124", res.status)
	}
	j, _ := readJournal(t, db+"-spool")
	if j.End["hung"] != true || j.End["exitCode"] != float64(0) {
		t.Errorf("end line %v", j.End)
	}
}

func TestSigquitStartsTheWatcherAtOnce(t *testing.T) {
	goMayExit := filepath.Join(t.TempDir(), "go-may-exit")
	plan := `[{"await":"hello"},{"touch":"` + goMayExit + `"}]`
	env, log := watchedEnv(t, plan, "TESTGO_DO=ready waitfile:"+goMayExit+" exit:0")
	for i, kv := range env {
		if kv == "GOMODSHIM_WATCHER_DELAY=50ms" {
			env[i] = "GOMODSHIM_WATCHER_DELAY=1h"
		}
	}
	cmd := frontCmdAt(watchedFront(t), env, testGo, "mod", "tidy")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("go said %q", line)
	}
	cmd.Process.Signal(syscall.SIGQUIT)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("front: %v", err)
	}
	messages, _ := watcherSaw(t, log)
	if hello := find(messages, "ev", "hello"); hello == nil || hello["trigger"] != "sigquit" {
		t.Fatalf("hello %v", hello)
	}
}

func TestWatcherHearsOfSignalsBeforeGo(t *testing.T) {
	watching := filepath.Join(t.TempDir(), "watching")
	plan := `[{"await":"hello"},{"touch":"` + watching + `"},{"await":"exit"}]`
	env, log := watchedEnv(t, plan, "TESTGO_DO=catch")
	cmd := frontCmdAt(watchedFront(t), env, testGo, "mod", "tidy")
	out := startCatching(t, cmd)
	waitFor(t, settleLimit, "the watcher connected", func() bool { _, err := os.Stat(watching); return err == nil })
	cmd.Process.Signal(syscall.SIGTERM)
	if line, _ := out.ReadString('\n'); line != "got terminated\n" {
		t.Fatalf("go said %q", line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("front: %v", err)
	}
	// The watcher reads the exit event after the front has gone: wait for it.
	waitFor(t, settleLimit, "the exit event", func() bool { _, lines := watcherSaw(t, log); return len(lines) >= 3 })
	messages, lines := watcherSaw(t, log)
	if got := strings.Join(lines, ","); !strings.HasPrefix(got, "msg:hello,msg:signal,msg:exit") || find(messages, "name", "SIGTERM") == nil {
		t.Fatalf("watcher log %s", got)
	}
}

// A watcher that dies, or never starts, changes nothing for go.
func TestGoIsUnaffectedByTheWatchersFate(t *testing.T) {
	steps := "TESTGO_DO=out:" + hexOf("out") + " sleep:300ms err:" + hexOf("err\n") + " exit:2"
	env, _ := watchedEnv(t, `[{"close":true}]`, steps)
	res := runCmd(t, frontCmdAt(watchedFront(t), env, testGo))
	if res.status.ExitStatus() != 2 || string(res.stdout) != "out" || string(res.stderr) != "err\n" {
		t.Errorf("watcher gone: %v %q %q", res.status, res.stdout, res.stderr)
	}
	res = runFront(t, env, testGo) // no watcher.js beside this one
	lines := ourLines(res.stderr)
	if res.status.ExitStatus() != 2 || string(res.stdout) != "out" || len(lines) != 1 || !strings.Contains(lines[0], "not watched") {
		t.Errorf("no watcher: %v %q %q", res.status, res.stdout, res.stderr)
	}
}

// A pipe the caller passed down (fd 4, read to its end by the caller) is go's to hold,
// not the watcher's: the caller sees its end as soon as go and the front are gone,
// while the watcher lingers.
func TestTheWatcherHoldsNoneOfTheCallersFds(t *testing.T) {
	const linger = 10 * time.Second
	env, log := watchedEnv(t, `[{"await":"hello"}]`, "TESTGO_DO=sleep:300ms exit:0", "FAKE_WATCHER_LINGER_MS="+strconv.Itoa(int(linger/time.Millisecond)))
	callersRead, callersWrite, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer callersRead.Close()
	cmd := frontCmdAt(watchedFront(t), env, testGo, "mod", "tidy")
	cmd.ExtraFiles = []*os.File{nil, callersWrite} // fd 4: fd 3 of the watcher is its socket anyway
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	callersWrite.Close()
	exited := time.Now()
	io.Copy(io.Discard, callersRead)
	if waited := time.Since(exited); waited >= linger {
		t.Fatalf("the caller's pipe ended %v after the front: the watcher held it", waited)
	}
	// The watcher did run (it may read the socket after the front has gone).
	waitFor(t, settleLimit, "the watcher saw hello, exit and the socket's end", func() bool {
		_, lines := watcherSaw(t, log)
		return strings.Join(lines, ",") == "msg:hello,msg:exit,END"
	})
}
