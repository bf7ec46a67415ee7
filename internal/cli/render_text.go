package cli

// Shared text-rendering helpers for human output: styling that degrades to
// plain text in a pipe, display widths that count CJK characters as two
// columns, word wrapping that also breaks Chinese text, highlighting of
// commands and environment variables, and cleaning of untrusted text before
// it reaches a terminal. Any subcommand may use them.

import (
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
)

// ANSI SGR sequences used by [style].
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrGreen  = "\x1b[32m"
	sgrYellow = "\x1b[33m"
	sgrCyan   = "\x1b[36m"
)

// style applies ANSI styling when colour is on and returns text unchanged
// otherwise. Its zero value is the plain style used in pipes.
type style struct{ color bool }

func (s style) wrap(sgr, text string) string {
	if !s.color || text == "" {
		return text
	}
	return sgr + text + sgrReset
}

func (s style) bold(t string) string   { return s.wrap(sgrBold, t) }
func (s style) dim(t string) string    { return s.wrap(sgrDim, t) }
func (s style) green(t string) string  { return s.wrap(sgrGreen, t) }
func (s style) yellow(t string) string { return s.wrap(sgrYellow, t) }

// code shows something to type or set (a command, an env var). With colour
// it is bold cyan; without, it keeps Markdown backticks so that it stands
// out in a pipe, a log or a pasted issue and can be copied exactly.
func (s style) code(t string) string {
	if !s.color {
		return "`" + t + "`"
	}
	return sgrBold + sgrCyan + t + sgrReset
}

