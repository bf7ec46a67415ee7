package session

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Invalid Kind = iota
	Object
	Array
	String
	Number
	Bool
	Null
)

// maxDepth is the deepest nesting Parse accepts, the same as encoding/json.
const maxDepth = 10000

// node is one value of a parsed document. Children form a linked list
// through next; an object's children carry the span of their key.
type node struct {
	kind       Kind
	escaped    bool  // a string holding a backslash escape
	start, end int32 // the value's bytes, quotes included
	keyStart   int32 // the member's key, quotes included (object members only)
	keyEnd     int32
	parent     int32
	first      int32 // first child, -1 when none
	last       int32 // last child, -1 when none
	next       int32 // next sibling, -1 when none
}

// Doc is a parsed JSON document: the source bytes and a flat list of its
// values. Strings are not copied; they are decoded only when asked for.
// A Doc can be reused for the next line; Parse resets it.
type Doc struct {
	src   []byte
	nodes []node
}

// SyntaxError is a line that is not valid JSON.
type SyntaxError struct {
	Offset int    // byte offset of the error in the line
	Msg    string // what is wrong
}

// Error says what is wrong and where.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// errEnd is the error for input that stops inside a value.
const errEnd = "unexpected end of input"

// Parse parses src, one JSON value with optional surrounding white space,
// into d. It accepts exactly what encoding/json's Valid accepts. d keeps a
// reference to src until the next Parse.
func Parse(src []byte, d *Doc) error {
	d.src = src
	d.nodes = d.nodes[:0]
	p := parser{src: src, d: d}
	p.skipSpace()
	if err := p.value(-1, 0); err != nil {
		return err
	}
	p.skipSpace()
	if p.i != len(src) {
		return p.fail("data after the top-level value")
	}
	return nil
}

type parser struct {
	src []byte
	i   int
	d   *Doc
}

func (p *parser) fail(msg string) error { return &SyntaxError{Offset: p.i, Msg: msg} }

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// add appends a node under parent and returns its index.
func (p *parser) add(parent int32, kind Kind) int32 {
	idx := int32(len(p.d.nodes))
	p.d.nodes = append(p.d.nodes, node{kind: kind, start: int32(p.i), parent: parent, first: -1, last: -1, next: -1})
	if parent >= 0 {
		pn := &p.d.nodes[parent]
		if pn.last >= 0 {
			p.d.nodes[pn.last].next = idx
		} else {
			pn.first = idx
		}
		pn.last = idx
	}
	return idx
}

func (p *parser) value(parent int32, depth int) error {
	if p.i >= len(p.src) {
		return p.fail(errEnd)
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(parent, depth+1)
	case c == '[':
		return p.array(parent, depth+1)
	case c == '"':
		idx := p.add(parent, String)
		esc, err := p.str()
		if err != nil {
			return err
		}
		n := &p.d.nodes[idx]
		n.end, n.escaped = int32(p.i), esc
		return nil
	case c == '-' || c >= '0' && c <= '9':
		idx := p.add(parent, Number)
		if err := p.number(); err != nil {
			return err
		}
		p.d.nodes[idx].end = int32(p.i)
		return nil
	case c == 't':
		return p.literal(parent, "true", Bool)
	case c == 'f':
		return p.literal(parent, "false", Bool)
	case c == 'n':
		return p.literal(parent, "null", Null)
	}
	return p.fail(fmt.Sprintf("unexpected character %q", p.src[p.i]))
}

func (p *parser) literal(parent int32, word string, kind Kind) error {
	if len(p.src)-p.i < len(word) || string(p.src[p.i:p.i+len(word)]) != word {
		if len(p.src)-p.i < len(word) && string(p.src[p.i:]) == word[:len(p.src)-p.i] {
			p.i = len(p.src)
			return p.fail(errEnd)
		}
		return p.fail(fmt.Sprintf("unexpected character %q", p.src[p.i]))
	}
	idx := p.add(parent, kind)
	p.i += len(word)
	p.d.nodes[idx].end = int32(p.i)
	return nil
}

func (p *parser) object(parent int32, depth int) error {
	if depth > maxDepth {
		return p.fail("nested too deeply")
	}
	idx := p.add(parent, Object)
	p.i++ // {
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		p.d.nodes[idx].end = int32(p.i)
		return nil
	}
	for {
		if p.i >= len(p.src) {
			return p.fail(errEnd)
		}
		if p.src[p.i] != '"' {
			return p.fail("expected a member name")
		}
		ks := p.i
		if _, err := p.str(); err != nil {
			return err
		}
		ke := p.i
		p.skipSpace()
		if p.i >= len(p.src) {
			return p.fail(errEnd)
		}
		if p.src[p.i] != ':' {
			return p.fail("expected ':' after a member name")
		}
		p.i++
		p.skipSpace()
		child := int32(len(p.d.nodes))
		if err := p.value(idx, depth); err != nil {
			return err
		}
		p.d.nodes[child].keyStart, p.d.nodes[child].keyEnd = int32(ks), int32(ke)
		p.skipSpace()
		if p.i >= len(p.src) {
			return p.fail(errEnd)
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.skipSpace()
		case '}':
			p.i++
			p.d.nodes[idx].end = int32(p.i)
			return nil
		default:
			return p.fail("expected ',' or '}' in an object")
		}
	}
}

