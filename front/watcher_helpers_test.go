package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var watchedOnce sync.Once
var watchedFrontBin string

// watchedFront: a copy of the front with testdata/watcher.js beside it (the front finds
// the watcher beside its real path, so a symlink would not do).
func watchedFront(t *testing.T) string {
	watchedOnce.Do(func() {
		dir := filepath.Join(binDir, "watched")
		os.Mkdir(dir, 0o755)
		for _, c := range [][2]string{{frontBin, "gomod-shim-front"}, {"testdata/watcher.js", "watcher.js"}} {
			copyFile(t, c[0], filepath.Join(dir, c[1]))
		}
		watchedFrontBin = filepath.Join(dir, "gomod-shim-front")
	})
	return watchedFrontBin
}

func copyFile(t *testing.T, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	io.Copy(out, in)
}

// watchedEnv: the watcher starts after 50 ms and follows plan; its log is returned.
func watchedEnv(t *testing.T, plan string, extra ...string) ([]string, string) {
	log := filepath.Join(t.TempDir(), "watcher.log")
	t.Cleanup(func() { // the watcher runs in its own session: end it by its pid
		if data, err := os.ReadFile(log + ".pid"); err == nil {
			if pid, err := strconv.Atoi(string(data)); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	env := baseEnv(t, append([]string{"FAKE_WATCHER_PLAN=" + plan, "FAKE_WATCHER_LOG=" + log, "NODE_OPTIONS=--bad-option-the-watcher-must-not-see"}, extra...)...)
	for i, kv := range env {
		if kv == "GOMODSHIM_WATCHER_DELAY=1h" {
			env[i] = "GOMODSHIM_WATCHER_DELAY=50ms"
		}
	}
	return env, log
}

// watcherSaw: the messages the fake watcher received, and its own log lines.
func watcherSaw(t *testing.T, log string) ([]map[string]interface{}, []string) {
	data, _ := os.ReadFile(log)
	var messages []map[string]interface{}
	var lines []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var msg map[string]interface{}
		if json.Unmarshal([]byte(line), &msg) == nil {
			messages = append(messages, msg)
			line = "msg:" + firstOf(msg["ev"], msg["re"])
		}
		lines = append(lines, line)
	}
	return messages, lines
}

func firstOf(a, b interface{}) string {
	if s, ok := a.(string); ok {
		return s
	}
	s, _ := b.(string)
	return s
}

func find(messages []map[string]interface{}, key, value string) map[string]interface{} {
	for _, m := range messages {
		if m[key] == value {
			return m
		}
	}
	return nil
}
