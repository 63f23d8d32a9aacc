package main

import "sync"

const tailSize = 1 << 20

// tailRing keeps the last 1 MiB of go's stderr and counts every byte relayed, so the
// watcher can ask for what go printed since a byte offset (`tail`).
type tailRing struct {
	mu    sync.Mutex
	buf   []byte
	total int64
}

func (r *tailRing) add(p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.buf == nil {
		r.buf = make([]byte, tailSize)
	}
	if len(p) > tailSize {
		r.total += int64(len(p) - tailSize)
		p = p[len(p)-tailSize:]
	}
	at := int(r.total % tailSize)
	n := copy(r.buf[at:], p)
	copy(r.buf, p[n:])
	r.total += int64(len(p))
}

func (r *tailRing) bytes() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total
}

// since returns the bytes from offset `from` (raised to the oldest byte kept) to the end.
func (r *tailRing) since(from int64) (int64, int64, []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	oldest := r.total - tailSize
	if oldest < 0 {
		oldest = 0
	}
	if from < oldest {
		from = oldest
	}
	if from > r.total {
		from = r.total
	}
	out := make([]byte, 0, r.total-from)
	for at := from; at < r.total; {
		start := int(at % tailSize)
		end := tailSize
		if left := r.total - at; int64(end-start) > left {
			end = start + int(left)
		}
		out = append(out, r.buf[start:end]...)
		at += int64(end - start)
	}
	return from, r.total, out
}
