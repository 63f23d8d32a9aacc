package main

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func decodeHexLines(t *testing.T, out []byte) []string {
	t.Helper()
	var items []string
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatalf("not hex: %q", line)
		}
		items = append(items, string(b))
	}
	return items
}

func TestArgvAndEnvironmentBytesAreExact(t *testing.T) {
	args := []string{"mod", "download", "\xff\xfe-not-utf8", "", "two words", "-C=é"}
	env := baseEnv(t, "TESTGO_DO=argv", "ODD=\xc3\x28\x80", "EMPTY=")
	res := runFront(t, env, testGo, args...)
	got := decodeHexLines(t, res.stdout)
	want := append([]string{testGo}, args...)
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		t.Fatalf("argv = %q, want %q", got, want)
	}
	env[len(env)-3] = "TESTGO_DO=env"
	res = runFront(t, env, testGo)
	if got := decodeHexLines(t, res.stdout); strings.Join(got, "\x00") != strings.Join(env, "\x00") {
		t.Fatalf("environment = %q, want %q", got, env)
	}
}

func TestStdoutAndStderrBytesArriveExactAndInOrder(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef\xff\x00"), 3000) // two relay chunks (an env value is limited to 128 KiB)
	steps := []string{"out:" + hexOf("first\n"), "err:" + hex.EncodeToString(big), "out:" + hexOf("\x00\xfe second"), "err:" + hexOf("tail\n")}
	res := runFront(t, baseEnv(t, "TESTGO_DO="+strings.Join(steps, " ")), testGo)
	if string(res.stdout) != "first\n\x00\xfe second" {
		t.Errorf("stdout = %q", res.stdout)
	}
	if !bytes.Equal(res.stderr, append(big, "tail\n"...)) {
		t.Errorf("stderr differs: %d bytes, want %d", len(res.stderr), len(big)+5)
	}
	if res.status.ExitStatus() != 0 {
		t.Errorf("status = %v", res.status)
	}
}

func TestStdinPassesStraightThrough(t *testing.T) {
	cmd := frontCmd(baseEnv(t), "/bin/cat")
	cmd.Stdin = strings.NewReader("from the caller\n")
	if res := runCmd(t, cmd); string(res.stdout) != "from the caller\n" {
		t.Fatalf("stdout = %q", res.stdout)
	}
}

func TestDevStderrOpensInGo(t *testing.T) {
	res := runFront(t, baseEnv(t, "TESTGO_DO=devstderr:"+hexOf("through /dev/stderr\n")), testGo)
	if res.status.ExitStatus() != 0 || string(res.stderr) != "through /dev/stderr\n" {
		t.Fatalf("status %v, stdout %q, stderr %q", res.status, res.stdout, res.stderr)
	}
}

func TestExitCodesAreGos(t *testing.T) {
	for _, code := range []string{"0", "1", "3"} {
		res := runFront(t, baseEnv(t, "TESTGO_DO=exit:"+code), testGo)
		if res.status.Signaled() || res.status.ExitStatus() != int(code[0]-'0') {
			t.Errorf("exit:%s gave %v", code, res.status)
		}
	}
}

func TestMissingOrNonExecutableGo(t *testing.T) {
	res := runFront(t, baseEnv(t), filepath.Join(t.TempDir(), "no-go"))
	if res.status.ExitStatus() != 127 || !strings.HasPrefix(string(res.stderr), "gomod-shim: cannot run ") {
		t.Errorf("missing: %v %q", res.status, res.stderr)
	}
	plain := filepath.Join(t.TempDir(), "go")
	os.WriteFile(plain, []byte("not a program"), 0o644)
	res = runFront(t, baseEnv(t), plain)
	if res.status.ExitStatus() != 126 || len(ourLines(res.stderr)) != 1 {
		t.Errorf("not executable: %v %q", res.status, res.stderr)
	}
}

func TestNoArgumentsIsOneLineAndExit2(t *testing.T) {
	res := runCmd(t, exec.Command(frontBin))
	if res.status.ExitStatus() != 2 || len(ourLines(res.stderr)) != 1 {
		t.Fatalf("status %v, stderr %q", res.status, res.stderr)
	}
}

// A deleted working directory: go meets it and fails its own way, with its own status.
func TestDeletedWorkingDirectoryGivesGosOwnStatus(t *testing.T) {
	realGo := "/usr/local/go/bin/go"
	if _, err := os.Stat(realGo); err != nil {
		realGo = goTool()
	}
	run := func(prefix string) result {
		dir := filepath.Join(t.TempDir(), "gone")
		os.Mkdir(dir, 0o755)
		script := `cd "$1" && rmdir "$1" && shift && exec "$@"`
		args := []string{"-c", script, "sh", dir}
		if prefix != "" {
			args = append(args, prefix)
		}
		cmd := exec.Command("/bin/sh", append(args, realGo, "env", "GOMOD")...)
		cmd.Env = baseEnv(t, "GOTOOLCHAIN=local", "GOFLAGS=")
		return runCmd(t, cmd)
	}
	direct, front := run(""), run(frontBin)
	if direct.status != front.status || string(direct.stdout) != string(front.stdout) || string(direct.stderr) != string(front.stderr) {
		t.Fatalf("direct: %v %q %q; front: %v %q %q", direct.status, direct.stdout, direct.stderr, front.status, front.stdout, front.stderr)
	}
}
