package main

// The scanners behind redact.go. Each one stands for a regular expression (quoted in its
// comment) and finds exactly what Go's regexp found: the same start positions, the same
// greedy and leftmost-first choices, RE2's ASCII-only \s and \b, and (?i)'s Unicode case
// folding. Go's regexp tries a match at every rune start; every match here starts with an
// ASCII byte or a rune's lead byte, so trying every byte finds the same matches.

import "strings"

// isSpace: RE2's \s, [\t\n\f\r ].
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWordByte: RE2's \w, [0-9A-Za-z_], which \b looks at. No byte of a multi-byte rune is one.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isNameByte: [A-Za-z0-9_.-], the characters of flag and query parameter names.
func isNameByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == '-'
}

// wordBoundary: \b before text[i], a word byte on one side and not on the other.
func wordBoundary(text string, i int) bool {
	before := i > 0 && isWordByte(text[i-1])
	after := i < len(text) && isWordByte(text[i])
	return before != after
}

func skipSpace(text string, i int) int {
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	return i
}

// foldedLetterAt reads text[i:] as a letter under (?i): it returns the letter in lower case
// and its width in bytes, or 0, 0. Besides the ASCII letters, Unicode case folding maps two
// runes onto ASCII ones, and (?i)[a-z] and (?i)k match them: U+212A KELVIN SIGN (k) and
// U+017F LATIN SMALL LETTER LONG S (s).
func foldedLetterAt(text string, i int) (byte, int) {
	switch c := text[i]; {
	case 'a' <= c && c <= 'z':
		return c, 1
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A', 1
	case strings.HasPrefix(text[i:], "\u212a"):
		return 'k', 3
	case strings.HasPrefix(text[i:], "\u017f"):
		return 's', 2
	}
	return 0, 0
}

// hasFoldedPrefix: whether text[i:] starts with word (lower case ASCII) under (?i),
// and where that prefix ends.
func hasFoldedPrefix(text string, i int, word string) (int, bool) {
	for k := 0; k < len(word); k++ {
		if i == len(text) {
			return 0, false
		}
		if 'a' <= word[k] && word[k] <= 'z' {
			c, w := foldedLetterAt(text, i)
			if c != word[k] {
				return 0, false
			}
			i += w
		} else if text[i] == word[k] {
			i++
		} else {
			return 0, false
		}
	}
	return i, true
}

// A match found by a scanner: it ends at end, and if hide, text[from:to] (perhaps empty)
// is replaced by ***.
type match struct {
	end, from, to int
	hide          bool
}

