package main

// The regexp redactor as it was before redact.go became hand-written scanners, kept
// verbatim (names prefixed with reference) as the oracle for redact_equivalence_test.go.
// Test-only: a _test.go file is not linked into the front, so regexp stays out of it.

import (
	"regexp"
	"strings"
	"sync"
)

// The patterns are compiled on first use: package init runs before go is spawned.
var referencePatterns struct {
	sync.Once
	urlUserInfo, queryParam, linkerX, headerValue, flagWithValue, bareFlag, envAssign *regexp.Regexp
}

func referenceCompilePatterns() {
	referencePatterns.Do(func() {
		// scheme://user:password@host: the user-info runs to the last '@' before the host,
		// as Go's net/url reads it, so a password holding an '@' is hidden whole.
		referencePatterns.urlUserInfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#]*@`)
		// name=value in a query string; the value ends where the next parameter, fragment,
		// list item (GOPROXY's ',') or word begins.
		referencePatterns.queryParam = regexp.MustCompile(`([?&;])([A-Za-z0-9_.-]+)=([^&#,;?\s'"]*)`)
		// -X name=value, -X=name=value, -X 'name=value' (link flags, anywhere in an argument).
		referencePatterns.linkerX = regexp.MustCompile(`-X(?:=|\s+)(['"]?)([^\s='"]+)=`)
		referencePatterns.headerValue = regexp.MustCompile(`(?i)\b(authorization|proxy-authorization|private-token)(\s*:\s*)[^\r\n'"]*`)
		referencePatterns.flagWithValue = regexp.MustCompile(`^(--?)([A-Za-z0-9_.-]+)=`)
		referencePatterns.bareFlag = regexp.MustCompile(`^--?([A-Za-z0-9_.-]+)$`)
		// NAME=value as an argument of its own (`env GITHUB_TOKEN=… git fetch`).
		referencePatterns.envAssign = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)=`)
	})
}

var referenceSecretQueryNames = map[string]bool{
	"token": true, "access_token": true, "api_key": true, "apikey": true, "key": true,
	"password": true, "passwd": true, "secret": true, "sig": true, "signature": true,
}

func referenceSecretQueryName(name string) bool {
	n := strings.ToLower(name)
	return referenceSecretQueryNames[n] || strings.HasPrefix(n, "auth") ||
		strings.Contains(n, "token") || strings.Contains(n, "secret") || strings.Contains(n, "password")
}

// referenceSecretFlagName: a flag or variable name that looks like it names a secret.
func referenceSecretFlagName(name string) bool {
	n := strings.ToLower(name)
	for _, part := range []string{"token", "secret", "pass", "credential", "apikey", "api_key", "api-key", "auth"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	for _, segment := range strings.FieldsFunc(n, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if segment == "pat" {
			return true
		}
	}
	return false
}

// referenceRedactArgv returns go's arguments with secrets replaced by ***.
func referenceRedactArgv(argv []string) []string {
	referenceCompilePatterns()
	out := make([]string, len(argv))
	for i, arg := range argv {
		if i > 0 {
			if m := referencePatterns.bareFlag.FindStringSubmatch(argv[i-1]); m != nil {
				if referenceSecretFlagName(m[1]) {
					out[i] = redacted // --password VALUE
					continue
				}
				if m[1] == "X" {
					arg = referenceRedactLinkerX("-X " + arg)[3:] // go tool link -X name=value
				}
			}
		}
		out[i] = referenceRedactArg(arg)
	}
	return out
}

func referenceRedactArg(arg string) string {
	if m := referencePatterns.flagWithValue.FindStringSubmatch(arg); m != nil && referenceSecretFlagName(m[2]) {
		return m[0] + redacted
	}
	if m := referencePatterns.envAssign.FindStringSubmatch(arg); m != nil && referenceSecretFlagName(m[1]) {
		return m[0] + redacted
	}
	return referenceRedactText(arg)
}

// referenceRedactText hides secrets anywhere in a text: URL user-info, secret query
// parameters, -X link flags with secret names, authorization headers.
func referenceRedactText(text string) string {
	referenceCompilePatterns()
	text = referencePatterns.urlUserInfo.ReplaceAllString(text, "${1}"+redacted+"@")
	text = referencePatterns.queryParam.ReplaceAllStringFunc(text, func(m string) string {
		parts := referencePatterns.queryParam.FindStringSubmatch(m)
		if !referenceSecretQueryName(parts[2]) || parts[3] == "" {
			return m
		}
		return parts[1] + parts[2] + "=" + redacted
	})
	text = referenceRedactLinkerX(text)
	return referencePatterns.headerValue.ReplaceAllString(text, "${1}${2}"+redacted)
}

func referenceRedactLinkerX(text string) string {
	var b strings.Builder
	last := 0
	for _, m := range referencePatterns.linkerX.FindAllStringSubmatchIndex(text, -1) {
		if m[0] < last {
			continue
		}
		quote := text[m[2]:m[3]]
		name := text[m[4]:m[5]]
		valueStart := m[1]
		valueEnd := len(text)
		if quote != "" {
			if i := strings.Index(text[valueStart:], quote); i >= 0 {
				valueEnd = valueStart + i
			}
		} else if i := strings.IndexAny(text[valueStart:], " \t\n'\""); i >= 0 {
			valueEnd = valueStart + i
		}
		if dot := strings.LastIndex(name, "."); dot >= 0 {
			name = name[dot+1:]
		}
		if !referenceSecretFlagName(name) || valueEnd == valueStart {
			continue
		}
		b.WriteString(text[last:valueStart])
		b.WriteString(redacted)
		last = valueEnd
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
