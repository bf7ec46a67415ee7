package collect

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// OTLP/JSON (the protobuf JSON mapping with OTLP's changes: trace and span
// ids in hex, enums as numbers or names), read against the table of
// otlpschema.go with the rules of the reference decoder: keys in
// lowerCamelCase or as the proto names, unknown keys skipped, 64-bit
// integers as numbers or strings, null an empty message, list or string,
// a repeated key read again (a list grows, a message merges, a scalar is
// replaced). The body must be one valid UTF-8 JSON value.

// errJSON is a body that is not valid OTLP/JSON.
var errJSON = errors.New("collect: malformed OTLP/JSON")

// decodeLogsJSON reads an ExportLogsServiceRequest in OTLP/JSON.
// Deprecated scopes are not read from JSON.
func decodeLogsJSON(body []byte) (*otlpLogs, error) {
	l := &otlpLogs{}
	if err := walkJSON(body, mLogsRequest, &builder{logs: l}); err != nil {
		return nil, err
	}
	return l, nil
}

// decodeMetricsJSON reads an ExportMetricsServiceRequest in OTLP/JSON.
func decodeMetricsJSON(body []byte) (*otlpMetrics, error) {
	m := &otlpMetrics{}
	if err := walkJSON(body, mMetricsRequest, &builder{metrics: m}); err != nil {
		return nil, err
	}
	return m, nil
}

// walkJSON checks that body is valid JSON, then walks it with a reader that
// may count on that.
func walkJSON(body []byte, root msgID, b *builder) error {
	if !utf8.Valid(body) {
		return fmt.Errorf("%w: not UTF-8", errJSON)
	}
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v) // for the reason
		return fmt.Errorf("%w: %v", errJSON, err)
	}
	r := &jsonReader{b: body}
	return r.message(root, b, 0)
}

// jsonReader reads valid JSON from b at i.
type jsonReader struct {
	b []byte
	i int
}

