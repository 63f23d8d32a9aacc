package main

// Argument redaction for the journal: the same rules as src/redact.ts, both tested
// against test/fixtures/secrets/corpus.json (docs/front-protocol.md, "The run journal").
//
// The rules were regular expressions; they are hand-written scanners now (redact_scan.go),
// because the front runs before every watched go call and linking and compiling regexp
// cost start-up time. Each scanner quotes the expression it replaces, and
// redact_equivalence_test.go checks them against the regexp version (redact_reference_test.go).

import "strings"

const redacted = "***"

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
	out := make([]string, len(argv))
	for i, arg := range argv {
		if i > 0 {
			if name, ok := bareFlag(argv[i-1]); ok {
				if secretFlagName(name) {
					out[i] = redacted // --password VALUE
					continue
				}
				if name == "X" {
					arg = redactLinkerX("-X " + arg)[3:] // go tool link -X name=value
				}
			}
		}
		out[i] = redactArg(arg)
	}
	return out
}

func redactArg(arg string) string {
	if prefix, name, ok := flagWithValue(arg); ok && secretFlagName(name) {
		return prefix + redacted
	}
	if prefix, name, ok := envAssign(arg); ok && secretFlagName(name) {
		return prefix + redacted
	}
	return redactText(arg)
}

// redactText hides secrets anywhere in a text: URL user-info, secret query
// parameters, -X link flags with secret names, authorization headers.
func redactText(text string) string {
	text = replaceMatches(text, urlUserInfoAt)
	text = replaceMatches(text, queryParamAt)
	text = redactLinkerX(text)
	return replaceMatches(text, headerValueAt)
}

// redactLinkerX hides the value of -X name=value link flags whose name (after the
// last '.') looks secret.
func redactLinkerX(text string) string { return replaceMatches(text, linkerValueAt) }
