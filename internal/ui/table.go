package ui

import (
	"io"
	"strings"
)

// Table is ccerr's one table renderer. The same rows come out in two
// shapes:
//
//   - on a terminal (TTY set): aligned columns, an optional header line and
//     optional section headings, with styling;
//   - in a pipe: one line per row, cells separated by tabs and escaped with
//     [TSVField], with no header, headings or styling, and nothing cut, so
//     that cut, awk and scripts see data only and a cell can never forge a
//     row or a column.
//
// Cells are plain text from anywhere, input included: [Table.Row] makes
// them safe. Build a Table with a composite literal, add rows with
// [Table.Section] and [Table.Row], then call [Table.Render].
type Table struct {
	// TTY selects the aligned terminal layout.
	TTY bool
	// Width is the terminal width; when positive, the last column is cut to
	// fit it (but keeps at least 20 columns). Zero means no limit.
	Width int
	// Header names the columns on a terminal; nil prints none.
	Header []string
	// Align has one letter per column: 'r' aligns it right, anything else
	// (or a missing letter) left.
	Align string
	// Gap is the number of spaces between columns; zero means 2.
	Gap int
	// Gaps, when set, overrides Gap column by column: Gaps[i] spaces follow
	// column i.
	Gaps []int
	// Indent goes before every row on a terminal (not before headings).
	Indent string
	// Styles style the cells of each column on a terminal; a nil entry
	// means plain. They are applied after alignment widths are measured, so
	// they may add ANSI styling.
	Styles []func(string) string
	// HeaderStyle styles each cell of the header; HeadingStyle each section
	// heading. Nil means plain.
	HeaderStyle, HeadingStyle func(string) string

	rows []tableRow
}

type tableRow struct {
	heading string   // set for a section heading
	cells   []string // set for a data row
}

// Section starts a group of rows under a heading. Headings are shown on a
// terminal only; in a pipe a column should carry what they say.
func (t *Table) Section(heading string) {
	t.rows = append(t.rows, tableRow{heading: Sanitize(heading)})
}

// Row adds one data row. On a terminal each cell is put on one line with
// [Sanitize]; in a pipe it is cleaned with [SanitizeLines] and escaped with
// [TSVField].
func (t *Table) Row(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		if t.TTY {
			row[i] = Sanitize(c)
		} else {
			row[i] = TSVField(c)
		}
	}
	t.rows = append(t.rows, tableRow{cells: row})
}

// TSVField makes s one field of a tab-separated line: control sequences are
// removed as by [SanitizeLines], and a backslash, tab, line feed and
// carriage return are written as \\, \t, \n and \r, so the field can be
// decoded exactly and never splits a row or a line.
func TSVField(s string) string {
	s = SanitizeLines(s)
	if !strings.ContainsAny(s, "\\\t\n\r") {
		return s
	}
	return tsvEscaper.Replace(s)
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// Render writes the table to w.
func (t *Table) Render(w io.Writer) error {
	var b strings.Builder
	if t.TTY {
		t.renderTTY(&b)
	} else {
		for _, r := range t.rows {
			if r.cells == nil {
				continue
			}
			b.WriteString(strings.Join(r.cells, "\t"))
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// gap is the number of spaces after column i.
func (t *Table) gap(i int) int {
	if i < len(t.Gaps) {
		return t.Gaps[i]
	}
	if t.Gap > 0 {
		return t.Gap
	}
	return 2
}

func (t *Table) renderTTY(b *strings.Builder) {
	var widths []int
	measure := func(cells []string) {
		for i, c := range cells {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], DisplayWidth(c))
		}
	}
	header := make([]string, len(t.Header))
	for i, h := range t.Header {
		header[i] = Sanitize(h)
	}
	measure(header)
	for _, r := range t.rows {
		measure(r.cells)
	}
	// The last column gets what is left of the line, but never less than a
	// readable minimum: a narrow terminal wraps rather than hiding it all.
	if n := len(widths); n > 0 && t.Width > 0 {
		used := DisplayWidth(t.Indent)
		for i, cw := range widths[:n-1] {
			used += cw + t.gap(i)
		}
		widths[n-1] = min(widths[n-1], max(t.Width-used, 20))
	}
	line := func(cells []string, style func(int, string) string) string {
		var l strings.Builder
		last := len(cells) - 1
		for i, c := range cells {
			c = Truncate(c, widths[i])
			pad := widths[i] - DisplayWidth(c)
			if i < len(t.Align) && t.Align[i] == 'r' {
				l.WriteString(strings.Repeat(" ", pad))
				pad = 0
			}
			l.WriteString(style(i, c))
			if i < last {
				l.WriteString(strings.Repeat(" ", pad+t.gap(i)))
			}
		}
		return l.String()
	}
	if len(header) > 0 {
		b.WriteString(t.Indent)
		headerStyle := orPlain(t.HeaderStyle)
		b.WriteString(line(header, func(_ int, c string) string { return headerStyle(c) }))
		b.WriteByte('\n')
	}
	cellStyle := func(i int, c string) string {
		if i < len(t.Styles) && t.Styles[i] != nil {
			return t.Styles[i](c)
		}
		return c
	}
	headingStyle := orPlain(t.HeadingStyle)
	first := len(header) == 0
	for _, r := range t.rows {
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
		b.WriteString(t.Indent)
		b.WriteString(line(r.cells, cellStyle))
		b.WriteByte('\n')
	}
}

func orPlain(f func(string) string) func(string) string {
	if f == nil {
		return func(s string) string { return s }
	}
	return f
}
