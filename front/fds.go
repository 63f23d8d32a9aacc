package main

import (
	"os"
	"strconv"
	"syscall"
)

// closeInheritedOnExec marks every fd above 2 close-on-exec before the front starts a
// process of its own (the watcher, the stderr relay). go got the caller's extra fds as it
// would alone; our helpers must not keep one open (a pipe the caller reads to its end, a
// make jobserver), or the caller would wait on them after go has exited.
func closeInheritedOnExec() {
	for _, dir := range []string{"/proc/self/fd", "/dev/fd"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
				syscall.CloseOnExec(fd)
			}
		}
		return
	}
}
