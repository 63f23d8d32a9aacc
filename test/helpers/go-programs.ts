// Tiny go modules for watched runs through the shim.
import { TEST_GOCACHE, writeModule } from './shim';

export const MODULE_PATH = 'example.com/gomodshim/fixture';

/**
 * A module whose main program prints a line on each stream, sleeps, and exits with a code:
 * `go run . SLEEP_MS EXIT_CODE [tag…]`. With GOMODSHIM_WATCH=all, a sleep of 1500 ms makes a
 * run that outlives the supervisor's 1 s and so reaches SQLite.
 */
export function writeSleeper(dir: string, modulePath = MODULE_PATH): string {
  return writeModule(dir, {
    'go.mod': `module ${modulePath}\n\ngo 1.19\n`,
    'main.go': `package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	ms, _ := strconv.Atoi(os.Args[1])
	code, _ := strconv.Atoi(os.Args[2])
	fmt.Println("started", os.Args[3:])
	fmt.Fprintln(os.Stderr, "a line on stderr")
	time.Sleep(time.Duration(ms) * time.Millisecond)
	fmt.Println("done")
	os.Exit(code)
}
`,
  });
}

/** The suite's shared go build cache (testEnv sets it too), so each program compiles only once. */
export function goCacheIn(_root: string): NodeJS.ProcessEnv {
  return { GOCACHE: TEST_GOCACHE };
}

/** A kill for a go build that never ends, not a speed bound: a first build fills the cache. */
export const BUILD_TIMEOUT_MS = 240_000;
