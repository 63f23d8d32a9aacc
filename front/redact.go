package main

// Argument redaction for the journal: the same rules as src/redact.ts, both tested
// against test/fixtures/secrets/corpus.json (docs/front-protocol.md, "The run journal").

import (
	"regexp"
	"strings"
	"sync"
)

const redacted = "***"

// The patterns are compiled on first use: package init runs before go is spawned.
var patterns struct {
	sync.Once
	urlUserInfo, queryParam, linkerX, headerValue, flagWithValue, bareFlag, envAssign *regexp.Regexp
}

func compilePatterns() {
	patterns.Do(func() {
		// scheme://user:password@host: the user-info runs to the last '@' before the host,
		// as Go's net/url reads it, so a password holding an '@' is hidden whole.
		patterns.urlUserInfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#]*@`)
		// name=value in a query string; the value ends where the next parameter, fragment,
		// list item (GOPROXY's ',') or word begins.
		patterns.queryParam = regexp.MustCompile(`([?&;])([A-Za-z0-9_.-]+)=([^&#,;\s'"]*)`)
		// -X name=value, -X=name=value, -X 'name=value' (link flags, anywhere in an argument).
		patterns.linkerX = regexp.MustCompile(`-X(?:=|\s+)(['"]?)([^\s='"]+)=`)
		patterns.headerValue = regexp.MustCompile(`(?i)\b(authorization|proxy-authorization|private-token)(\s*:\s*)[^\r\n'"]*`)
		patterns.flagWithValue = regexp.MustCompile(`^(--?)([A-Za-z0-9_.-]+)=`)
		patterns.bareFlag = regexp.MustCompile(`^--?([A-Za-z0-9_.-]+)$`)
		// NAME=value as an argument of its own (`env GITHUB_TOKEN=… git fetch`).
		patterns.envAssign = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)=`)
	})
}

var secretQueryNames = map[string]bool{
	"token": true, "access_token": true, "api_key": true, "apikey": true, "key": true,
	"password": true, "passwd": true, "secret": true, "sig": true, "signature": true,
}

func secretQueryName(name string) bool {
	n := strings.ToLower(name)
	return secretQueryNames[n] || strings.HasPrefix(n, "auth") ||
		strings.Contains(n, "token") || strings.Contains(n, "secret") || strings.Contains(n, "password")
}

// secretFlagName: a flag or variable name that looks like it names a secret.
func secretFlagName(name string) bool {
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

// redactArgv returns go's arguments with secrets replaced by ***.
func redactArgv(argv []string) []string {
	compilePatterns()
	out := make([]string, len(argv))
	for i, arg := range argv {
		if i > 0 {
			if m := patterns.bareFlag.FindStringSubmatch(argv[i-1]); m != nil {
				if secretFlagName(m[1]) {
					out[i] = redacted // --password VALUE
					continue
				}
				if m[1] == "X" {
					arg = redactLinkerX("-X " + arg)[3:] // go tool link -X name=value
				}
			}
		}
		out[i] = redactArg(arg)
	}
	return out
}

func redactArg(arg string) string {
	if m := patterns.flagWithValue.FindStringSubmatch(arg); m != nil && secretFlagName(m[2]) {
		return m[0] + redacted
	}
	if m := patterns.envAssign.FindStringSubmatch(arg); m != nil && secretFlagName(m[1]) {
		return m[0] + redacted
	}
	return redactText(arg)
}

// redactText hides secrets anywhere in a text: URL user-info, secret query
// parameters, -X link flags with secret names, authorization headers.
func redactText(text string) string {
	compilePatterns()
	text = patterns.urlUserInfo.ReplaceAllString(text, "${1}"+redacted+"@")
	text = patterns.queryParam.ReplaceAllStringFunc(text, func(m string) string {
		parts := patterns.queryParam.FindStringSubmatch(m)
		if !secretQueryName(parts[2]) || parts[3] == "" {
			return m
		}
		return parts[1] + parts[2] + "=" + redacted
	})
	text = redactLinkerX(text)
	return patterns.headerValue.ReplaceAllString(text, "${1}${2}"+redacted)
}

func redactLinkerX(text string) string {
	var b strings.Builder
	last := 0
	for _, m := range patterns.linkerX.FindAllStringSubmatchIndex(text, -1) {
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
		if !secretFlagName(name) || valueEnd == valueStart {
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
