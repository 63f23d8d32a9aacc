package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Generous for a loaded 2-core machine; each wait ends as soon as its condition holds.
const settleLimit = 20 * time.Second

func TestDeathBySignalIsMirrored(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGKILL,
		syscall.SIGSEGV, syscall.SIGABRT, syscall.SIGPIPE, syscall.SIGUSR1} {
		name := signalName(sig)
		t.Run(name, func(t *testing.T) {
			realGo := shellGo(t, "kill -"+strings.TrimPrefix(name, "SIG")+" $$")
			res := runFront(t, baseEnv(t), realGo)
			if !res.status.Signaled() || res.status.Signal() != sig {
				t.Fatalf("front ended with %v, want death by %s (stderr %q)", res.status, name, res.stderr)
			}
		})
	}
}

// startCatching starts the front over `testgo catch` and waits until go is listening.
func startCatching(t *testing.T, cmd *exec.Cmd) *bufio.Reader {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	out := bufio.NewReader(stdout)
	if line, err := out.ReadString('\n'); line != "ready\n" {
		t.Fatalf("go said %q, %v", line, err)
	}
	return out
}

func TestSignalsToTheFrontReachGo(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGUSR1} {
		t.Run(signalName(sig), func(t *testing.T) {
			cmd := frontCmd(baseEnv(t, "TESTGO_DO=catch"), testGo)
			out := startCatching(t, cmd)
			cmd.Process.Signal(sig)
			line, _ := out.ReadString('\n')
			if want := "got " + sig.String() + "\n"; line != want {
				t.Fatalf("go said %q, want %q", line, want)
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("front: %v", err)
			}
		})
	}
}

func TestSigintIgnoredByTheCallerStaysIgnoredInGo(t *testing.T) {
	for _, c := range []struct{ trap, want string }{{`trap "" INT; `, "true"}, {"", "false"}} {
		cmd := exec.Command("/bin/sh", "-c", c.trap+`exec "$@"`, "sh", frontBin, testGo)
		cmd.Env = baseEnv(t, "TESTGO_DO=sigign")
		res := runCmd(t, cmd)
		if got := string(res.stdout); got != "SIGINT ignored: "+c.want+"\n" {
			t.Errorf("with %q: go said %q", c.trap, got)
		}
	}
}

func TestKillingTheFrontKillsGo(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "go.pid")
	cmd := frontCmd(baseEnv(t, "TESTGO_DO=pidfile:"+pidFile+" catch"), testGo)
	startCatching(t, cmd)
	data, _ := os.ReadFile(pidFile)
	goPid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Kill(goPid, syscall.SIGKILL) })
	cmd.Process.Kill()
	cmd.Wait()
	waitFor(t, settleLimit, "go gone after kill -9 of the front", func() bool {
		return syscall.Kill(goPid, 0) == syscall.ESRCH || processState(goPid) == "Z"
	})
}

// SIGQUIT is the watcher's cue, not go's: the front survives it and does not pass it on.
func TestSigquitIsNotForwarded(t *testing.T) {
	cmd := frontCmd(baseEnv(t, "TESTGO_DO=catch"), testGo)
	out := startCatching(t, cmd)
	cmd.Process.Signal(syscall.SIGQUIT)
	cmd.Process.Signal(syscall.SIGTERM)
	if line, _ := out.ReadString('\n'); line != "got terminated\n" {
		t.Fatalf("go said %q", line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("front: %v", err)
	}
}

// processState: the state letter of /proc/PID/stat ("Z" for a zombie not yet reaped).
func processState(pid int) string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndex(s, ")")+1:])
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

// Ctrl-Z: go stops and so does the front; SIGCONT wakes both.
func TestJobControlStopsAndContinuesBoth(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "go.pid")
	cmd := frontCmd(baseEnv(t, "TESTGO_DO=pidfile:"+pidFile+" catch"), testGo)
	// A group of its own, whose leader's parent (this test) is in the same session: the kernel
	// discards a stop signal sent to an orphaned process group, which ours may be (under setsid,
	// or a CI runner without job control).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := startCatching(t, cmd)
	data, _ := os.ReadFile(pidFile)
	goPid, _ := strconv.Atoi(string(data))
	cmd.Process.Signal(syscall.SIGTSTP)
	waitFor(t, settleLimit, "go and the front stopped", func() bool {
		return processState(goPid) == "T" && processState(cmd.Process.Pid) == "T"
	})
	cmd.Process.Signal(syscall.SIGCONT)
	waitFor(t, settleLimit, "go and the front running again", func() bool {
		return processState(goPid) != "T" && processState(cmd.Process.Pid) != "T"
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if line, _ := out.ReadString('\n'); line != "got terminated\n" {
		t.Fatalf("go said %q", line)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("front: %v", err)
	}
}
