package main

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// checkpointEvery: how often the front notes go's activity before the watcher runs. The
// watcher starts its idle clock from the last checkpoint at which go changed, not from its
// own start a second in (docs/front-protocol.md, "checkpoints").
const checkpointEvery = 250 * time.Millisecond

// checkpoint is one activity sample of go's tree, in the watcher's terms: CPU ticks (with
// those of reaped children) and rchar+wchar of go and its descendants, go's stderr bytes, and which processes exist.
// Processes the watcher counts beyond the tree (a lock holder, a pipe writer) are not
// here: a difference reads as activity, so a hang is never called earlier than it is.
type checkpoint struct {
	at                             time.Time
	cpuTicks, ioBytes, outputBytes int64
	processKey                     string
}

// takeCheckpoint walks go's tree through the children files; false where there are none.
func takeCheckpoint(goPid int, outputBytes int64) (checkpoint, bool) {
	c := checkpoint{at: time.Now(), outputBytes: outputBytes}
	var pids []int
	seen := map[int]bool{}
	for queue := []int{goPid}; len(queue) > 0; queue = queue[1:] {
		pid := queue[0]
		if seen[pid] {
			continue
		}
		seen[pid] = true
		ticks, ok := cpuTicksOf(pid)
		if !ok {
			continue // gone meanwhile
		}
		children, ok := childrenOf(pid)
		if !ok {
			return checkpoint{}, false
		}
		c.cpuTicks += ticks
		c.ioBytes += ioBytesOf(pid)
		pids = append(pids, pid)
		queue = append(queue, children...)
	}
	if len(pids) == 0 {
		return checkpoint{}, false
	}
	sort.Ints(pids)
	key := make([]string, len(pids))
	for i, pid := range pids {
		key[i] = strconv.Itoa(pid)
	}
	c.processKey = strings.Join(key, ",")
	return c, true
}

func (c checkpoint) json() *jsonObject {
	return newJSONObject().int("at", c.at.UnixMilli()).int("cpuTicks", c.cpuTicks).int("ioBytes", c.ioBytes).
		int("outputBytes", c.outputBytes).str("processKey", c.processKey)
}

// cpuTicksOf: utime + stime + cutime + cstime (fields 14 to 17 of /proc/PID/stat): a child reaped between two checkpoints leaves its CPU with its parent,
// as the watcher counts it.
func cpuTicksOf(pid int) (int64, bool) {
	fields := statFields(strconv.Itoa(pid))
	if fields == nil {
		return 0, false
	}
	var total int64
	for _, field := range fields[11:15] {
		n, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return 0, false
		}
		total += n
	}
	return total, true
}

// ioBytesOf: rchar + wchar of /proc/PID/io, 0 where it cannot be read (as the watcher counts).
func ioBytesOf(pid int) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/io")
	if err != nil {
		return 0
	}
	var rchar, wchar int64
	var haveR, haveW bool
	for _, line := range strings.Split(string(data), "\n") {
		if v := strings.TrimPrefix(line, "rchar:"); v != line {
			rchar, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			haveR = true
		} else if v := strings.TrimPrefix(line, "wchar:"); v != line {
			wchar, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			haveW = true
		}
	}
	if !haveR || !haveW {
		return 0
	}
	return rchar + wchar
}

// childrenOf lists the children of every thread of pid; false without children files.
func childrenOf(pid int) ([]int, bool) {
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tasks, err := os.ReadDir(dir)
	if err != nil {
		return nil, true // gone meanwhile: no children
	}
	var out []int
	for _, task := range tasks {
		data, err := os.ReadFile(dir + "/" + task.Name() + "/children")
		if err != nil {
			if os.IsNotExist(err) && task.Name() == strconv.Itoa(pid) {
				return nil, false
			}
			continue
		}
		for _, field := range strings.Fields(string(data)) {
			if child, err := strconv.Atoi(field); err == nil {
				out = append(out, child)
			}
		}
	}
	return out, true
}
