package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"time"
)

type request struct {
	Op      string `json:"op"`
	From    int64  `json:"from"`
	Text    string `json:"text"`
	Warning bool   `json:"warning"`
}

// serve reads the watcher's requests until the socket ends. A read deadline parks it
// (see settle) until main has read the rest itself.
func (w *watcher) serve() {
	buf := make([]byte, 16<<10)
	for {
		n, err := w.sock.Read(buf)
		w.consume(buf[:n])
		if errors.Is(err, os.ErrDeadlineExceeded) {
			w.parked <- struct{}{}
			<-w.resume
			continue
		}
		if err != nil {
			close(w.closed)
			w.release()
			return
		}
	}
}

// settle makes sure that every request the watcher sent before go exited (a `hung`
// sent just before it signalled go) has been acted on before the front decides its status.
func (w *watcher) settle() {
	if w.sock == nil {
		return
	}
	w.sock.SetReadDeadline(time.Now())
	select {
	case <-w.parked:
	case <-w.closed:
		return
	}
	buf := make([]byte, 16<<10)
	for {
		w.sock.SetReadDeadline(time.Now().Add(settleWait))
		n, err := w.sock.Read(buf)
		w.consume(buf[:n])
		if err != nil {
			break
		}
	}
	w.sock.SetReadDeadline(time.Time{})
	w.resume <- struct{}{}
}

func (w *watcher) consume(data []byte) {
	w.partialInput = append(w.partialInput, data...)
	for {
		i := bytes.IndexByte(w.partialInput, '\n')
		if i < 0 {
			return
		}
		line := w.partialInput[:i]
		w.partialInput = w.partialInput[i+1:]
		var req request
		if json.Unmarshal(line, &req) == nil {
			w.handle(req)
		}
	}
}

func (w *watcher) handle(req request) {
	switch req.Op {
	case "stat":
		w.send(map[string]interface{}{"re": "stat", "bytes": w.ring.bytes()})
	case "tail":
		from, to, text := w.ring.since(req.From)
		w.send(map[string]interface{}{"re": "tail", "from": from, "to": to, "text": string(text)})
	case "say":
		errOut.say(req.Text, req.Warning)
	case "hung", "hold":
		w.mu.Lock()
		if req.Op == "hung" {
			w.hung = true
		} else {
			w.hold = true
		}
		w.mu.Unlock()
		// The watcher signals go only once we have it: then go's exit cannot come first.
		w.send(map[string]interface{}{"re": req.Op})
	case "release":
		w.release()
	}
}
