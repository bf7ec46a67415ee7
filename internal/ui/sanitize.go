package ui

import (
	"strings"
	"unicode/utf8"
)

// Sanitize makes text that came from input (a transcript's cwd, a session
// id, a file name, a pasted error, a server's answer) safe to print on a
// terminal, on one line:
//
//   - every control sequence is removed whole: CSI (ESC [ and the 8-bit
//     U+009B), OSC (window titles, hyperlinks; ESC ] and U+009D), DCS, SOS,
//     PM and APC strings (to their BEL or string terminator), and any other
//     escape (ESC c, ESC # 8, ESC ( B, …);
//   - every other C0 or C1 control character and DEL becomes a space, tab,
//     carriage return and line break included, as do U+2028 and U+2029;
//   - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
//     U+061C) and invisible format characters (zero-width space, word
//     joiner, invisible operators, BOM, U+180E, interlinear annotation
//     marks) are removed, so text cannot be reordered or hidden. The
//     zero-width joiner and non-joiner stay: emoji and several scripts need
//     them, and they cannot move or hide text;
//   - invalid UTF-8 becomes U+FFFD.
//
// Printable text comes back unchanged.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeLines is [Sanitize] for text that may span lines: line breaks and
// tabs are kept ("\r\n" becomes "\n"; U+2028 and U+2029 become "\n");
// everything else is treated as by Sanitize.
func SanitizeLines(s string) string { return sanitize(s, true) }

// Control characters that start an escape or a control string.
const (
	esc   = 0x1b
	bel   = 0x07
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1DCS = 0x90
	c1SOS = 0x98
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9f }

// unsafeFormat reports whether r is a bidirectional control or an invisible
// format character that Sanitize removes.
func unsafeFormat(r rune) bool {
	switch {
	case r < 0x61c:
		return false
	case r == 0x061c, r == 0x180e, r == 0x200b, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x206f,
		r == 0xfeff,
		r >= 0xfff9 && r <= 0xfffb:
		return true
	}
	return false
}

// clean reports whether s needs no change for the given mode.
func clean(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || lines && (c == '\n' || c == '\t') {
				continue
			}
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || isC1(r) || unsafeFormat(r) || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += n - 1
	}
	return true
}

func sanitize(s string, lines bool) string {
	if clean(s, lines) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == esc:
			i += escapeLen(s[i:])
			continue
		case r == c1CSI:
			i += n + csiBodyLen(s[i+n:])
			continue
		case r == c1DCS, r == c1SOS, r == c1OSC, r == c1PM, r == c1APC:
			i += n + stringBodyLen(s[i+n:])
			continue
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			// One line break, not two.
		case lines && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r == 0x2028 || r == 0x2029:
			if lines {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f || isC1(r):
			b.WriteByte(' ')
		case unsafeFormat(r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escapeLen is the length of the escape sequence that starts with the ESC
// at s[0]: at least 1 (a lone ESC).
func escapeLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	switch c := s[1]; {
	case c == '[':
		return 2 + csiBodyLen(s[2:])
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return 2 + stringBodyLen(s[2:])
	case c >= 0x20 && c <= 0x2f:
		// nF: intermediates, then one final byte (ESC ( B, ESC # 8).
		j := 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			j++
		}
		return j
	case c >= 0x30 && c <= 0x7e:
		// A two-byte escape (ESC c, ESC 7, ESC M, ESC \).
		return 2
	}
	return 1
}

// csiBodyLen is the length of a CSI sequence's parameters, intermediates
// and final byte at the start of s. It stops before any byte that cannot
// belong to the sequence.
func csiBodyLen(s string) int {
	j := 0
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
		j++
	}
	if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
		j++
	}
	return j
}

// stringBodyLen is the length of a control string's body and terminator
// at the start of s. The string ends at BEL, at ST (ESC \ or U+009C), before
// any other ESC (which starts a new sequence), before a line break, or at
// the end of s.
func stringBodyLen(s string) int {
	for j := 0; j < len(s); {
		switch s[j] {
		case bel:
			return j + 1
		case esc:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return j
		case '\n':
			return j
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if r == c1ST {
			return j + n
		}
		j += n
	}
	return len(s)
}
