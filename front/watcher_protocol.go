package main

import (
	"bytes"
	"errors"
	"os"
	"time"
)

// request is one line from the watcher: {"op":…, "from":…, "text":…, "warning":…}.
type request struct {
	Op      string
	From    int64
	Text    string
	Warning bool
}

// parseRequest: a line that is not such an object, or has a field of the wrong type, is
// ignored, as a newer watcher's request would be.
func parseRequest(line []byte) (request, bool) {
	fields, err := jsonFields(line)
	if err != nil {
		return request{}, false
	}
	var req request
	ok := true
	if v, present := fields["op"]; present {
		req.Op, ok = v.(string)
	}
	if v, present := fields["from"]; present && ok {
		var f float64
		f, ok = v.(float64)
		req.From = int64(f)
		ok = ok && float64(req.From) == f
	}
	if v, present := fields["text"]; present && ok {
		req.Text, ok = v.(string)
	}
	if v, present := fields["warning"]; present && ok {
		req.Warning, ok = v.(bool)
	}
	return req, ok
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
		if req, ok := parseRequest(line); ok {
			w.handle(req)
		}
	}
}

func (w *watcher) handle(req request) {
	switch req.Op {
	case "stat":
		w.send(newJSONObject().str("re", "stat").int("bytes", w.ring.bytes()))
	case "tail":
		from, to, text := w.ring.since(req.From)
		w.send(newJSONObject().str("re", "tail").int("from", from).int("to", to).str("text", string(text)))
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
		w.send(newJSONObject().str("re", req.Op))
	case "release":
		w.release()
	}
}
