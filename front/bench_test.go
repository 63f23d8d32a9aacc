package main

import (
	"os"
	"os/exec"
	"testing"
)

// The front's added time per call: go test -run '^$' -bench . (numbers for the record,
// never a timed test).
func benchmarkRun(b *testing.B, through bool, realGo string, args ...string) {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + b.TempDir(), "GOMODSHIM_WATCHER_DELAY=1h", "TESTGO_DO=exit:0", "GOTOOLCHAIN=local"}
	for i := 0; i < b.N; i++ {
		var cmd *exec.Cmd
		if through {
			cmd = frontCmd(env, realGo, args...)
		} else {
			cmd = exec.Command(realGo, args...)
			cmd.Env = env
		}
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFakeGoDirect(b *testing.B)       { benchmarkRun(b, false, testGo) }
func BenchmarkFakeGoThroughFront(b *testing.B) { benchmarkRun(b, true, testGo) }
func BenchmarkGoVersionDirect(b *testing.B) {
	benchmarkRun(b, false, "/usr/local/go/bin/go", "version")
}
func BenchmarkGoVersionThroughFront(b *testing.B) {
	benchmarkRun(b, true, "/usr/local/go/bin/go", "version")
}