func (p *parser) array(parent int32, depth int) error {
	if depth > maxDepth {
		return p.fail("nested too deeply")
	}
	idx := p.add(parent, Array)
	p.i++ // [
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		p.d.nodes[idx].end = int32(p.i)
		return nil
	}
	for {
		if err := p.value(idx, depth); err != nil {
			return err
		}
		p.skipSpace()
		if p.i >= len(p.src) {
			return p.fail(errEnd)
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.skipSpace()
		case ']':
			p.i++
			p.d.nodes[idx].end = int32(p.i)
			return nil
		default:
			return p.fail("expected ',' or ']' in an array")
		}
	}
}

// strClass marks the bytes a string scan must stop at: the closing quote,
// a backslash, and control characters, which JSON forbids unescaped.
var strClass = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// str reads a string starting at its opening quote and leaves p.i after the
// closing one. It reports whether the string holds an escape.
func (p *parser) str() (escaped bool, err error) {
	p.i++ // "
	src := p.src
	for {
		i := p.i
		// The hot loop of the whole package: long base64 and text strings.
		for i+8 <= len(src) && !strClass[src[i]] && !strClass[src[i+1]] && !strClass[src[i+2]] && !strClass[src[i+3]] &&
			!strClass[src[i+4]] && !strClass[src[i+5]] && !strClass[src[i+6]] && !strClass[src[i+7]] {
			i += 8
		}
		for i < len(src) && !strClass[src[i]] {
			i++
		}
		p.i = i
		if i >= len(src) {
			return escaped, p.fail(errEnd)
		}
		switch c := src[i]; c {
		case '"':
			p.i++
			return escaped, nil
		case '\\':
			escaped = true
			if i+1 >= len(src) {
				p.i = len(src)
				return escaped, p.fail(errEnd)
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i = i + 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(src) {
						p.i = len(src)
						return escaped, p.fail(errEnd)
					}
					if !isHex(src[i+k]) {
						p.i = i + k
						return escaped, p.fail("invalid \\u escape")
					}
				}
				p.i = i + 6
			default:
				p.i = i + 1
				return escaped, p.fail("invalid escape")
			}
		default:
			return escaped, p.fail(fmt.Sprintf("control character %#02x in a string", c))
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number reads a number with JSON's grammar.
func (p *parser) number() error {
	src := p.src
	if src[p.i] == '-' {
		p.i++
	}
	if p.i >= len(src) {
		return p.fail(errEnd)
	}
	switch {
	case src[p.i] == '0':
		p.i++
	case isDigit(src[p.i]):
		for p.i < len(src) && isDigit(src[p.i]) {
			p.i++
		}
	default:
		return p.fail("invalid number")
	}
	if p.i < len(src) && src[p.i] == '.' {
		p.i++
		if p.i >= len(src) {
			return p.fail(errEnd)
		}
		if !isDigit(src[p.i]) {
			return p.fail("invalid number")
		}
		for p.i < len(src) && isDigit(src[p.i]) {
			p.i++
		}
	}
	if p.i < len(src) && (src[p.i] == 'e' || src[p.i] == 'E') {
		p.i++
		if p.i < len(src) && (src[p.i] == '+' || src[p.i] == '-') {
			p.i++
		}
		if p.i >= len(src) {
			return p.fail(errEnd)
		}
		if !isDigit(src[p.i]) {
			return p.fail("invalid number")
		}
		for p.i < len(src) && isDigit(src[p.i]) {
			p.i++
		}
	}
	return nil
}

// Value is one value in a [Doc]. The zero Value is absent: its Kind is
// Invalid and every lookup on it finds nothing.
type Value struct {
	d *Doc
	i int32
}

// Root returns the document's top-level value.
func (d *Doc) Root() Value {
	if len(d.nodes) == 0 {
		return Value{}
	}
	return Value{d, 0}
}

// Src returns the bytes the document was parsed from.
func (d *Doc) Src() []byte { return d.src }

func (v Value) n() *node { return &v.d.nodes[v.i] }

// Exists reports whether v is a value (not the zero Value).
func (v Value) Exists() bool { return v.d != nil }

// Kind returns the value's kind; Invalid for the zero Value.
func (v Value) Kind() Kind {
	if v.d == nil {
		return Invalid
	}
	return v.n().kind
}

// Span returns the byte offsets of the value in the source, quotes
// included for a string.
func (v Value) Span() (start, end int) {
	if v.d == nil {
		return 0, 0
	}
	n := v.n()
	return int(n.start), int(n.end)
}

// Raw returns the value's source bytes (not a copy).
func (v Value) Raw() []byte {
	if v.d == nil {
		return nil
	}
	n := v.n()
	return v.d.src[n.start:n.end]
}

// Get returns the member of an object named key, or the zero Value.
// Member names are compared after decoding, so an escaped name matches.
func (v Value) Get(key string) Value {
	if v.Kind() != Object {
		return Value{}
	}
	for c := v.n().first; c >= 0; c = v.d.nodes[c].next {
		cn := &v.d.nodes[c]
		k := v.d.src[cn.keyStart+1 : cn.keyEnd-1]
		if string(k) == key {
			return Value{v.d, c}
		}
		if len(k) != len(key) && hasBackslash(k) && unquote(v.d.src[cn.keyStart:cn.keyEnd]) == key {
			return Value{v.d, c}
		}
	}
	return Value{}
}

func hasBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

// Path follows object member names from v.
func (v Value) Path(keys ...string) Value {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// Len returns the number of elements of an array or members of an object.
func (v Value) Len() int {
	k := v.Kind()
	if k != Array && k != Object {
		return 0
	}
	n := 0
	for c := v.n().first; c >= 0; c = v.d.nodes[c].next {
		n++
	}
	return n
}

// Elems returns the elements of an array (members of an object), in order.
func (v Value) Elems() []Value {
	k := v.Kind()
	if k != Array && k != Object {
		return nil
	}
	var out []Value
	for c := v.n().first; c >= 0; c = v.d.nodes[c].next {
		out = append(out, Value{v.d, c})
	}
	return out
}

// Key returns the member name of a value inside an object, or "".
func (v Value) Key() string {
	if v.d == nil || v.i == 0 {
		return ""
	}
	n := v.n()
	if n.parent < 0 || v.d.nodes[n.parent].kind != Object {
		return ""
	}
	return unquote(v.d.src[n.keyStart:n.keyEnd])
}

// keyRaw returns a member's name as written, without quotes or decoding.
func (v Value) keyRaw() []byte {
	n := v.n()
	if n.keyEnd == 0 {
		return nil
	}
	return v.d.src[n.keyStart+1 : n.keyEnd-1]
}

// Str returns a string value decoded, or "" for any other kind.
func (v Value) Str() string {
	if v.Kind() != String {
		return ""
	}
	n := v.n()
	if b := v.d.src[n.start+1 : n.end-1]; !n.escaped && utf8.Valid(b) {
		return string(b)
	}
	// Invalid UTF-8 becomes U+FFFD, as encoding/json decodes it.
	return unquote(v.d.src[n.start:n.end])
}

// StrBytes returns the bytes between a string's quotes without decoding
// escapes (not a copy), and whether it holds any. It is how long base64
// data is read without copying it.
func (v Value) StrBytes() (b []byte, escaped bool) {
	if v.Kind() != String {
		return nil, false
	}
	n := v.n()
	return v.d.src[n.start+1 : n.end-1], n.escaped
}

// Bool returns true for the JSON value true.
func (v Value) Bool() bool { return v.Kind() == Bool && v.d.src[v.n().start] == 't' }

// Int returns a number value as an int64 when it is an integer.
func (v Value) Int() (int64, bool) {
	if v.Kind() != Number {
		return 0, false
	}
	n, err := strconv.ParseInt(string(v.Raw()), 10, 64)
	return n, err == nil
}

// IsNull reports whether v is the JSON null.
func (v Value) IsNull() bool { return v.Kind() == Null }

// unquote decodes a valid JSON string literal, quotes included. Invalid
// surrogates become U+FFFD, as encoding/json does.
func unquote(q []byte) string {
	s := q[1 : len(q)-1]
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			if c < utf8.RuneSelf {
				b = append(b, c)
				i++
				continue
			}
			r, size := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
			continue
		}
		switch s[i+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(s[i+2 : i+6])
			i += 6
			if utf16.IsSurrogate(r) {
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if r2 := utf16.DecodeRune(r, hex4(s[i+2:i+6])); r2 != utf8.RuneError {
						b = utf8.AppendRune(b, r2)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
			continue
		default: // " \ /
			b = append(b, s[i+1])
		}
		i += 2
	}
	return string(b)
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c-'a') + 10
		default:
			r |= rune(c-'A') + 10
		}
	}
	return r
}

// ErrNotObject is returned for a line that is JSON but not an object.
var ErrNotObject = errors.New("not a JSON object")
