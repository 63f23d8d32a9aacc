package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// devNullFd, in startDetached's fds: /dev/null there.
const devNullFd = -1

// startDetached starts a helper of ours (the watcher, a fold, the stderr relay) in a session
// of its own, with fds 0, 1, 2… of its own set to fds (devNullFd: /dev/null), and no other fd
// of ours. Nothing of it is waited for: it outlives the front when it must (syscall rather
// than os/exec, whose package costs every go call start-up time).
func startDetached(path string, argv, env []string, fds ...int) (int, error) {
	devNull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer devNull.Close()
	closeInheritedOnExec()
	files := make([]uintptr, len(fds))
	for i, fd := range fds {
		files[i] = uintptr(fd)
		if fd == devNullFd {
			files[i] = devNull.Fd()
		}
	}
	return syscall.ForkExec(path, argv, &syscall.ProcAttr{Env: env, Files: files, Sys: &syscall.SysProcAttr{Setsid: true}})
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
