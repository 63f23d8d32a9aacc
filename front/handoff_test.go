package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A daemon go started keeps go's stderr open: the front still exits as soon as go has,
// and the daemon's later line reaches the caller's stderr through --stderr-relay.
func TestFrontExitsAtOnceWhenADaemonHoldsStderr(t *testing.T) {
	const daemonDelay = 5 * time.Second // the daemon's line comes this long after go's exit
	pidFile := filepath.Join(t.TempDir(), "daemon.pid")
	cmd := frontCmd(baseEnv(t, "TESTGO_DO=err:"+hexOf("go's own line\n")+" daemon:"+pidFile+":"+daemonDelay.String()+":"+hexOf("the daemon, later\n")+" exit:7"), testGo)
	stderrRead, stderrWrite, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stderrRead.Close()
	cmd.Stderr = stderrWrite
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stderrWrite.Close()
	t.Cleanup(func() {
		if data, err := os.ReadFile(pidFile); err == nil {
			if pid, err := strconv.Atoi(string(data)); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	lines := make(chan string, 4)
	go func() {
		scanner := bufio.NewScanner(stderrRead)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()
	cmd.Wait()
	frontTook := time.Since(start)
	if status := cmd.ProcessState.ExitCode(); status != 7 {
		t.Fatalf("front exited %d, want go's 7", status)
	}
	if frontTook >= daemonDelay {
		t.Fatalf("the front took %v: it waited for the daemon", frontTook)
	}
	var got []string
	timeout := time.After(daemonDelay + settleLimit)
	for done := false; !done; {
		select {
		case line, ok := <-lines:
			if !ok {
				done = true
			} else {
				got = append(got, line)
			}
		case <-timeout:
			t.Fatalf("stderr so far %q: the relay never ended", got)
		}
	}
	if strings.Join(got, "|") != "go's own line|the daemon, later" {
		t.Fatalf("stderr lines %q", got)
	}
}
