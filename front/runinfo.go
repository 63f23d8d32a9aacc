package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// describe fills in what the journal and the watcher's hello say about the run.
func (r *run) describe() {
	r.uuid = newRunID(r.startedAt.UnixMilli())
	if wd, err := os.Getwd(); err == nil { // $PWD when it names the same directory
		r.cwd = wd
	}
	dir, sub := goDirAndSubcommand(r.args)
	r.subcommand = sub
	if !filepath.IsAbs(dir) && r.cwd != "" {
		dir = filepath.Join(r.cwd, dir)
	}
	if filepath.IsAbs(dir) {
		r.module = moduleAt(dir)
	}
}

// newRunID: <ms since epoch, base 36>-<front pid, base 36>-<8 random base-36 chars>.
func newRunID(ms int64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	random := randomBytes(8)
	for i, b := range random {
		random[i] = digits[int(b)%36]
	}
	return strconv.FormatInt(ms, 36) + "-" + strconv.FormatInt(int64(os.Getpid()), 36) + "-" + string(random)
}

// randomBytes: from the kernel; the clock's nanoseconds where /dev/urandom cannot be read
// (the id only has to differ between runs of the same millisecond and pid). Not crypto/rand,
// whose packages cost every go call start-up time.
func randomBytes(n int) []byte {
	out := make([]byte, n)
	if f, err := os.Open("/dev/urandom"); err == nil {
		_, err = io.ReadFull(f, out)
		f.Close()
		if err == nil {
			return out
		}
	}
	seed := uint64(time.Now().UnixNano())
	for i := range out {
		seed = seed*6364136223846793005 + 1442695040888963407
		out[i] = byte(seed >> 56)
	}
	return out
}

// goDirAndSubcommand reads cmd/go's only global flag, -C dir, which must come first.
func goDirAndSubcommand(args []string) (string, string) {
	dir, rest := ".", args
	if len(args) > 0 {
		switch a := args[0]; {
		case a == "-C" || a == "--C":
			if len(args) > 1 {
				dir, rest = args[1], args[2:]
			} else {
				rest = nil
			}
		case strings.HasPrefix(a, "-C=") || strings.HasPrefix(a, "--C="):
			dir, rest = a[strings.Index(a, "=")+1:], args[1:]
		}
	}
	if len(rest) == 0 {
		return dir, ""
	}
	return dir, rest[0]
}

// moduleAt: the module path of the nearest go.mod at or above dir, or nil.
func moduleAt(dir string) *string {
	for {
		if f, err := os.Open(filepath.Join(dir, "go.mod")); err == nil {
			path, ok := moduleLine(f)
			f.Close()
			if ok {
				return &path
			}
			return nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

func moduleLine(f *os.File) (string, bool) {
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		fields := strings.Fields(line)
		if len(fields) < 2 || fields[0] != "module" {
			continue
		}
		rest := strings.TrimSpace(line[len("module"):])
		if unquoted, err := strconv.Unquote(rest); err == nil {
			rest = unquoted
		}
		return rest, rest != ""
	}
	return "", false
}

// statFields: the fields of /proc/<pid>/stat from field 3 on (field n is [n-3]), read after
// the last ')' since the command name may hold anything; nil when it cannot be read.
func statFields(pid string) []string {
	data, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return nil
	}
	s := string(data)
	if fields := strings.Fields(s[strings.LastIndex(s, ")")+1:]); len(fields) >= 20 {
		return fields
	}
	return nil
}

// startTicks: field 22 of /proc/self/stat, the front's start in clock ticks since boot; 0
// without /proc.
func startTicks() int64 {
	fields := statFields("self")
	if fields == nil {
		return 0
	}
	n, _ := strconv.ParseInt(fields[19], 10, 64)
	return n
}

// callerName: the program that ran go (the front's parent), or nil.
func callerName() *string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(os.Getppid()) + "/comm")
	if err != nil {
		return nil
	}
	name := strings.TrimSpace(string(data))
	return &name
}
