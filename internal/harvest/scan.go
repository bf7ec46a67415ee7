package main

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLiteral bounds one string literal. Claude Code's messages are far
// shorter; the bound keeps a quote character inside binary data from
// swallowing megabytes.
const maxLiteral = 4000

// placeholder stands for each ${...} substitution of a template literal.
const placeholder = "..."

// literals calls emit with the decoded text of every JavaScript string
// literal ('…', "…" and `…` templates, including templates nested inside a
// substitution) found in src. src may be a minified bundle or a whole
// executable that embeds one: the scan is lenient, abandons a literal that
// runs into a line break (quotes), a NUL byte, invalid UTF-8 or maxLiteral
// bytes, and restarts just after its opening quote. Comments and regular
// expression literals are skipped so their quote characters do not start a
// literal.
//
// A single wrong guess (a regex taken for a division, a quote inside binary
// data) would put the scan out of step with the source until the next line
// break, so a second pass tries a literal at every quote character that
// follows a byte or keyword after which JavaScript expects a value; the two
// passes may emit the same text twice.
func literals(src []byte, emit func(string)) {
	s := scanner{src: src, emit: emit}
	s.run()
	s.anchored()
	s.elements()
}

// elementCall is how the JavaScript releases build a line of the terminal
// UI: React.createElement(Text, props, "Retrying in ", delay, " · attempt ",
// n, "/", max).
var elementCall = []byte("createElement(")

// elements emits the text of every createElement call whose children
// include a string literal: the literals joined, each other child replaced
// by placeholder, so "Retrying in ... · attempt .../..." comes out whole.
func (s *scanner) elements() {
	for off := 0; ; {
		k := bytes.Index(s.src[off:], elementCall)
		if k < 0 {
			return
		}
		i := off + k + len(elementCall)
		off = i
		args, ok := s.arguments(i)
		if !ok || len(args) < 3 {
			continue
		}
		var b strings.Builder
		texts := 0
		for _, a := range args[2:] {
			if a.literal {
				b.WriteString(a.text)
				texts++
			} else if !strings.HasSuffix(b.String(), placeholder) {
				b.WriteString(placeholder)
			}
		}
		if texts > 0 && len(args) > 3 {
			s.emit(b.String())
		}
	}
}

// argument is one argument of a call: a string literal's text, or an
// expression.
type argument struct {
	literal bool
	text    string
}

// arguments splits the argument list that starts at i (just past the
// opening parenthesis) at its top-level commas.
func (s *scanner) arguments(i int) ([]argument, bool) {
	var args []argument
	start, depth := i, 0
	cur := argument{}
	parts := 0 // tokens in the current argument
	flush := func(end int) {
		if parts == 1 && cur.literal {
			args = append(args, cur)
		} else if end > start {
			args = append(args, argument{})
		}
		cur, parts = argument{}, 0
	}
	for j := i; j < len(s.src) && j-i < maxLiteral; {
		c := s.src[j]
		switch {
		case c == '"' || c == '\'' || c == '`':
			var text string
			var end int
			var ok bool
			if c == '`' {
				text, end, ok = s.template(j, 0)
			} else {
				text, end, ok = s.quoted(j)
			}
			if !ok {
				return nil, false
			}
			if depth == 0 {
				cur = argument{literal: true, text: text}
				parts++
			}
			j = end
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
			parts += 2
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				if c != ')' {
					return nil, false
				}
				flush(j)
				return args, true
			}
			depth--
		case c == ',' && depth == 0:
			flush(j)
			start = j + 1
		case c == 0 || c == '\n':
			return nil, false
		case c > ' ':
			if depth == 0 {
				parts += 2 // anything but a lone literal is an expression
			}
		}
		j++
	}
	return nil, false
}

// anchored is the second pass of literals.
func (s *scanner) anchored() {
	for i, c := range s.src {
		if c != '"' && c != '\'' && c != '`' {
			continue
		}
		if !s.valueContext(i) {
			continue
		}
		if c == '`' {
			if text, _, ok := s.template(i, 0); ok {
				s.emit(text)
			}
			continue
		}
		if text, _, ok := s.quoted(i); ok {
			s.emit(text)
		}
	}
}

// valueKeywords are the keywords a literal may follow without a space in
// minified code (return"…", case"…").
var valueKeywords = []string{"return", "case", "throw", "typeof", "void", "in", "of", "else", "yield", "await"}

