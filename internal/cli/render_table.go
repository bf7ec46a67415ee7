package cli

import (
	"io"
	"strings"
)

// table prints rows as an aligned, optionally sectioned table on a terminal
// and as tab-separated values in a pipe (STYLE §3): same data, two shapes.
// In a pipe, section headings are left out (a column should carry what they
// say) and no cell is truncated.
type table struct {
	tty   bool
	width int // terminal width; the last column is cut to fit it
	// styles, when set, style the cells of each column on a terminal (they
	// are applied after alignment, so they may add ANSI codes).
	styles []func(string) string
	// header, when set, names the columns on a terminal (a pipe gets data only).
	header []string
	// headerStyle and headingStyle style the header and section headings on
	// a terminal; nil means plain.
	headerStyle, headingStyle func(string) string
	rows                      []tableRow
}

type tableRow struct {
	heading string   // set for a section heading
	cells   []string // set for a data row
}

// section starts a group of rows under a heading.
func (t *table) section(heading string) { t.rows = append(t.rows, tableRow{heading: heading}) }

// row adds one data row. Cells are plain text; line breaks, tabs and other
// control characters in them become spaces.
func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = sanitize(c)
	}
	t.rows = append(t.rows, tableRow{cells: cells})
}

// render writes the table to w.
func (t *table) render(w io.Writer) error {
	headerStyle, headingStyle := orPlain(t.headerStyle), orPlain(t.headingStyle)
	var b strings.Builder
	if !t.tty {
		for _, r := range t.rows {
			if r.cells == nil {
				continue
			}
			for i, c := range r.cells {
				if i > 0 {
					b.WriteByte('\t')
				}
				b.WriteString(tsvCell(c))
			}
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	}

	const gap = 2
	indent := ""
	var widths []int
	rows := t.rows
	if t.header != nil {
		rows = append([]tableRow{{cells: t.header}}, rows...)
	}
	for _, r := range rows {
		if r.cells == nil {
			indent = "  "
			continue
		}
		for i, c := range r.cells {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	// The last column gets what is left of the line, but never less than a
	// readable minimum: a narrow terminal wraps rather than hiding it all.
	if n := len(widths); n > 0 && t.width > 0 {
		used := len(indent)
		for _, cw := range widths[:n-1] {
			used += cw + gap
		}
		widths[n-1] = min(widths[n-1], max(t.width-used, 20))
	}
	first := true
	for n, r := range rows {
		if r.cells == nil {
			if !first {
				b.WriteByte('\n')
			}
			b.WriteString(headingStyle(r.heading))
			b.WriteByte('\n')
			first = false
			continue
		}
		first = false
		b.WriteString(indent)
		last := len(r.cells) - 1
		for i, c := range r.cells {
			c = truncate(c, widths[i]) // cells were made one-line and safe by row
			styled := c
			if n == 0 && t.header != nil {
				styled = headerStyle(c)
			} else if i < len(t.styles) && t.styles[i] != nil {
				styled = t.styles[i](c)
			}
			if i < last {
				b.WriteString(padRight(styled, widths[i]+gap))
				continue
			}
			b.WriteString(styled)
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tsvCell keeps a cell on one field: tabs and line breaks become spaces.
func tsvCell(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func orPlain(f func(string) string) func(string) string {
	if f == nil {
		return func(s string) string { return s }
	}
	return f
}
