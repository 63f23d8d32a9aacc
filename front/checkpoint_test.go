package main

import (
	"strconv"
	"strings"
	"testing"
)

// A go that prints, then sleeps past the watcher's start: the hello carries the front's
// checkpoints, oldest first, each naming go's tree, and those taken while go slept agree.
func TestHelloCarriesCheckpoints(t *testing.T) {
	plan := `[{"await":"hello"},{"await":"exit"},{"close":true}]`
	env, log := watchedEnv(t, plan, "TESTGO_DO=err:"+hexOf("before\n")+" sleep:1500ms exit:0")
	for i, kv := range env {
		if strings.HasPrefix(kv, "GOMODSHIM_WATCHER_DELAY=") {
			env[i] = "GOMODSHIM_WATCHER_DELAY=1s"
		}
	}
	res := runCmd(t, frontCmdAt(watchedFront(t), env, testGo))
	if res.status.ExitStatus() != 0 {
		t.Fatalf("front exited %v; stderr %q", res.status, res.stderr)
	}
	messages, _ := watcherSaw(t, log)
	hello := find(messages, "ev", "hello")
	if hello == nil {
		t.Fatal("no hello")
	}
	list, _ := hello["checkpoints"].([]interface{})
	// Every 250 ms, and one as the watcher starts: at least 2 even on a loaded machine.
	if len(list) < 2 || len(list) > 8 {
		t.Fatalf("checkpoints %v", hello["checkpoints"])
	}
	goPid := strconv.Itoa(int(hello["goPid"].(float64)))
	var last map[string]interface{}
	for _, item := range list {
		c := item.(map[string]interface{})
		if c["processKey"] != goPid || c["outputBytes"] != float64(len("before\n")) || c["cpuTicks"].(float64) < 0 {
			t.Errorf("checkpoint %v (go is %s)", c, goPid)
		}
		if last != nil && c["at"].(float64) < last["at"].(float64) {
			t.Errorf("checkpoints out of order: %v", list)
		}
		last = c
	}
	first := list[0].(map[string]interface{})
	if first["at"].(float64) < hello["startedMs"].(float64) {
		t.Errorf("a checkpoint before go started: %v", first)
	}
}

// Without children files there is nothing to compare the watcher's own samples with.
func TestCheckpointOfAGoneProcess(t *testing.T) {
	if _, ok := takeCheckpoint(1<<30, 0); ok {
		t.Fatal("a checkpoint of a pid that does not exist")
	}
}