// valueContext reports whether the byte before src[i], skipping spaces, is
// one after which JavaScript expects a value.
func (s *scanner) valueContext(i int) bool {
	j := i - 1
	for j >= 0 && (s.src[j] == ' ' || s.src[j] == '\t' || s.src[j] == '\n') {
		j--
	}
	if j < 0 {
		return false
	}
	switch s.src[j] {
	case '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '>':
		return true
	}
	for _, k := range valueKeywords {
		if j+1 >= len(k) && string(s.src[j+1-len(k):j+1]) == k {
			if b := j - len(k); b < 0 || !isIdent(s.src[b]) {
				return true
			}
		}
	}
	return false
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

type scanner struct {
	src  []byte
	emit func(string)
}

func (s *scanner) run() {
	prev := byte(0) // last significant (non-space) byte outside literals
	for i := 0; i < len(s.src); {
		c := s.src[i]
		switch {
		case c == '"' || c == '\'':
			if text, end, ok := s.quoted(i); ok {
				s.emit(text)
				i, prev = end, c
				continue
			}
			i++
			continue
		case c == '`':
			if text, end, ok := s.template(i, 0); ok {
				s.emit(text)
				i, prev = end, c
				continue
			}
			i++
			continue
		case c == '/' && i+1 < len(s.src) && s.src[i+1] == '/' && lineCommentOK(prev):
			i = s.skipLine(i)
			continue
		case c == '/' && i+1 < len(s.src) && s.src[i+1] == '*':
			if end := s.skipBlock(i); end > 0 {
				i = end
				continue
			}
		case c == '/' && regexAllowed(prev):
			if end := s.skipRegex(i); end > 0 {
				i, prev = end, '/'
				continue
			}
		}
		if c > ' ' {
			prev = c
		}
		i++
	}
}

// lineCommentOK reports whether "//" after prev starts a comment. Outside a
// literal JS has no other use for "//"; the one exception kept is a URL
// ("https://…") lying in binary data next to the embedded source.
func lineCommentOK(prev byte) bool { return prev != ':' }

// regexAllowed reports whether a '/' after the significant byte prev begins
// a regular expression literal rather than a division.
func regexAllowed(prev byte) bool {
	switch prev {
	case 0, '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^':
		return true
	}
	return false
}

// skipLine skips a // comment, at most 4096 bytes of it (inside binary data
// a "//" is no comment and must not hide the source that follows).
func (s *scanner) skipLine(i int) int {
	start := i
	for i < len(s.src) && s.src[i] != '\n' && i-start < 4096 {
		i++
	}
	return i
}

func (s *scanner) skipBlock(i int) int {
	end := strings.Index(string(s.src[i+2:min(len(s.src), i+2+1<<16)]), "*/")
	if end < 0 {
		return -1
	}
	return i + 2 + end + 2
}

// skipRegex returns the index just past the regular expression starting at
// i, or -1 when no plausible one ends on this line.
func (s *scanner) skipRegex(i int) int {
	inClass := false
	for j := i + 1; j < len(s.src) && j-i < 2000; j++ {
		switch c := s.src[j]; c {
		case '\\':
			j++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				if j == i+1 {
					return -1
				}
				j++
				for j < len(s.src) && isFlag(s.src[j]) {
					j++
				}
				return j
			}
		case '\n', '\r', 0:
			return -1
		}
	}
	return -1
}

func isFlag(c byte) bool { return c >= 'a' && c <= 'z' }

// quoted decodes the '…' or "…" literal that starts at i.
func (s *scanner) quoted(i int) (string, int, bool) {
	q := s.src[i]
	var b strings.Builder
	for j := i + 1; j < len(s.src) && j-i < maxLiteral; {
		c := s.src[j]
		switch {
		case c == q:
			return b.String(), j + 1, true
		case c == '\n' || c == '\r' || c == 0:
			return "", 0, false
		case c == '\\':
			n, ok := s.escape(&b, j)
			if !ok {
				return "", 0, false
			}
			j = n
		default:
			r, size := utf8.DecodeRune(s.src[j:])
			if r == utf8.RuneError && size <= 1 {
				return "", 0, false
			}
			b.WriteRune(r)
			j += size
		}
	}
	return "", 0, false
}

