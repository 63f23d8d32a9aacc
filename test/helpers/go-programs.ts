// Tiny go modules for watched runs through the shim.
import * as path from 'node:path';
import { writeModule } from './shim';

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

/** A go build cache shared by one test file's runs, so each go run compiles only once. */
export function goCacheIn(root: string): NodeJS.ProcessEnv {
  return { GOCACHE: path.join(root, 'gocache') };
}