// replaceMatches scans text as regexp's ReplaceAll does: at each position it asks at for a
// match starting there; after a match the scan goes on at its end, so matches never overlap.
func replaceMatches(text string, at func(text string, i int) (match, bool)) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		m, ok := at(text, i)
		if !ok {
			i++
			continue
		}
		// A match that starts inside a part already hidden is passed over: only a -X value
		// runs past its own match, and what starts inside it is part of that value.
		if m.hide && i >= last {
			b.WriteString(text[last:m.from])
			b.WriteString(redacted)
			last = m.to
		}
		i = m.end
	}
	if last == 0 { // nothing hidden (a hidden part always follows its match's first byte)
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// urlUserInfoAt: (?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#]*@, replaced by ${1}***@.
// scheme://user:password@host: the user-info runs to the last '@' before the host,
// as Go's net/url reads it, so a password holding an '@' is hidden whole.
func urlUserInfoAt(text string, i int) (match, bool) {
	if !wordBoundary(text, i) {
		return match{}, false
	}
	_, w := foldedLetterAt(text, i)
	if w == 0 {
		return match{}, false
	}
	j := i + w
	for j < len(text) {
		if _, w := foldedLetterAt(text, j); w > 0 {
			j += w
		} else if c := text[j]; '0' <= c && c <= '9' || c == '+' || c == '.' || c == '-' {
			j++
		} else {
			break
		}
	}
	if !strings.HasPrefix(text[j:], "://") {
		return match{}, false
	}
	userInfo := j + 3
	at := -1
	for k := userInfo; k < len(text) && !isSpace(text[k]) && text[k] != '/' && text[k] != '?' && text[k] != '#'; k++ {
		if text[k] == '@' {
			at = k
		}
	}
	if at < 0 {
		return match{}, false
	}
	return match{end: at + 1, from: userInfo, to: at, hide: true}, true
}

// queryParamAt: ([?&;])([A-Za-z0-9_.-]+)=([^&#,;?\s'"]*), hidden when the name is secret
// and the value not empty. name=value in a query string; the value ends where the next
// parameter, fragment, list item (GOPROXY's ',') or word begins — or at a second '?'
// (`?a=b?token=x`: the token is a parameter of its own to whoever reads it).
func queryParamAt(text string, i int) (match, bool) {
	if c := text[i]; c != '?' && c != '&' && c != ';' {
		return match{}, false
	}
	nameEnd := i + 1
	for nameEnd < len(text) && isNameByte(text[nameEnd]) {
		nameEnd++
	}
	if nameEnd == i+1 || nameEnd == len(text) || text[nameEnd] != '=' {
		return match{}, false
	}
	value := nameEnd + 1
	end := value
	for end < len(text) && !isSpace(text[end]) && !strings.ContainsRune("&#,;?'\"", rune(text[end])) {
		end++
	}
	hide := end > value && secretQueryName(text[i+1:nameEnd])
	return match{end: end, from: value, to: end, hide: hide}, true
}

// headerNames, in the order of the regexp's alternation (leftmost-first: the first that
// fits wins; they never fit at the same place anyway).
var headerNames = []string{"authorization", "proxy-authorization", "private-token"}

// headerValueAt: (?i)\b(authorization|proxy-authorization|private-token)(\s*:\s*)[^\r\n'"]*,
// replaced by ${1}${2}***. The blanks after ':' may hold line breaks, and the value may be
// empty: *** is written all the same.
func headerValueAt(text string, i int) (match, bool) {
	if !wordBoundary(text, i) {
		return match{}, false
	}
	for _, name := range headerNames {
		j, ok := hasFoldedPrefix(text, i, name)
		if !ok {
			continue
		}
		j = skipSpace(text, j)
		if j == len(text) || text[j] != ':' {
			continue
		}
		value := skipSpace(text, j+1)
		end := value
		for end < len(text) && !strings.ContainsRune("\r\n'\"", rune(text[end])) {
			end++
		}
		return match{end: end, from: value, to: end, hide: true}, true
	}
	return match{}, false
}

// A linker flag found by linkerXAt: text[:end] ends with "-X name=" (the value follows).
type linkerFlag struct {
	end         int
	quote, name string
}

// linkerValueAt: a -X flag (linkerXAt) and its value, which runs to the closing quote if the
// name was quoted, else to the next blank or quote. Hidden when the name after its last '.'
// looks secret and the value is not empty.
func linkerValueAt(text string, i int) (match, bool) {
	f, ok := linkerXAt(text, i)
	if !ok {
		return match{}, false
	}
	valueEnd := len(text)
	if f.quote != "" {
		if j := strings.Index(text[f.end:], f.quote); j >= 0 {
			valueEnd = f.end + j
		}
	} else if j := strings.IndexAny(text[f.end:], " \t\n'\""); j >= 0 {
		valueEnd = f.end + j
	}
	name := f.name
	if dot := strings.LastIndex(name, "."); dot >= 0 {
		name = name[dot+1:]
	}
	return match{end: f.end, from: f.end, to: valueEnd, hide: secretFlagName(name) && valueEnd > f.end}, true
}

// linkerXAt: -X(?:=|\s+)(['"]?)([^\s='"]+)=, i.e. -X name=value, -X=name=value,
// -X 'name=value' (link flags, anywhere in an argument).
func linkerXAt(text string, i int) (linkerFlag, bool) {
	if !strings.HasPrefix(text[i:], "-X") {
		return linkerFlag{}, false
	}
	j := i + 2
	if j < len(text) && text[j] == '=' {
		j++
	} else if j = skipSpace(text, j); j == i+2 {
		return linkerFlag{}, false
	}
	quote := j
	if j < len(text) && (text[j] == '\'' || text[j] == '"') {
		j++
	}
	name := j
	for j < len(text) && !isSpace(text[j]) && !strings.ContainsRune("='\"", rune(text[j])) {
		j++
	}
	if j == name || j == len(text) || text[j] != '=' {
		return linkerFlag{}, false
	}
	return linkerFlag{end: j + 1, quote: text[quote:name], name: text[name:j]}, true
}

// flagWithValue: ^(--?)([A-Za-z0-9_.-]+)=, a flag and its value in one argument; it returns
// the match ("--name=") and the name. --? is greedy: "--" is tried first, then "-" (so
// "--=v" is the flag "-").
func flagWithValue(arg string) (prefix, name string, ok bool) {
	for _, dashes := range []string{"--", "-"} {
		if !strings.HasPrefix(arg, dashes) {
			continue
		}
		j := len(dashes)
		for j < len(arg) && isNameByte(arg[j]) {
			j++
		}
		if j > len(dashes) && j < len(arg) && arg[j] == '=' {
			return arg[:j+1], arg[len(dashes):j], true
		}
	}
	return "", "", false
}

// bareFlag: ^--?([A-Za-z0-9_.-]+)$, a flag whose value is the next argument; it returns
// the name. As in flagWithValue, "--" is tried before "-" (so "--" is the flag "-").
func bareFlag(arg string) (name string, ok bool) {
	for _, dashes := range []string{"--", "-"} {
		if !strings.HasPrefix(arg, dashes) || len(arg) == len(dashes) {
			continue
		}
		j := len(dashes)
		for j < len(arg) && isNameByte(arg[j]) {
			j++
		}
		if j == len(arg) {
			return arg[len(dashes):], true
		}
	}
	return "", false
}

// envAssign: ^([A-Za-z_][A-Za-z0-9_]*)=, NAME=value as an argument of its own
// (`env GITHUB_TOKEN=… git fetch`); it returns the match ("NAME=") and the name.
func envAssign(arg string) (prefix, name string, ok bool) {
	if arg == "" || !isWordByte(arg[0]) || '0' <= arg[0] && arg[0] <= '9' {
		return "", "", false
	}
	j := 1
	for j < len(arg) && isWordByte(arg[j]) {
		j++
	}
	if j == len(arg) || arg[j] != '=' {
		return "", "", false
	}
	return arg[:j+1], arg[:j], true
}
