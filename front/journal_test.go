package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

type journalFile struct {
	Start map[string]interface{} `json:"start"`
	End   map[string]interface{} `json:"end"`
}

// readJournal reads the one journal of a spool folder.
func readJournal(t *testing.T, spool string) (journalFile, os.FileInfo) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(spool, "*.jsonl"))
	if len(files) != 1 {
		t.Fatalf("journals in %s: %v", spool, files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("journal lines: %q", lines)
	}
	var j journalFile
	for _, line := range lines {
		if err := json.Unmarshal([]byte(line), &j); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
	}
	info, _ := os.Lstat(files[0])
	if name := strings.TrimSuffix(filepath.Base(files[0]), ".jsonl"); j.Start["uuid"] != name {
		t.Errorf("uuid %v, file %s", j.Start["uuid"], name)
	}
	return j, info
}

func TestJournalStartAndEndLines(t *testing.T) {
	work := t.TempDir()
	os.MkdirAll(filepath.Join(work, "m", "sub"), 0o755)
	os.WriteFile(filepath.Join(work, "m", "go.mod"), []byte("// c\nmodule \"example.com/m\" // why\n\ngo 1.22\n"), 0o644)
	db := filepath.Join(t.TempDir(), "state", "history.db")
	env := baseEnv(t, "GOMODSHIM_DB="+db, "TESTGO_DO=exit:3")
	cmd := frontCmd(env, testGo, "-C", "m/sub", "mod", "download", "https://u:planted-pw@h.example/x", "\xffbad")
	cmd.Dir = work
	res := runCmd(t, cmd)
	if res.status.ExitStatus() != 3 || len(res.stderr) != 0 {
		t.Fatalf("status %v, stderr %q", res.status, res.stderr)
	}
	j, info := readJournal(t, db+"-spool")
	s := j.Start
	if !regexp.MustCompile(`^[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$`).MatchString(s["uuid"].(string)) {
		t.Errorf("uuid %v", s["uuid"])
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(s["startedAt"].(string)) {
		t.Errorf("startedAt %v", s["startedAt"])
	}
	argv, _ := json.Marshal(s["argv"])
	if string(argv) != `["-C","m/sub","mod","download","https://***@h.example/x","`+"\ufffd"+`bad"]` {
		t.Errorf("argv %s", argv)
	}
	want := map[string]interface{}{"cwd": work, "module": "example.com/m", "subcommand": "mod", "realGo": testGo,
		"supervisorPid": float64(cmd.Process.Pid)}
	for k, v := range want {
		if s[k] != v {
			t.Errorf("%s = %v, want %v", k, s[k], v)
		}
	}
	if s["goPid"].(float64) <= 0 || s["supervisorStartTime"].(float64) <= 0 || s["caller"] == nil {
		t.Errorf("start line %v", s)
	}
	e := j.End
	if e["exitCode"] != float64(3) || e["signal"] != nil || e["hung"] != false || e["durationMs"].(float64) < 0 {
		t.Errorf("end line %v", e)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v", info.Mode())
	}
	for _, dir := range []string{filepath.Dir(db), db + "-spool"} {
		if info, _ := os.Lstat(dir); info.Mode().Perm() != 0o700 {
			t.Errorf("%s mode %v", dir, info.Mode())
		}
	}
}

func TestJournalEndNamesTheSignal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "history.db")
	runFront(t, baseEnv(t, "GOMODSHIM_DB="+db), shellGo(t, "kill -TERM $$"))
	j, _ := readJournal(t, db+"-spool")
	if j.End["exitCode"] != nil || j.End["signal"] != "SIGTERM" {
		t.Fatalf("end line %v", j.End)
	}
}

func TestJournalDefaultsToTheXDGStateFolder(t *testing.T) {
	home := t.TempDir()
	env := baseEnv(t, "TESTGO_DO=exit:0")
	env = append(env[:1], "HOME="+home, "GOMODSHIM_WATCHER_DELAY=1h")
	runFront(t, env, testGo, "list")
	readJournal(t, filepath.Join(home, ".local", "state", "gomod-shim", "history.db-spool"))
	for _, dir := range []string{".local", ".local/state", ".local/state/gomod-shim"} {
		if info, _ := os.Lstat(filepath.Join(home, dir)); info.Mode().Perm() != 0o700 {
			t.Errorf("%s mode %v", dir, info.Mode())
		}
	}
	// The config file's "db" comes before the default.
	elsewhere := filepath.Join(t.TempDir(), "from-config.db")
	os.MkdirAll(filepath.Join(home, ".config", "gomod-shim"), 0o700)
	os.WriteFile(filepath.Join(home, ".config", "gomod-shim", "config.json"), []byte(`{"db":"`+elsewhere+`"}`), 0o600)
	runFront(t, env, testGo, "list")
	readJournal(t, elsewhere+"-spool")
}

func TestGoDirAndSubcommand(t *testing.T) {
	cases := map[string][2]string{
		"mod download":  {".", "mod"},
		"-C d mod":      {"d", "mod"},
		"--C d list -m": {"d", "list"},
		"-C=d get":      {"d", "get"},
		"--C=d work":    {"d", "work"},
		"-C":            {".", ""},
		"":              {".", ""},
		"-x mod":        {".", "-x"},
	}
	for in, want := range cases {
		dir, sub := goDirAndSubcommand(strings.Fields(in))
		if dir != want[0] || sub != want[1] {
			t.Errorf("%q: %q %q, want %q", in, dir, sub, want)
		}
	}
}