// template decodes the `…` literal that starts at i; each ${…} becomes
// placeholder and the literals inside it are emitted on their own.
func (s *scanner) template(i, depth int) (string, int, bool) {
	if depth > 8 {
		return "", 0, false
	}
	var b strings.Builder
	var inner []string
	for j := i + 1; j < len(s.src) && j-i < maxLiteral; {
		c := s.src[j]
		switch {
		case c == '`':
			for _, t := range inner {
				s.emit(t)
			}
			return b.String(), j + 1, true
		case c == 0:
			return "", 0, false
		case c == '\\':
			n, ok := s.escape(&b, j)
			if !ok {
				return "", 0, false
			}
			j = n
		case c == '$' && j+1 < len(s.src) && s.src[j+1] == '{':
			end, lits, ok := s.substitution(j+2, depth)
			if !ok {
				return "", 0, false
			}
			inner = append(inner, lits...)
			b.WriteString(placeholder)
			j = end
		default:
			r, size := utf8.DecodeRune(s.src[j:])
			if r == utf8.RuneError && size <= 1 {
				return "", 0, false
			}
			b.WriteRune(r)
			j += size
		}
	}
	return "", 0, false
}

// substitution skips the expression of a ${…} starting at i (just past the
// brace) and returns the index past its closing brace and the literals it
// holds.
func (s *scanner) substitution(i, depth int) (int, []string, bool) {
	var lits []string
	braces := 1
	for j := i; j < len(s.src) && j-i < maxLiteral; {
		switch c := s.src[j]; c {
		case '{':
			braces++
		case '}':
			braces--
			if braces == 0 {
				return j + 1, lits, true
			}
		case '"', '\'':
			text, end, ok := s.quoted(j)
			if !ok {
				return 0, nil, false
			}
			lits = append(lits, text)
			j = end
			continue
		case '`':
			text, end, ok := s.template(j, depth+1)
			if !ok {
				return 0, nil, false
			}
			lits = append(lits, text)
			j = end
			continue
		case 0:
			return 0, nil, false
		}
		j++
	}
	return 0, nil, false
}

// escape decodes the escape sequence at src[i] == '\\' into b and returns
// the index past it.
func (s *scanner) escape(b *strings.Builder, i int) (int, bool) {
	if i+1 >= len(s.src) {
		return 0, false
	}
	c := s.src[i+1]
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b', 'f', 'v':
		b.WriteByte(' ')
	case '0':
		b.WriteByte(' ')
	case '\n':
		// line continuation
	case '\r':
		if i+2 < len(s.src) && s.src[i+2] == '\n' {
			return i + 3, true
		}
	case 'x':
		if i+4 > len(s.src) {
			return 0, false
		}
		v, err := strconv.ParseUint(string(s.src[i+2:i+4]), 16, 8)
		if err != nil {
			return 0, false
		}
		b.WriteRune(rune(v))
		return i + 4, true
	case 'u':
		return s.unicode(b, i)
	default:
		r, size := utf8.DecodeRune(s.src[i+1:])
		if r == utf8.RuneError && size <= 1 {
			return 0, false
		}
		b.WriteRune(r)
		return i + 1 + size, true
	}
	return i + 2, true
}

// unicode decodes \uXXXX (joining surrogate pairs) and \u{…}.
func (s *scanner) unicode(b *strings.Builder, i int) (int, bool) {
	j := i + 2
	if j < len(s.src) && s.src[j] == '{' {
		end := j + 1
		for end < len(s.src) && end-j < 8 && s.src[end] != '}' {
			end++
		}
		if end >= len(s.src) || s.src[end] != '}' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(s.src[j+1:end]), 16, 32)
		if err != nil || v > utf8.MaxRune {
			return 0, false
		}
		b.WriteRune(rune(v))
		return end + 1, true
	}
	if j+4 > len(s.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.src[j:j+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	r := rune(v)
	next := j + 4
	if r >= 0xD800 && r < 0xDC00 && next+6 <= len(s.src) && s.src[next] == '\\' && s.src[next+1] == 'u' {
		if lo, err := strconv.ParseUint(string(s.src[next+2:next+6]), 16, 16); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + (rune(lo) - 0xDC00)
			next += 6
		}
	}
	b.WriteRune(r)
	return next, true
}
