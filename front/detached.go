package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// startDetached starts a helper of ours (the watcher, a fold) in a session of its own, with
// stdin/stdout/stderr on /dev/null and, when extraFd ≥ 0, that fd as its fd 3. Nothing of
// it is waited for: it outlives the front when it must (syscall rather than os/exec, whose
// package costs every go call start-up time).
func startDetached(path string, argv []string, extraFd int) (int, error) {
	devNull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer devNull.Close()
	closeInheritedOnExec()
	files := []uintptr{devNull.Fd(), devNull.Fd(), devNull.Fd()}
	if extraFd >= 0 {
		files = append(files, uintptr(extraFd))
	}
	return syscall.ForkExec(path, argv, &syscall.ProcAttr{
		Env: watcherEnv(), Files: files, Sys: &syscall.SysProcAttr{Setsid: true},
	})
}

// lookPath finds an executable on PATH. Relative PATH entries are skipped, as os/exec
// refuses what they would give.
func lookPath(name string) (string, error) {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if !filepath.IsAbs(dir) {
			continue
		}
		path := filepath.Join(dir, name)
		if info, err := os.Stat(path); err == nil && !info.IsDir() && info.Mode().Perm()&0o111 != 0 {
			return path, nil
		}
	}
	return "", errors.New(name + ": executable file not found in $PATH")
}
