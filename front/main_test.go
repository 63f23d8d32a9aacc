package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Built once in TestMain: the front, and testgo, the fake go (internal/testgo).
var frontBin, testGo, binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gomod-shim-front-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	frontBin = filepath.Join(dir, "gomod-shim-front")
	testGo = filepath.Join(dir, "testgo")
	for target, pkg := range map[string]string{frontBin: ".", testGo: "./internal/testgo"} {
		if out, err := exec.Command(goTool(), "build", "-o", target, pkg).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building %s: %v\n%s", pkg, err, out)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// baseEnv: PATH (for node), a private HOME, history off and no watcher unless a test
// says otherwise.
func baseEnv(t *testing.T, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"GOMODSHIM_DB=off", "GOMODSHIM_WATCHER_DELAY=1h",
	}
	return append(env, extra...)
}

type result struct {
	stdout, stderr []byte
	status         syscall.WaitStatus
}

// frontCmd runs the front in front of realGo; env holds TESTGO_DO and the rest.
func frontCmd(env []string, realGo string, args ...string) *exec.Cmd {
	return frontCmdAt(frontBin, env, realGo, args...)
}

func frontCmdAt(front string, env []string, realGo string, args ...string) *exec.Cmd {
	cmd := exec.Command(front, append([]string{realGo}, args...)...)
	cmd.Env = env
	return cmd
}

func runFront(t *testing.T, env []string, realGo string, args ...string) result {
	t.Helper()
	return runCmd(t, frontCmd(env, realGo, args...))
}

func runCmd(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("running %v: %v", cmd.Args, err)
	}
	return result{stdout.Bytes(), stderr.Bytes(), cmd.ProcessState.Sys().(syscall.WaitStatus)}
}

func hexOf(s string) string { return hex.EncodeToString([]byte(s)) }

// shellGo writes a fake go as a shell script.
func shellGo(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "go")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitFor polls cond until it holds or the limit passes.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, limit)
		}
	}
}

// ourLines: the lines the front itself wrote to stderr.
func ourLines(stderr []byte) []string {
	var lines []string
	for _, line := range strings.Split(string(stderr), "\n") {
		if strings.HasPrefix(line, "gomod-shim: ") {
			lines = append(lines, line)
		}
	}
	return lines
}

func openTemp(t *testing.T, content string) (*os.File, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return os.Open(path)
}
