package main

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonFields reads one JSON object and returns its top-level fields that are strings,
// numbers or booleans (numbers as float64, as encoding/json gives them); nested objects
// and lists are checked and skipped. The front reads only the watcher's flat requests and
// the "db" of the config file.
func jsonFields(data []byte) (map[string]interface{}, error) {
	p := &jsonParser{data: data}
	fields := map[string]interface{}{}
	p.space()
	if !p.eat('{') {
		return nil, errJSON
	}
	p.space()
	if !p.eat('}') {
		for {
			p.space()
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.space()
			if !p.eat(':') {
				return nil, errJSON
			}
			v, err := p.value(0)
			if err != nil {
				return nil, err
			}
			fields[k] = v
			p.space()
			if p.eat('}') {
				break
			}
			if !p.eat(',') {
				return nil, errJSON
			}
		}
	}
	p.space()
	if p.i != len(p.data) {
		return nil, errJSON
	}
	return fields, nil
}

var errJSON = errors.New("not a JSON object")

// nestedLimit keeps a hostile config file from recursing deep.
const nestedLimit = 64

type jsonParser struct {
	data []byte
	i    int
}

func (p *jsonParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) eat(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonParser) word(w string) bool {
	if len(p.data)-p.i >= len(w) && string(p.data[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// value: a string, float64, bool or nil; nested values are skipped (nil).
func (p *jsonParser) value(depth int) (interface{}, error) {
	if depth > nestedLimit {
		return nil, errJSON
	}
	p.space()
	if p.i >= len(p.data) {
		return nil, errJSON
	}
	switch c := p.data[p.i]; {
	case c == '"':
		return p.str()
	case c == '{' || c == '[':
		return nil, p.skipNested(depth)
	case p.word("true"):
		return true, nil
	case p.word("false"):
		return false, nil
	case p.word("null"):
		return nil, nil
	default:
		return p.number()
	}
}

func (p *jsonParser) skipNested(depth int) error {
	open := p.data[p.i]
	closing := byte('}')
	if open == '[' {
		closing = ']'
	}
	p.i++
	p.space()
	if p.eat(closing) {
		return nil
	}
	for {
		if open == '{' {
			p.space()
			if _, err := p.str(); err != nil {
				return err
			}
			p.space()
			if !p.eat(':') {
				return errJSON
			}
		}
		if _, err := p.value(depth + 1); err != nil {
			return err
		}
		p.space()
		if p.eat(closing) {
			return nil
		}
		if !p.eat(',') {
			return errJSON
		}
	}
}

func (p *jsonParser) number() (interface{}, error) {
	start := p.i
	for p.i < len(p.data) {
		c := p.data[p.i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		p.i++
	}
	text := string(p.data[start:p.i])
	// strconv accepts forms JSON does not ("+1", ".5", "1."); JSON's own grammar is stricter.
	if text == "" || text[0] == '+' || text[0] == '.' || text[len(text)-1] == '.' {
		return nil, errJSON
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, errJSON
	}
	return f, nil
}

// str reads a quoted string with JSON's escapes; a lone surrogate becomes U+FFFD.
func (p *jsonParser) str() (string, error) {
	if !p.eat('"') {
		return "", errJSON
	}
	var out []byte
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out), nil
		case c < 0x20:
			return "", errJSON
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.data) {
			return "", errJSON
		}
		esc := p.data[p.i+1]
		p.i += 2
		switch esc {
		case '"', '\\', '/':
			out = append(out, esc)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", errJSON
			}
			if utf16.IsSurrogate(r) {
				r = p.lowSurrogate(r)
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", errJSON
		}
	}
	return "", errJSON
}

// lowSurrogate completes a UTF-16 pair; anything else leaves U+FFFD and is read on its own.
func (p *jsonParser) lowSurrogate(high rune) rune {
	if len(p.data)-p.i >= 6 && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
		save := p.i
		p.i += 2
		if low, ok := p.hex4(); ok {
			if r := utf16.DecodeRune(high, low); r != utf8.RuneError {
				return r
			}
		}
		p.i = save
	}
	return utf8.RuneError
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.data)-p.i < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.data[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}
