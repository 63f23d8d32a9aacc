package main

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"
)

// Fragments that stress quoting: controls, quotes, backslashes, non-UTF-8 bytes, U+2028.
var jsonFragments = []string{"a", "é", "日本", "\"", "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\xff", "\xc3", "\u2028", "\u2029", "<&>", "/", "😀", " "}

func randomText(r *rand.Rand) string {
	s := ""
	for n := r.Intn(6); n > 0; n-- {
		s += jsonFragments[r.Intn(len(jsonFragments))]
	}
	return s
}

// What the front writes reads back, through encoding/json, as what encoding/json itself
// would have written.
func TestJSONObjectMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		s, list, n := randomText(r), []string{randomText(r), randomText(r)}, r.Int63()-r.Int63()
		line := newJSONObject().str("s", s).strs("list", list).int("n", n).bool("b", i%2 == 0).strOrNull("none", nil).
			object("inner", newJSONObject().str("k", s)).bytes()
		var got map[string]interface{}
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		want := map[string]interface{}{}
		reference, _ := json.Marshal(map[string]interface{}{"s": s, "list": list, "n": n, "b": i%2 == 0, "none": nil, "inner": map[string]string{"k": s}})
		json.Unmarshal(reference, &want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q reads as %v, want %v", line, got, want)
		}
	}
}

func TestJSONFieldsReadsWhatEncodingJSONReads(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		doc, _ := json.Marshal(map[string]interface{}{"op": randomText(r), "from": r.Int63n(1 << 40), "warning": i%3 == 0,
			"nested": map[string]interface{}{"a": []interface{}{1, "x", nil, map[string]string{}}}, "none": nil})
		got, err := jsonFields(doc)
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		var want map[string]interface{}
		json.Unmarshal(doc, &want)
		want["nested"] = nil // nested values are skipped
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s reads as %v, want %v", doc, got, want)
		}
	}
}

func TestJSONFieldsEscapes(t *testing.T) {
	got, err := jsonFields([]byte(` { "t" : "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800x" , "n":-1.5e2 } `))
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\"\\/\b\f\n\r\té😀\ufffdx"; got["t"] != want || got["n"] != -150.0 {
		t.Fatalf("got %q %v", got["t"], got["n"])
	}
}

// Whatever encoding/json refuses as an object, so does the front (a config file or a
// watcher line that is not JSON changes nothing).
func TestJSONFieldsRefusesWhatIsNotAnObject(t *testing.T) {
	for _, doc := range []string{``, `[]`, `"x"`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":1}x`, `{a:1}`,
		`{"a":tru}`, `{"a":+1}`, `{"a":.5}`, `{"a":1.}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`,
		`{"a":[1,]}`, `{"a":{"b"}}`, `{"a":NaN}`} {
		if _, err := jsonFields([]byte(doc)); err == nil {
			t.Errorf("%q was read", doc)
		}
		var v map[string]interface{}
		if json.Unmarshal([]byte(doc), &v) == nil && v != nil {
			t.Errorf("%q: encoding/json reads it; the case is wrong", doc)
		}
	}
}

func TestParseRequest(t *testing.T) {
	req, ok := parseRequest([]byte(`{"op":"say","text":"hi","warning":true,"from":12}`))
	if !ok || req != (request{Op: "say", Text: "hi", Warning: true, From: 12}) {
		t.Fatalf("got %+v %v", req, ok)
	}
	for _, bad := range []string{`{"op":5}`, `{"op":"tail","from":1.5}`, `{"op":"say","warning":"yes"}`, `not json`} {
		if _, ok := parseRequest([]byte(bad)); ok {
			t.Errorf("%s was taken", bad)
		}
	}
}
