package collect

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

type jsonWalker struct {
	body []byte
	dec  *json.Decoder
}

func walkJSON(body []byte, root msgID, b *builder) error {
	if !utf8.Valid(body) {
		return fmt.Errorf("%w: not UTF-8", errJSON)
	}
	w := &jsonWalker{body: body, dec: json.NewDecoder(bytes.NewReader(body))}
	w.dec.UseNumber()
	if err := w.message(root, b, 0); err != nil {
		return err
	}
	if _, err := w.dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the request", errJSON)
	}
	return nil
}

// token reads the next token; the end of the input is an error.
func (w *jsonWalker) token() (json.Token, error) {
	t, err := w.dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: unexpected end", errJSON)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errJSON, err)
	}
	return t, nil
}

// message reads an object (or null) as a message of kind id.
func (w *jsonWalker) message(id msgID, b *builder, depth int) error {
	m := &messages[id]
	if m.chain {
		if depth >= maxValueDepth {
			return errDepth
		}
		depth++
	} else {
		depth = 0
	}
	t, err := w.token()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('{') {
		return fmt.Errorf("%w: want an object, got %v", errJSON, t)
	}
	for w.dec.More() {
		k, err := w.token()
		if err != nil {
			return err
		}
		f := m.byName(k.(string))
		if f == nil {
			if err := w.skip(); err != nil {
				return err
			}
			continue
		}
		if err := w.field(f, b, depth); err != nil {
			return err
		}
	}
	_, err = w.token() // '}'
	return err
}

// skip reads past one value.
func (w *jsonWalker) skip() error {
	for open := 0; ; {
		t, err := w.token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			open++
		case json.Delim('}'), json.Delim(']'):
			open--
		}
		if open == 0 {
			return nil
		}
	}
}

// field reads a known field's value.
func (w *jsonWalker) field(f *field, b *builder, depth int) error {
	var sub *builder
	if b != nil && f.tag != tagNone {
		sub = b
	}
	if !f.rep {
		return w.one(f, sub, depth)
	}
	t, err := w.token()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%w: %s: want a list, got %v", errJSON, f.camel, t)
	}
	for w.dec.More() {
		if err := w.one(f, sub, depth); err != nil {
			return err
		}
	}
	_, err = w.token() // ']'
	return err
}

// one reads one value of a field (an element, for a repeated one).
func (w *jsonWalker) one(f *field, b *builder, depth int) error {
	if f.kind == fMessage {
		if b != nil {
			if err := b.begin(f.tag); err != nil {
				return err
			}
		}
		if err := w.message(f.msg, b, depth); err != nil {
			return err
		}
		if b != nil {
			return b.end(f.tag)
		}
		return nil
	}
	start := w.dec.InputOffset()
	t, err := w.token()
	if err != nil {
		return err
	}
	bad := func() error { return fmt.Errorf("%w: %s: bad value %v", errJSON, f.camel, t) }
	var n uint64
	switch f.kind {
	case fString:
		s, ok := t.(string)
		if !ok && t != nil {
			return bad()
		}
		if b != nil {
			b.set(f.tag, s, 0)
		}
		return nil
	case fBytes, fTraceID, fSpanID:
		// Read as the raw text between the quotes: no escapes.
		s, ok := t.(string)
		if !ok || bytes.IndexByte(w.body[start:w.dec.InputOffset()], '\\') >= 0 {
			return bad()
		}
		if f.kind == fBytes {
			if _, err := base64.StdEncoding.DecodeString(s); err != nil {
				return bad()
			}
		} else if s != "" {
			if len(s) != 2*idLen(f.kind) {
				return bad()
			}
			if _, err := hex.DecodeString(s); err != nil {
				return bad()
			}
		}
		if b != nil {
			b.set(f.tag, "", 0)
		}
		return nil
	case fBool:
		v, ok := t.(bool)
		if !ok {
			return bad()
		}
		if v {
			n = 1
		}
	case fSeverity, fTemporality:
		if s, ok := t.(string); ok {
			if !enumName(f.kind, s) {
				return bad()
			}
			return nil
		}
		if _, ok := parseInt(t, 32); !ok {
			return bad()
		}
	case fInt64, fSfixed64, fInt32:
		bits := 64
		if f.kind == fInt32 {
			bits = 32
		}
		v, ok := parseInt(t, bits)
		if !ok {
			return bad()
		}
		n = uint64(v)
	case fUint64, fFixed64, fUint32, fFixed32:
		bits := 64
		if f.kind == fUint32 || f.kind == fFixed32 {
			bits = 32
		}
		v, ok := parseUint(t, bits)
		if !ok {
			return bad()
		}
		n = v
	case fDouble:
		v, ok := parseFloat(t)
		if !ok {
			return bad()
		}
		n = v
	}
	if b != nil {
		b.set(f.tag, "", n)
	}
	return nil
}

// numText is a number's text: a JSON number, or a string holding one.
func numText(t json.Token) (string, bool) {
	switch v := t.(type) {
	case json.Number:
		return string(v), true
	case string:
		return v, true
	}
	return "", false
}

func parseInt(t json.Token, bits int) (int64, bool) {
	s, ok := numText(t)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, bits)
	return v, err == nil
}

func parseUint(t json.Token, bits int) (uint64, bool) {
	s, ok := numText(t)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, bits)
	return v, err == nil
}

// parseFloat returns a double's bits.
func parseFloat(t json.Token) (uint64, bool) {
	s, ok := numText(t)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return math.Float64bits(v), true
}
