package core

// Marking of commands and environment variables in catalog text, so that
// they render as code (see ui.Style.CodeSpans). Any subcommand may use it.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ccerr/ccerr/internal/ui"
)

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
		if unicode.IsSpace(r) || ui.IsWide(r) || r == '`' {
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
	return !isWordRune(r) || ui.IsWide(r)
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r) || ui.IsWide(r)
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
	wide := strings.ContainsFunc(text, ui.IsWide)
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
