package ui

import "strings"

// ANSI SGR sequences used by [Style].
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrRed    = "\x1b[31m"
	sgrGreen  = "\x1b[32m"
	sgrYellow = "\x1b[33m"
	sgrCyan   = "\x1b[36m"
)

// ColorEnabled reports whether a stream should carry ANSI colour: never
// with NO_COLOR set to anything; always with CLICOLOR_FORCE set to anything
// but "0"; otherwise only on a terminal whose TERM is not "dumb".
func ColorEnabled(getenv func(string) string, tty bool) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	if v := getenv("CLICOLOR_FORCE"); v != "" && v != "0" {
		return true
	}
	return tty && getenv("TERM") != "dumb"
}

// Style applies ANSI styling when Color is set and returns text unchanged
// otherwise. Its zero value is the plain style used in pipes. Style only
// adds its own sequences; text given to it must already be safe (see
// [Sanitize]).
type Style struct {
	// Color turns styling on.
	Color bool
}

func (s Style) wrap(sgr, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return sgr + text + sgrReset
}

// Bold returns text in bold.
func (s Style) Bold(text string) string { return s.wrap(sgrBold, text) }

// Dim returns text dimmed, for what matters less.
func (s Style) Dim(text string) string { return s.wrap(sgrDim, text) }

// Red returns text in red, for failures.
func (s Style) Red(text string) string { return s.wrap(sgrRed, text) }

// Green returns text in green, for success.
func (s Style) Green(text string) string { return s.wrap(sgrGreen, text) }

// Yellow returns text in yellow, for warnings and headings.
func (s Style) Yellow(text string) string { return s.wrap(sgrYellow, text) }

// Cyan returns text in cyan, for identifiers.
func (s Style) Cyan(text string) string { return s.wrap(sgrCyan, text) }

// Code shows something to type or set (a command, an env var). With colour
// it is bold cyan; without, it keeps Markdown backticks so that it stands
// out in a pipe, a log or a pasted issue and can be copied exactly.
func (s Style) Code(text string) string {
	if !s.Color {
		return "`" + text + "`"
	}
	return sgrBold + sgrCyan + text + sgrReset
}

// CodeSpans renders every `backtick span` in text with [Style.Code]. Text
// outside the spans is returned as is; an unpaired backtick is kept. Without
// colour text is returned unchanged, backticks included.
func (s Style) CodeSpans(text string) string {
	if !s.Color || !strings.Contains(text, "`") {
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
		b.WriteString(s.Code(text[i+1 : i+1+j]))
		text = text[i+1+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// ClearStatus erases a status line drawn with [StatusLine].
const ClearStatus = "\r\x1b[K"

// StatusLine returns text as a line that redraws itself in place on a
// terminal (a progress line, a countdown): a carriage return, the text,
// and an erase to the end of the line. Write it to a terminal only, and
// end with [ClearStatus] or a line break.
func StatusLine(text string) string { return "\r" + text + "\x1b[K" }