// peek skips white space and returns the next byte (0 at the end).
func (r *jsonReader) peek() byte {
	for ; r.i < len(r.b); r.i++ {
		switch c := r.b[r.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// more reads past a ',' and reports true, or past the closing byte and
// reports false.
func (r *jsonReader) more() bool {
	c := r.peek()
	r.i++
	return c == ','
}

// str reads the string at i and returns it with its quotes, and whether it
// holds escapes.
func (r *jsonReader) str() (quoted []byte, escaped bool) {
	j := r.i + 1
	for r.b[j] != '"' {
		if r.b[j] == '\\' {
			escaped = true
			j++
		}
		j++
	}
	quoted = r.b[r.i : j+1]
	r.i = j + 1
	return quoted, escaped
}

// text is the value of a string str read.
func text(quoted []byte, escaped bool) string {
	if !escaped {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	json.Unmarshal(quoted, &s) // valid JSON: cannot fail
	return s
}

// scalar reads a number or a literal and returns its text.
func (r *jsonReader) scalar() string {
	start := r.i
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return string(r.b[start:r.i])
		}
		r.i++
	}
	return string(r.b[start:r.i])
}

// skip reads past one value.
func (r *jsonReader) skip() {
	switch r.peek() {
	case '"':
		r.str()
	case '{', '[':
		for open := 0; ; {
			switch r.peek() {
			case '"':
				r.str()
				continue
			case '{', '[':
				open++
			case '}', ']':
				open--
			}
			r.i++
			if open == 0 {
				return
			}
		}
	default:
		r.scalar()
	}
}

// message reads an object (or null) as a message of kind id.
func (r *jsonReader) message(id msgID, b *builder, depth int) error {
	m := &messages[id]
	depth, err := m.enter(depth)
	if err != nil {
		return err
	}
	switch r.peek() {
	case 'n':
		r.i += len("null")
		return nil
	case '{':
		r.i++
	default:
		return fmt.Errorf("%w: want an object at offset %d", errJSON, r.i)
	}
	if r.peek() == '}' {
		r.i++
		return nil
	}
	for {
		r.peek()
		k, escaped := r.str()
		r.peek()
		r.i++ // ':'
		var f *field
		if escaped {
			f = m.byName(text(k, true))
		} else {
			f = m.byRawName(k[1 : len(k)-1])
		}
		if f == nil {
			r.skip()
		} else if err := r.field(f, b, depth); err != nil {
			return err
		}
		if !r.more() {
			return nil
		}
	}
}

// field reads a known field's value.
func (r *jsonReader) field(f *field, b *builder, depth int) error {
	var sub *builder
	if b != nil && f.tag != tagNone {
		sub = b
	}
	if !f.rep {
		return r.one(f, sub, depth)
	}
	switch r.peek() {
	case 'n':
		r.i += len("null")
		return nil
	case '[':
		r.i++
	default:
		return fmt.Errorf("%w: %s: want a list at offset %d", errJSON, f.camel, r.i)
	}
	if r.peek() == ']' {
		r.i++
		return nil
	}
	for {
		if err := r.one(f, sub, depth); err != nil {
			return err
		}
		if !r.more() {
			return nil
		}
	}
}

// jsonKind is the kind of a JSON value.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonString
	jsonNumber
	jsonTrue
	jsonFalse
	jsonOther // an object or a list
)

// one reads one value of a field (an element, for a repeated one).
func (r *jsonReader) one(f *field, b *builder, depth int) error {
	if f.kind == fMessage {
		if b != nil {
			if err := b.begin(f.tag); err != nil {
				return err
			}
		}
		if err := r.message(f.msg, b, depth); err != nil {
			return err
		}
		if b != nil {
			return b.end(f.tag)
		}
		return nil
	}
	at := r.i
	var kind jsonKind
	var val string
	var escaped bool
	switch c := r.peek(); c {
	case '"':
		kind = jsonString
		var q []byte
		q, escaped = r.str()
		if f.kind != fString || b != nil { // an unread string is not made
			val = text(q, escaped)
		}
	case '{', '[':
		kind = jsonOther
		r.skip()
	case 'n':
		kind = jsonNull
		r.i += len("null")
	case 't':
		kind = jsonTrue
		r.i += len("true")
	case 'f':
		kind = jsonFalse
		r.i += len("false")
	default:
		kind = jsonNumber
		val = r.scalar()
	}
	bad := &jsonValueError{f.camel, at}
	numeric := kind == jsonString || kind == jsonNumber
	var n uint64
	switch f.kind {
	case fString:
		if kind != jsonString && kind != jsonNull {
			return bad
		}
		if b != nil {
			b.set(f.tag, val, 0)
		}
		return nil
	case fBytes, fTraceID, fSpanID:
		// Read as the val between the quotes: no escapes.
		if kind != jsonString || escaped {
			return bad
		}
		if f.kind == fBytes {
			if _, err := base64.StdEncoding.DecodeString(val); err != nil {
				return bad
			}
		} else if val != "" {
			if len(val) != 2*idLen(f.kind) {
				return bad
			}
			if _, err := hex.DecodeString(val); err != nil {
				return bad
			}
		}
		if b != nil {
			b.set(f.tag, "", 0)
		}
		return nil
	case fBool:
		if kind != jsonTrue && kind != jsonFalse {
			return bad
		}
		if kind == jsonTrue {
			n = 1
		}
	case fSeverity, fTemporality:
		if kind == jsonString {
			if !enumName(f.kind, val) {
				return bad
			}
			return nil
		}
		if _, err := strconv.ParseInt(val, 10, 32); !numeric || err != nil {
			return bad
		}
	case fInt64, fSfixed64, fInt32:
		bits := 64
		if f.kind == fInt32 {
			bits = 32
		}
		v, err := strconv.ParseInt(val, 10, bits)
		if !numeric || err != nil {
			return bad
		}
		n = uint64(v)
	case fUint64, fFixed64, fUint32, fFixed32:
		bits := 64
		if f.kind == fUint32 || f.kind == fFixed32 {
			bits = 32
		}
		v, err := strconv.ParseUint(val, 10, bits)
		if !numeric || err != nil {
			return bad
		}
		n = v
	case fDouble:
		v, err := strconv.ParseFloat(val, 64)
		if !numeric || err != nil {
			return bad
		}
		n = math.Float64bits(v)
	}
	if b != nil {
		b.set(f.tag, "", n)
	}
	return nil
}

// jsonValueError is a value of the wrong type or form for its field.
type jsonValueError struct {
	field string
	at    int
}

func (e *jsonValueError) Error() string {
	return fmt.Sprintf("%v: %s: bad value at offset %d", errJSON, e.field, e.at)
}

func (e *jsonValueError) Unwrap() error { return errJSON }
