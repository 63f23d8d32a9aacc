package main

import (
	"encoding/json"
	"math/rand"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The scanners of redact_scan.go against the regexps they replace (redact_reference_test.go):
// any difference in output fails.

func checkSameText(t *testing.T, what, in string) bool {
	t.Helper()
	got, want := redactText(in), referenceRedactText(in)
	if got != want {
		t.Errorf("%s: redactText(%q)\n  scanners: %q\n  regexp:   %q", what, in, got, want)
		return false
	}
	if got, want := redactLinkerX(in), referenceRedactLinkerX(in); got != want {
		t.Errorf("%s: redactLinkerX(%q)\n  scanners: %q\n  regexp:   %q", what, in, got, want)
		return false
	}
	return true
}

func checkSameArgv(t *testing.T, what string, in []string) bool {
	t.Helper()
	got, want := redactArgv(in), referenceRedactArgv(in)
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
		t.Errorf("%s: redactArgv(%q)\n  scanners: %q\n  regexp:   %q", what, in, got, want)
		return false
	}
	return true
}

func TestRedactMatchesRegexpOnCorpus(t *testing.T) {
	data, err := os.ReadFile("../test/fixtures/secrets/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus []struct {
		About string          `json:"about"`
		Kind  string          `json:"kind"`
		Var   string          `json:"var"`
		Input json.RawMessage `json:"input"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, entry := range corpus {
		kinds[entry.Kind]++
		if entry.Kind == "argv" {
			var argv []string
			if err := json.Unmarshal(entry.Input, &argv); err != nil {
				t.Fatalf("%s: %v", entry.About, err)
			}
			checkSameArgv(t, entry.About, argv)
			checkSameText(t, entry.About, strings.Join(argv, " "))
			for _, arg := range argv {
				checkSameText(t, entry.About, arg)
			}
			continue
		}
		var text string
		if err := json.Unmarshal(entry.Input, &text); err != nil {
			t.Fatalf("%s: %v", entry.About, err)
		}
		checkSameText(t, entry.About, text)
		checkSameArgv(t, entry.About, []string{"env", entry.Var + "=" + text})
		checkSameArgv(t, entry.About, []string{"--" + strings.ToLower(entry.Var), text})
	}
	if kinds["argv"] == 0 || kinds["text"] == 0 {
		t.Fatalf("corpus kinds %v: want argv and text entries", kinds)
	}
	t.Logf("corpus: %d entries %v", len(corpus), kinds)
}

// Fragments that the patterns care about; random strings are made of them.
var redactFragments = []string{
	"https://", "http://", "git+ssh://", "://", "@", ":", "/", "?", "&", ";", "#", ",", "=", " ",
	"\t", "\n", "\r", "\f", "'", "\"", "-X", "-X=", "main.token", "password", "token",
	"access_token", "sig", "Authorization", "AUTHORIZATION", "proxy-authorization",
	"Private-Token", "PRIVATE-TO\u212aEN", "private-to", "ken", "x", "user", "a_b", "_", ".", "+",
	"é", "\xff", "\xe2\x84", "\u212a", "\u017f", "\u017f3://", "--", "-", "GITHUB_TOKEN", "pat",
	"-pat", "X", "auth", "9",
}

func randomRedactInput(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.Intn(12); n > 0; n-- {
		b.WriteString(redactFragments[r.Intn(len(redactFragments))])
	}
	return b.String()
}

func TestRedactMatchesRegexpOnRandomInput(t *testing.T) {
	r := rand.New(rand.NewSource(20240601))
	const texts, argvs = 40000, 20000
	failures := 0
	for i := 0; i < texts && failures < 20; i++ {
		if !checkSameText(t, "random", randomRedactInput(r)) {
			failures++
		}
	}
	for i := 0; i < argvs && failures < 20; i++ {
		argv := make([]string, 1+r.Intn(4))
		for k := range argv {
			argv[k] = randomRedactInput(r)
		}
		if !checkSameArgv(t, "random", argv) {
			failures++
		}
	}
	t.Logf("random: %d texts, %d argv slices", texts, argvs)
}

// Hand-picked shapes: the regexp's corners (backtracking, greedy runs, case folding).
func TestRedactMatchesRegexpOnCorners(t *testing.T) {
	texts := []string{
		"", "https://@h", "https://a@b@c/d@e", "a://x@b://y@", "x.b://y@h", "xb://y@h",
		"_\u017f://x@h", " \u017f://x@h", "a\u212a://x@h", "\u212a://x@h", "HTTPS://U:P@H",
		"?a=b?token=x", "?token=&token=x", "&&token=x", "?token=a'b", ";sig=1,2",
		"Authorization:\n  x", "Authorization :", "xAuthorization: v", "Proxy-Authorization: x",
		"private-to\u212aen: v", "a-Authorization: v", "Authorization: a\"Authorization: b",
		"-X main.token=v -X main.token=w", "-X 'main.token=a -X main.pass=b' c", "-X=a.pass=",
		"-X \t\"p.secret=a b\"", "-X ''=", "-Xtoken=v",
	}
	for _, text := range texts {
		checkSameText(t, "corner", text)
	}
	argvs := [][]string{
		{"--", "v"}, {"-", "v"}, {"---token", "v"}, {"--=v"}, {"---=v"}, {"-=v"}, {"--token=v"},
		{"-X", "main.token=v"}, {"--X", "a.pass=v"}, {"X_TOKEN=v"}, {"9TOKEN=v"}, {"_pat=v"},
		{"-pat", "v"}, {"-a.pat.b", "v"}, {"--api-key=v"}, {"-X", "'main.token=v w'"},
	}
	for _, argv := range argvs {
		checkSameArgv(t, "corner", argv)
	}
}

// foldedLetterAt must know every rune that (?i)[a-z] matches, and fold it to the right letter.
func TestFoldedLetterAtMatchesRegexp(t *testing.T) {
	anyLetter := regexp.MustCompile(`(?i)^[a-z]$`)
	for r := rune(0); r <= 0x10FFFF; r++ {
		s := string(r)
		c, w := foldedLetterAt(s, 0)
		matches := anyLetter.MatchString(s)
		if matches != (w == len(s)) {
			t.Errorf("%U: (?i)[a-z] matches: %v; foldedLetterAt: %q, %d", r, matches, c, w)
			continue
		}
		if matches && !regexp.MustCompile(`(?i)^`+string(rune(c))+`$`).MatchString(s) {
			t.Errorf("%U: foldedLetterAt says %q", r, c)
		}
	}
}
