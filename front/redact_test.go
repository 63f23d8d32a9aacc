package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

type corpusEntry struct {
	About   string          `json:"about"`
	Kind    string          `json:"kind"`
	Input   json.RawMessage `json:"input"`
	Secrets []string        `json:"secrets"`
	Keep    []string        `json:"keep"`
}

func TestRedactArgvCorpus(t *testing.T) {
	data, err := os.ReadFile("../test/fixtures/secrets/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus []corpusEntry
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, entry := range corpus {
		if entry.Kind != "argv" {
			continue
		}
		seen++
		var argv []string
		if err := json.Unmarshal(entry.Input, &argv); err != nil {
			t.Fatalf("%s: %v", entry.About, err)
		}
		out := strings.Join(redactArgv(argv), "\x00")
		for _, secret := range entry.Secrets {
			if strings.Contains(out, secret) {
				t.Errorf("%s: secret %q left in %q", entry.About, secret, out)
			}
		}
		for _, keep := range entry.Keep {
			if !strings.Contains(out, keep) {
				t.Errorf("%s: %q lost from %q", entry.About, keep, out)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no argv entries in the corpus")
	}
}

func TestRedactArgvShapes(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"get", "https://tok@github.com/x"}, []string{"get", "https://***@github.com/x"}},
		{[]string{"get", "https://a:b@c@h.example/x"}, []string{"get", "https://***@h.example/x"}},
		{[]string{"x", "https://h/p?key=v&page=2"}, []string{"x", "https://h/p?key=***&page=2"}},
		{[]string{"x", "https://h/p?authz=v"}, []string{"x", "https://h/p?authz=***"}},
		{[]string{"x", "-github-pat=v"}, []string{"x", "-github-pat=***"}},
		{[]string{"x", "--token", "v"}, []string{"x", "--token", "***"}},
		{[]string{"tool", "link", "-X", "main.authKey=v"}, []string{"tool", "link", "-X", "main.authKey=***"}},
		{[]string{"x", "-ldflags=-X \"main.secret=a b\" -s"}, []string{"x", "-ldflags=-X \"main.secret=***\" -s"}},
		{[]string{"x", "-H", "Private-Token: abc"}, []string{"x", "-H", "Private-Token: ***"}},
		{[]string{"build", "-modfile=go.alt.mod", "-patch=1", "./..."}, []string{"build", "-modfile=go.alt.mod", "-patch=1", "./..."}},
	}
	for _, c := range cases {
		got := redactArgv(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("redactArgv(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
