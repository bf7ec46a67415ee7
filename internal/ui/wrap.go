package ui

import (
	"strings"
	"unicode"
)

// noBreakBefore lists closing punctuation that must not start a line.
const noBreakBefore = "，。、；：！？）」』》〉】,.;:!?)]}%"

// noBreakAfter lists opening punctuation that must not end a line.
const noBreakAfter = "（「『《〈【([{"

// Wrap breaks plain text (which may contain `code spans`) into lines of at
// most width columns. Latin text breaks at spaces; CJK text may break
// between any two characters except before closing or after opening
// punctuation; code spans are never broken. A single unit wider than width
// gets a line of its own. width <= 0 disables wrapping.
func Wrap(s string, width int) []string {
	if width <= 0 || DisplayWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var line strings.Builder
	lineW := 0
	for _, p := range breakUnits(s) {
		pw := DisplayWidth(p.text)
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
		case !inCode && cur.Len() > 0 && (IsWide(r) || IsWide(prev)) &&
			!strings.ContainsRune(noBreakBefore, r) && !strings.ContainsRune(noBreakAfter, prev) && prev != '`':
			flush()
		}
		cur.WriteRune(r)
		prev = r
	}
	flush()
	return units
}
