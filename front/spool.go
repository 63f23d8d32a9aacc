package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// errHistoryOff: the database path names something that is not a database (/dev/null,
// a FIFO, a symlink): history is off, quietly, as the TypeScript side decides too.
var errHistoryOff = errors.New("history off")

// prepareSpool returns <db>-spool, made safe to write in: no symlink is followed for
// the state folder or the spool, missing folders are made 0700 one level at a time, and
// an existing spool must be a real directory of ours that nobody else can write to.
func prepareSpool(db string) (string, error) {
	if info, err := os.Lstat(db); err == nil && !info.Mode().IsRegular() {
		return "", errHistoryOff
	}
	stateDir := filepath.Dir(db)
	if err := makeFolders(stateDir); err != nil {
		return "", err
	}
	if info, err := os.Lstat(stateDir); err != nil || !info.IsDir() {
		return "", errors.New(stateDir + " is not a folder (a symlink is not followed)")
	}
	spool := db + "-spool"
	if err := os.Mkdir(spool, 0o700); err != nil && !os.IsExist(err) {
		return "", err
	}
	info, err := os.Lstat(spool)
	if err != nil {
		return "", err
	}
	stat, ok := info.Sys().(*syscall.Stat_t)
	if !info.IsDir() || !ok || int(stat.Uid) != os.Getuid() || info.Mode().Perm()&0o022 != 0 {
		return "", errors.New(spool + " is not a private folder of this user")
	}
	return spool, nil
}

// makeFolders creates the missing folders of dir, outermost first, each 0700; existing
// ones are left as they are (never chmod-ed).
func makeFolders(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !os.IsNotExist(err) {
			return err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil && !os.IsExist(err) {
			return err
		}
	}
	return nil
}
