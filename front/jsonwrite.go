package main

import (
	"strconv"
	"unicode/utf8"
)

// jsonObject writes one JSON object, fields in the order given. The front writes only flat
// lines of strings, numbers, booleans and string lists (the journal, the watcher's events);
// encoding/json would cost every go call its start-up time for that.
type jsonObject struct {
	buf []byte
}

func newJSONObject() *jsonObject { return &jsonObject{buf: append(make([]byte, 0, 256), '{')} }

func (o *jsonObject) key(k string) *jsonObject {
	if len(o.buf) > 1 {
		o.buf = append(o.buf, ',')
	}
	o.buf = appendJSONString(o.buf, k)
	o.buf = append(o.buf, ':')
	return o
}

func (o *jsonObject) str(k, v string) *jsonObject {
	o.key(k).buf = appendJSONString(o.buf, v)
	return o
}

// strOrNull: null for a nil pointer.
func (o *jsonObject) strOrNull(k string, v *string) *jsonObject {
	if v == nil {
		return o.null(k)
	}
	return o.str(k, *v)
}

func (o *jsonObject) int(k string, v int64) *jsonObject {
	o.key(k).buf = strconv.AppendInt(o.buf, v, 10)
	return o
}

func (o *jsonObject) intOrNull(k string, v *int) *jsonObject {
	if v == nil {
		return o.null(k)
	}
	return o.int(k, int64(*v))
}

func (o *jsonObject) bool(k string, v bool) *jsonObject {
	o.key(k).buf = strconv.AppendBool(o.buf, v)
	return o
}

func (o *jsonObject) null(k string) *jsonObject {
	o.key(k).buf = append(o.buf, "null"...)
	return o
}

func (o *jsonObject) strs(k string, v []string) *jsonObject {
	o.key(k).buf = append(o.buf, '[')
	for i, s := range v {
		if i > 0 {
			o.buf = append(o.buf, ',')
		}
		o.buf = appendJSONString(o.buf, s)
	}
	o.buf = append(o.buf, ']')
	return o
}

// objects: a list of objects under k.
func (o *jsonObject) objects(k string, v []*jsonObject) *jsonObject {
	o.key(k).buf = append(o.buf, '[')
	for i, item := range v {
		if i > 0 {
			o.buf = append(o.buf, ',')
		}
		o.buf = append(o.buf, item.bytes()...)
	}
	o.buf = append(o.buf, ']')
	return o
}

// object nests another object under k.
func (o *jsonObject) object(k string, v *jsonObject) *jsonObject {
	o.key(k).buf = append(o.buf, v.bytes()...)
	return o
}

// bytes: the object, closed.
func (o *jsonObject) bytes() []byte { return append(o.buf[:len(o.buf):len(o.buf)], '}') }

// appendJSONString quotes s as encoding/json does: bytes that are not UTF-8 become U+FFFD
// (argv and paths may hold any bytes; a JSON line must stay valid UTF-8), control
// characters, '"' and '\' are escaped, and so are U+2028/U+2029 for JavaScript readers.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\r':
				buf = append(buf, '\\', 'r')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20 || c == 0x7f:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