// codeSpans renders every `backtick span` in text with [style.code]. Text
// outside the spans is returned as is. An unpaired backtick is kept literally.
func (s style) codeSpans(text string) string {
	if !s.color || !strings.Contains(text, "`") {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '`')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i+1:], '`')
		if j < 0 {
			break
		}
		b.WriteString(text[:i])
		b.WriteString(s.code(text[i+1 : i+1+j]))
		text = text[i+1+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// markCode returns text with every occurrence of each term put between
// backticks, unless it already is inside a backtick span or is part of a
// longer word. The second result lists the terms that did not occur, so the
// caller can still show them.
func markCode(text string, terms ...string) (string, []string) {
	var missing []string
	for _, term := range terms {
		if term == "" {
			continue
		}
		var found bool
		text, found = markTerm(text, term)
		if !found {
			missing = append(missing, term)
		}
	}
	return text, missing
}

func markTerm(text, term string) (string, bool) {
	var b strings.Builder
	found := false
	inCode := false
	for i := 0; i < len(text); {
		if text[i] == '`' {
			// A term already inside backticks counts as found.
			if j := strings.IndexByte(text[i+1:], '`'); j >= 0 {
				span := text[i+1 : i+1+j]
				if strings.Contains(span, term) {
					found = true
				}
				b.WriteString(text[i : i+1+j+1])
				i += j + 2
				continue
			}
			inCode = !inCode
		}
		if !inCode && strings.HasPrefix(text[i:], term) && boundaryBefore(text, i) && boundaryAfter(text, i+len(term)) {
			end := i + len(term) + assignmentLen(text[i+len(term):])
			b.WriteString("`" + text[i:end] + "`")
			i = end
			found = true
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String(), found
}

// assignmentLen is the length of a "=value" that follows an environment
// variable's name in rest (0 when none), so that NAME=value is highlighted
// as one piece. The value ends at white space, a wide character, or
// punctuation that ends the sentence.
func assignmentLen(rest string) int {
	if !strings.HasPrefix(rest, "=") {
		return 0
	}
	end := len(rest)
	for i, r := range rest[1:] {
		if unicode.IsSpace(r) || isWide(r) || r == '`' {
			end = 1 + i
			break
		}
	}
	v := strings.TrimRight(rest[:end], ".,;:!?)")
	if len(v) == 1 {
		return 0 // a bare "=" is not an assignment
	}
	return len(v)
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	// CJK text has no spaces, so a command right after a Chinese character
	// still starts a term.
	return !isWordRune(r) || isWide(r)
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r) || isWide(r)
}

// appendCode adds terms that a fix names but its text does not contain, in
// parentheses before the final full stop: "Sign in again (`/login`)."
func appendCode(text string, terms []string) string {
	if len(terms) == 0 {
		return text
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = "`" + t + "`"
	}
	wide := strings.ContainsFunc(text, isWide)
	open, sep, closing := " (", ", ", ")"
	if wide {
		open, sep, closing = "（", "、", "）"
	}
	insert := open + strings.Join(quoted, sep) + closing
	for _, stop := range []string{".", "。"} {
		if strings.HasSuffix(text, stop) {
			return strings.TrimSuffix(text, stop) + insert + stop
		}
	}
	return text + insert
}

// sanitize makes untrusted text (an excerpt of what a user pasted, a value
// found in it) safe to print on a terminal and on one line: invalid UTF-8
// becomes U+FFFD, and control characters, escape sequences included, become
// spaces, so pasted input can never move the cursor or change colours.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\x1b':
			// Drop the escape itself; what follows is printable and harmless.
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isWide reports whether r takes two columns on a terminal (East Asian wide
// and full-width characters, and the common emoji blocks).
func isWide(r rune) bool {
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

// runeWidth is the number of terminal columns r takes.
func runeWidth(r rune) int {
	switch {
	case r == 0 || unicode.IsControl(r):
		return 0
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200B' || r == '\u200D':
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

// displayWidth is the number of terminal columns s takes, not counting ANSI
// escape sequences.
func displayWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' {
			i += escapeLen(s[i:])
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w += runeWidth(r)
		i += size
	}
	return w
}

// escapeLen is the length of the CSI escape sequence at the start of s (at
// least 1, for a lone ESC).
func escapeLen(s string) int {
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

// padRight pads s with spaces to width columns.
func padRight(s string, width int) string {
	if w := displayWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// truncate shortens plain text s to at most width columns, ending it with
// "…" when something was cut.
func truncate(s string, width int) string {
	if displayWidth(s) <= width {
		return s
	}
	if width <= 0 {
		return ""
	}
	w := 0
	for i, r := range s {
		rw := runeWidth(r)
		if w+rw > width-1 {
			return s[:i] + "…"
		}
		w += rw
	}
	return s
}

// noBreakBefore lists closing punctuation that must not start a line.
const noBreakBefore = "，。、；：！？）」』》〉】,.;:!?)]}%"

// noBreakAfter lists opening punctuation that must not end a line.
const noBreakAfter = "（「『《〈【([{"

// wrapText breaks plain text (which may contain `code spans`) into lines of
// at most width columns. Latin text breaks at spaces; CJK text may break
// between any two characters except before closing or after opening
// punctuation; code spans are never broken. A single unit wider than width
// gets a line of its own. width <= 0 disables wrapping.
func wrapText(s string, width int) []string {
	if width <= 0 || displayWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var line strings.Builder
	lineW := 0
	for _, p := range breakUnits(s) {
		pw := displayWidth(p.text)
		need := pw
		if p.space && line.Len() > 0 {
			need++
		}
		if line.Len() > 0 && lineW+need > width {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
			need = pw
		}
		if p.space && line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(p.text)
		lineW += need
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// unit is a piece of text that wrapping keeps whole; space says whether a
// space separates it from the previous unit.
type unit struct {
	text  string
	space bool
}

func breakUnits(s string) []unit {
	var units []unit
	var cur strings.Builder
	space := false
	inCode := false
	var prev rune
	flush := func() {
		if cur.Len() > 0 {
			units = append(units, unit{text: cur.String(), space: space})
			cur.Reset()
		}
		space = false
	}
	for _, r := range s {
		switch {
		case r == '`':
			inCode = !inCode
		case !inCode && unicode.IsSpace(r):
			flush()
			space = len(units) > 0
			prev = 0
			continue
		case !inCode && cur.Len() > 0 && (isWide(r) || isWide(prev)) &&
			!strings.ContainsRune(noBreakBefore, r) && !strings.ContainsRune(noBreakAfter, prev) && prev != '`':
			flush()
		}
		cur.WriteRune(r)
		prev = r
	}
	flush()
	return units
}

// termWidth returns the width to lay out terminal output in: $COLUMNS when
// set, else the size of the output terminal, else 80.
func termWidth(s *IO) int {
	if n, err := strconv.Atoi(s.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := s.Out.(*os.File); ok && s.OutTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}
