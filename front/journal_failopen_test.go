package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every way history can be off or unusable: go's output and status are unchanged, the
// targets are untouched, and the front says at most one line.
func TestJournalFailsOpen(t *testing.T) {
	target := t.TempDir()
	symlinkedDB := filepath.Join(t.TempDir(), "h.db")
	os.WriteFile(filepath.Join(target, "real.db"), nil, 0o600)
	os.Symlink(filepath.Join(target, "real.db"), symlinkedDB)
	stateLink := filepath.Join(t.TempDir(), "state")
	os.Symlink(target, stateLink)
	openSpool := filepath.Join(t.TempDir(), "open.db")
	os.Mkdir(openSpool+"-spool", 0o777)
	os.Chmod(openSpool+"-spool", 0o777)
	state := t.TempDir()
	cases := []struct {
		name, db, warning, extra string
	}{
		{"off", "off", "", ""},
		{"/dev/null", "/dev/null", "", ""},
		{"a symlinked db", symlinkedDB, "", ""},
		{"a symlinked state folder", filepath.Join(stateLink, "h.db"), "gomod-shim: warning: history is off for this run: " + stateLink + " is not a folder (a symlink is not followed)", ""},
		// As the TypeScript side does: the next layer's path, with one warning.
		{"a relative path", "rel/h.db", "gomod-shim: warning: GOMODSHIM_DB=rel/h.db is not an absolute path (nor ~/…, nor off); using " + filepath.Join(state, "gomod-shim", "history.db"), "XDG_STATE_HOME=" + state},
		{"a spool others can write to", openSpool, "gomod-shim: warning: history is off for this run: " + openSpool + "-spool is not a private folder of this user", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cwd := t.TempDir()
			cmd := frontCmd(baseEnv(t, "GOMODSHIM_DB="+c.db, c.extra, "TESTGO_DO=out:"+hexOf("out")+" err:"+hexOf("err\n")+" exit:5"), testGo, "mod", "tidy")
			cmd.Dir = cwd
			res := runCmd(t, cmd)
			if res.status.ExitStatus() != 5 || string(res.stdout) != "out" {
				t.Fatalf("status %v stdout %q", res.status, res.stdout)
			}
			want := "err\n"
			if c.warning != "" {
				want = c.warning + "\n" + want
			}
			if string(res.stderr) != want && string(res.stderr) != strings.Replace(want, c.warning+"\n", "", 1)+c.warning+"\n" {
				t.Fatalf("stderr %q, want %q", res.stderr, want)
			}
			if entries, _ := os.ReadDir(target); len(entries) != 1 {
				t.Fatalf("symlink target touched: %v", entries)
			}
			if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
				t.Fatalf("cwd touched: %v", entries)
			}
			if entries, _ := os.ReadDir(openSpool + "-spool"); len(entries) != 0 {
				t.Fatalf("open spool written to: %v", entries)
			}
		})
	}
	t.Run("no HOME", func(t *testing.T) {
		res := runFront(t, []string{"PATH=" + os.Getenv("PATH"), "TESTGO_DO=exit:0"}, testGo, "list")
		if res.status.ExitStatus() != 0 || len(ourLines(res.stderr)) != 1 || !strings.Contains(string(res.stderr), "history is off") {
			t.Fatalf("status %v stderr %q", res.status, res.stderr)
		}
	})
}
