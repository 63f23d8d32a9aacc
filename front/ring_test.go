package main

import (
	"bytes"
	"testing"
)

func TestTailRingKeepsTheLastMiB(t *testing.T) {
	var r tailRing
	if from, to, text := r.since(0); from != 0 || to != 0 || len(text) != 0 {
		t.Fatalf("empty: %d %d %q", from, to, text)
	}
	r.add([]byte("hello "))
	r.add([]byte("world"))
	if from, to, text := r.since(6); from != 6 || to != 11 || string(text) != "world" {
		t.Fatalf("since 6: %d %d %q", from, to, text)
	}
	if from, _, text := r.since(99); from != 11 || len(text) != 0 {
		t.Fatalf("past the end: %d %q", from, text)
	}
	// Wrap around: 11 + 1 MiB + 5 bytes written, the oldest kept is byte 16.
	chunk := bytes.Repeat([]byte{'x'}, tailSize)
	r.add(chunk)
	r.add([]byte("12345"))
	from, to, text := r.since(0)
	if from != 16 || to != int64(16+tailSize) || len(text) != tailSize || !bytes.HasSuffix(text, []byte("xx12345")) {
		t.Fatalf("wrapped: %d %d %d %q", from, to, len(text), text[len(text)-8:])
	}
	if r.bytes() != int64(16+tailSize) {
		t.Fatalf("bytes %d", r.bytes())
	}
	// A single write bigger than the ring keeps its own last MiB.
	var big tailRing
	big.add(append(bytes.Repeat([]byte{'a'}, tailSize), 'b'))
	if from, _, text := big.since(0); from != 1 || text[len(text)-1] != 'b' || len(text) != tailSize {
		t.Fatalf("oversized: %d %d", from, len(text))
	}
}

func TestModuleLine(t *testing.T) {
	cases := map[string]string{
		"module example.com/m\n":                          "example.com/m",
		"// header\n\nmodule   \"example.com/q\"  // x\n": "example.com/q",
		"go 1.22\nmodule\texample.com/tab\n":              "example.com/tab",
		"modules are not this\nmodulex y\n":               "",
	}
	for content, want := range cases {
		f, _ := openTemp(t, content)
		got, ok := moduleLine(f)
		f.Close()
		if got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", content, got, ok, want)
		}
	}
}

func TestStartTicksIsTheFrontsStartTime(t *testing.T) {
	if startTicks() <= 0 {
		t.Fatal("no start time from /proc/self/stat")
	}
}
