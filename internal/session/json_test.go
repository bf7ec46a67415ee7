package session

import (
	"encoding/json"
	"strings"
	"testing"
)

// jsonSeeds are lines shaped like Claude Code's (compact JSON) and broken
// variants; they seed the fuzz test as well.
var jsonSeeds = []string{
	`{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"say hi"},"uuid":"14b9f97d-5457-422e-a0ec-cecdff97683c","timestamp":"2026-12-05T13:11:35.624Z"}`,
	`{"type":"assistant","message":{"content":[{"type":"tool_use","id":"toolu_01","name":"Read","input":{"file_path":"/a\u00e9\ud83d\ude00"}}]},"n":-1.5e+3}`,
	`{"a":[1,2,{"b":null}],"c":true,"d":false,"e":"x\"y\\z\/\b\f\n\r\t"}`,
	`{"a":1`, `{"a":"b`, `{"a":tru}`, `[1,2,]`, `{"a" 1}`, `01`, `-`, `1.`, `1e`, `"\x"`, "\"a\tb\"", `"\u12"`,
	` {"a":1} `, `{} x`, ``, `nul`, `{"a":"\ud800"}`, `[[[[]]]]`, `{"":{"":""}}`,
}

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		var d Doc
		err := Parse([]byte(s), &d)
		if want := json.Valid([]byte(s)); (err == nil) != want {
			t.Errorf("Parse(%q) error = %v, json.Valid = %v", s, err, want)
		}
	}
}

func TestValueAccess(t *testing.T) {
	var d Doc
	src := `{"type":"assistant","message":{"model":"claude-opus-5-5","content":[{"type":"text","text":"a\nb"},{"type":"tool_use","id":"toolu_1"}]},"isSidechain":true,"n":42,"k\u0065y":"v"}`
	if err := Parse([]byte(src), &d); err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	if got := root.Path("message", "model").Str(); got != "claude-opus-5-5" {
		t.Errorf("model = %q", got)
	}
	content := root.Path("message", "content")
	if content.Kind() != Array || content.Len() != 2 {
		t.Fatalf("content kind %v len %d", content.Kind(), content.Len())
	}
	if got := content.Elems()[0].Get("text").Str(); got != "a\nb" {
		t.Errorf("text = %q", got)
	}
	if !root.Get("isSidechain").Bool() {
		t.Error("isSidechain not true")
	}
	if n, ok := root.Get("n").Int(); !ok || n != 42 {
		t.Errorf("n = %d, %v", n, ok)
	}
	if got := root.Get("key").Str(); got != "v" {
		t.Errorf("escaped key: got %q", got)
	}
	if root.Get("missing").Exists() || root.Path("missing", "deeper").Exists() {
		t.Error("missing member exists")
	}
}

func TestEditsKeepUntouchedBytes(t *testing.T) {
	src := `{"parentUuid":"p1","message":{"content":[{"type":"thinking","thinking":"x","signature":""},{"type":"text","text":"keep \u00e9"},{"type":"image","source":{}}]},"tail":  [1, 2]}`
	var d Doc
	if err := Parse([]byte(src), &d); err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	e := d.Edit()
	blocks := root.Path("message", "content").Elems()
	e.Delete(blocks[0])
	e.Replace(blocks[2], []byte(`{"type":"text","text":"removed"}`))
	e.Replace(root.Get("parentUuid"), []byte(`"p2"`))
	got := string(e.Bytes())
	want := `{"parentUuid":"p2","message":{"content":[{"type":"text","text":"keep \u00e9"},{"type":"text","text":"removed"}]},"tail":  [1, 2]}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !json.Valid([]byte(got)) {
		t.Error("result is not JSON")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Doc
		err := Parse([]byte(s), &d)
		if want := json.Valid([]byte(s)); (err == nil) != want {
			t.Fatalf("Parse(%q) error = %v, json.Valid = %v", s, err, want)
		}
		if err != nil {
			return
		}
		// Every string decodes as encoding/json decodes it.
		var walk func(v Value)
		walk = func(v Value) {
			switch v.Kind() {
			case String:
				var want string
				if json.Unmarshal(v.Raw(), &want) != nil || v.Str() != want {
					t.Fatalf("Str(%s) = %q, want %q", v.Raw(), v.Str(), want)
				}
			case Object, Array:
				for _, c := range v.Elems() {
					walk(c)
				}
			}
		}
		walk(d.Root())
		// Rendering with no edits gives the input back.
		if got := d.Edit().Bytes(); string(got) != s {
			t.Fatalf("no-op edit changed %q to %q", s, got)
		}
	})
}

func TestReaderLines(t *testing.T) {
	in := "a\r\nbb\n\nlong-line-here\nlast"
	r := NewReader(strings.NewReader(in), 8)
	type got struct {
		no      int
		off     int64
		text    string
		n       int64
		eol     int
		tooLong bool
	}
	var lines []got
	for r.Next() {
		l := r.Line()
		lines = append(lines, got{l.No, l.Offset, string(l.Bytes), l.Len, l.EOL, l.TooLong})
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	want := []got{{1, 0, "a", 1, 2, false}, {2, 3, "bb", 2, 1, false}, {3, 6, "", 0, 1, false}, {4, 7, "", 14, 1, true}, {5, 22, "last", 4, 0, false}}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %+v, want %d", len(lines), lines, len(want))
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i+1, lines[i], want[i])
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add("a\nb\r\n\nc", 4)
	f.Add(strings.Repeat("x", 100)+"\ny", 16)
	f.Fuzz(func(t *testing.T, in string, max int) {
		if max < 1 || max > 1<<16 {
			return
		}
		r := NewReader(strings.NewReader(in), max)
		var off int64
		var rebuilt strings.Builder
		for r.Next() {
			l := r.Line()
			if l.Offset != off {
				t.Fatalf("line %d offset %d, want %d", l.No, l.Offset, off)
			}
			end := l.Offset + l.Len + int64(l.EOL)
			if !l.TooLong {
				if string(l.Bytes) != in[l.Offset:l.Offset+l.Len] {
					t.Fatalf("line %d bytes %q, want %q", l.No, l.Bytes, in[l.Offset:l.Offset+l.Len])
				}
			}
			rebuilt.WriteString(in[l.Offset:end])
			off = end
		}
		if rebuilt.String() != in {
			t.Fatalf("lines do not cover the input: %q vs %q", rebuilt.String(), in)
		}
	})
}
