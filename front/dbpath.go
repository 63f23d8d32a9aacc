package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

const configLimit = 64 << 10

// historyDB resolves the history database as the TypeScript side does (docs/contract.md):
// GOMODSHIM_DB, else the config file's "db", else the XDG state folder. "" = history off;
// the warning, if any, says why.
func historyDB() (db string, warning string) {
	home := os.Getenv("HOME")
	if v := os.Getenv("GOMODSHIM_DB"); v != "" {
		if v == "off" {
			return "", ""
		}
		if p := absoluteDB(v, home); p != "" {
			return p, ""
		}
		// As the TypeScript side does (src/config/resolve.ts): the next layer, with one warning.
		warning = "GOMODSHIM_DB=" + v + " is not an absolute path (nor ~/…, nor off); using "
	}
	db, why := defaultDB(home)
	if db == "" {
		return "", why
	}
	if warning != "" {
		return db, warning + db
	}
	return db, ""
}

// defaultDB: the config file's "db", else the XDG state folder's; "" and why when there is none.
func defaultDB(home string) (string, string) {
	if v := configuredDB(home); v != "" {
		if v == "off" {
			return "", ""
		}
		return v, ""
	}
	state := os.Getenv("XDG_STATE_HOME")
	if state == "" {
		if home == "" {
			return "", "neither HOME nor XDG_STATE_HOME is set; history is off for this run"
		}
		state = filepath.Join(home, ".local", "state")
	}
	db := filepath.Join(state, "gomod-shim", "history.db")
	if !filepath.IsAbs(db) {
		return "", "the history database " + db + " is not an absolute path; history is off for this run"
	}
	return db, ""
}

// absoluteDB: an absolute path as it is, ~/… below HOME, else "".
func absoluteDB(p, home string) string {
	switch {
	case filepath.IsAbs(p):
		return p
	case strings.HasPrefix(p, "~/") && home != "":
		return filepath.Join(home, p[2:])
	}
	return ""
}

// configuredDB: the config file's "db" (absolute, ~/…, or off), "" when absent or unusable.
// The file is opened without following a symlink or blocking on a FIFO, and read only
// when it is a regular file of at most 64 KiB.
func configuredDB(home string) string {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	f, err := os.OpenFile(filepath.Join(dir, "gomod-shim", "config.json"), os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > configLimit {
		return ""
	}
	data, err := io.ReadAll(io.LimitReader(f, configLimit))
	if err != nil {
		return ""
	}
	config, err := jsonFields(data)
	if err != nil {
		return ""
	}
	db, _ := config["db"].(string)
	if db == "off" {
		return db
	}
	return absoluteDB(db, home)
}
