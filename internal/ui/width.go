package ui

import (
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
)

// TermWidth returns the width to lay out terminal output in: $COLUMNS when
// set to a positive number, else the size of out when it is a terminal
// (tty), else 80.
func TermWidth(getenv func(string) string, out io.Writer, tty bool) int {
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := out.(*os.File); ok && tty {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// IsWide reports whether r takes two columns on a terminal (East Asian wide
// and full-width characters, and the common emoji blocks).
func IsWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo initials
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return true
	}
	return false
}

// RuneWidth is the number of terminal columns r takes.
func RuneWidth(r rune) int {
	switch {
	case r == 0 || unicode.IsControl(r):
		return 0
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return 0
	case IsWide(r):
		return 2
	}
	return 1
}

// DisplayWidth is the number of terminal columns s takes. ANSI CSI
// sequences (the styling [Style] adds) count nothing.
func DisplayWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' {
			i += csiLen(s[i:])
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w += RuneWidth(r)
		i += size
	}
	return w
}

// csiLen is the length of the CSI sequence at the start of s (1 for an ESC
// that starts none).
func csiLen(s string) int {
	if len(s) < 2 || s[1] != '[' {
		return 1
	}
	for j := 2; j < len(s); j++ {
		if c := s[j]; c >= 0x40 && c <= 0x7E {
			return j + 1
		}
	}
	return len(s)
}

// PadRight pads s with spaces on the right to width columns.
func PadRight(s string, width int) string {
	if w := DisplayWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// PadLeft pads s with spaces on the left to width columns.
func PadLeft(s string, width int) string {
	if w := DisplayWidth(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}

// Truncate shortens plain (unstyled) text s to at most width columns,
// ending it with "…" when something was cut.
func Truncate(s string, width int) string {
	if DisplayWidth(s) <= width {
		return s
	}
	if width <= 0 {
		return ""
	}
	w := 0
	for i, r := range s {
		rw := RuneWidth(r)
		if w+rw > width-1 {
			return s[:i] + "…"
		}
		w += rw
	}
	return s
}
