// Command testgo stands in for the real go in the front's tests. TESTGO_DO lists what it
// does, in order, separated by spaces: out:HEX, err:HEX, argv, env, sleep:DUR, exit:N,
// devstderr:HEX, daemon:PIDFILE:DUR:HEX, sigign, catch, pidfile:PATH, ready, waitfile:PATH.
package main

import (
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	for _, step := range strings.Fields(os.Getenv("TESTGO_DO")) {
		name, arg, _ := strings.Cut(step, ":")
		switch name {
		case "out":
			os.Stdout.Write(unhex(arg))
		case "err":
			os.Stderr.Write(unhex(arg))
		case "argv":
			printHex(os.Args)
		case "env":
			printHex(os.Environ())
		case "sleep":
			d, _ := time.ParseDuration(arg)
			time.Sleep(d)
		case "exit":
			n, _ := strconv.Atoi(arg)
			os.Exit(n)
		case "devstderr":
			f, err := os.OpenFile("/dev/stderr", os.O_WRONLY, 0)
			if err != nil {
				fmt.Fprintln(os.Stdout, "devstderr:", err)
				os.Exit(9)
			}
			f.Write(unhex(arg))
			f.Close()
		case "daemon":
			startDaemon(arg)
		case "sigign":
			fmt.Println("SIGINT ignored:", sigintIgnored())
		case "catch":
			catch()
		case "pidfile":
			os.WriteFile(arg, []byte(strconv.Itoa(os.Getpid())), 0o600)
		case "ready":
			fmt.Println("ready")
		case "waitfile":
			for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				if _, err := os.Stat(arg); err == nil {
					break
				}
			}
		}
	}
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func printHex(items []string) {
	for _, s := range items {
		fmt.Println(hex.EncodeToString([]byte(s)))
	}
}

// startDaemon: a detached copy that keeps go's stderr open, sleeps, then writes to it.
func startDaemon(arg string) {
	parts := strings.SplitN(arg, ":", 3)
	self, _ := os.Executable()
	devNull, _ := os.Open(os.DevNull)
	env := []string{"TESTGO_DO=pidfile:" + parts[0] + " sleep:" + parts[1] + " err:" + parts[2]}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TESTGO_DO=") { // the first of two would win: the daemon would start a daemon…
			env = append(env, kv)
		}
	}
	p, err := os.StartProcess(self, []string{self}, &os.ProcAttr{
		Env: env, Files: []*os.File{devNull, devNull, os.Stderr}, Sys: &syscall.SysProcAttr{Setsid: true},
	})
	if err != nil {
		panic(err)
	}
	p.Release()
}

func sigintIgnored() bool {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "SigIgn:") {
			mask, _ := strconv.ParseUint(strings.TrimSpace(line[len("SigIgn:"):]), 16, 64)
			return mask&(1<<(uint(syscall.SIGINT)-1)) != 0
		}
	}
	return false
}

// catch: print "ready", then report the first of SIGINT/SIGTERM/SIGHUP/SIGUSR1 and exit 0.
func catch() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGUSR1)
	fmt.Println("ready")
	fmt.Println("got", <-ch)
	os.Exit(0)
}
