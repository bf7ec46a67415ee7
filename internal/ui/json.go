package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// WriteJSON writes v as JSON followed by a newline. Every --json output of
// ccerr goes through it, so all of them share one shape: two-space
// indentation (the documents are small and read by people as often as by
// jq), and no HTML escaping, so that a message such as "<model> is
// temporarily unavailable" reads exactly as Claude Code prints it.
//
// JSON sent to a terminal must be as safe as text: the encoder already
// escapes C0 controls, and WriteJSON also writes DEL, C1 controls,
// bidirectional controls and invisible format characters (everything
// [Sanitize] would remove) as \u escapes. The decoded strings are unchanged.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeUnsafe(buf.Bytes()))
	return err
}

// escapeUnsafe rewrites every unsafe rune in encoded JSON as a \u escape.
// Such runes can only occur inside strings (JSON's structure is ASCII), and
// the encoder's output is valid UTF-8, so the result is the same document.
func escapeUnsafe(b []byte) []byte {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r == 0x7f || unsafeFormat(r) || isC1(r) }) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == 0x7f || unsafeFormat(r) || isC1(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}
