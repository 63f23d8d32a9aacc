package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// holdingFront starts the front with a watcher that asks it to hold and never releases
// it, and returns once go has exited (the watcher logged the exit event).
func holdingFront(t *testing.T) (*os.Process, chan *os.ProcessState, time.Time) {
	goMayExit := filepath.Join(t.TempDir(), "go-may-exit")
	plan := `[{"await":"hello"},{"send":{"op":"hold"}},{"send":{"op":"stat"}},{"await":"re:stat"},{"touch":"` + goMayExit + `"}]`
	env, log := watchedEnv(t, plan, "TESTGO_DO=waitfile:"+goMayExit+" exit:6")
	cmd := frontCmdAt(watchedFront(t), env, testGo, "mod", "download")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	ended := make(chan *os.ProcessState, 1)
	go func() { cmd.Wait(); ended <- cmd.ProcessState }()
	waitFor(t, settleLimit, "go's exit event", func() bool {
		_, lines := watcherSaw(t, log)
		return strings.Contains(strings.Join(lines, ","), "msg:exit")
	})
	return cmd.Process, ended, time.Now()
}

func TestHoldIsBoundedByItsLimit(t *testing.T) {
	_, ended, goExited := holdingFront(t)
	select {
	case state := <-ended:
		if took := time.Since(goExited); took < holdLimit/2 || state.ExitCode() != 6 {
			t.Fatalf("front ended %v after go with %v: the hold should last %v", took, state, holdLimit)
		}
	case <-time.After(holdLimit + settleLimit):
		t.Fatalf("the front still holds after %v", holdLimit+settleLimit)
	}
}

// Whoever sends SIGTERM after go has gone wants the front gone, not waiting.
func TestSigtermEndsTheHold(t *testing.T) {
	front, ended, _ := holdingFront(t)
	front.Signal(syscall.SIGTERM)
	select {
	case state := <-ended:
		if state.ExitCode() != 6 {
			t.Fatalf("front ended with %v, want go's 6", state)
		}
	case <-time.After(holdLimit - time.Second):
		t.Fatal("SIGTERM did not end the hold")
	}
}
