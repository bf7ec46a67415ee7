package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/ui"
)

// barWidth is the width of the longest bar, in cells.
const barWidth = 24

// The bar's two parts: final failures and retries.
const (
	barFinal = "█"
	barRetry = "░"
)

// writeScanTable writes a scan report for people (tty: aligned columns,
// bars, short times, words in lang, colour when st has it) or for programs
// (tab-separated sections, each introduced by a "# name" line and a line of
// column names, RFC 3339 times, English column names whatever the
// language). Everything that came from the scanned input goes through
// ui.Table or ui.Sanitize.
func writeScanTable(w io.Writer, r *scan.Report, tty bool, st ui.Style, lang string) error {
	var b strings.Builder
	var err error
	if tty {
		err = writeScanTTY(&b, r, st, ui.Messages(lang))
	} else {
		err = writeScanPlain(&b, r)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// scanSummary is the report's first line.
func scanSummary(r *scan.Report, m *ui.ScanText) string {
	var final, retries int64
	for _, e := range r.Errors {
		final += e.Final
		retries += e.Retries
	}
	count := func(n int64, p ui.Plural) string { return grouped(n) + " " + p.For(n) }
	return fmt.Sprintf(m.Summary, count(r.Files, m.File), humanBytes(r.Bytes), count(r.Lines, m.Line),
		count(r.Events, m.ErrorEvent), grouped(final), count(retries, m.Retry))
}

func writeScanTTY(b *strings.Builder, r *scan.Report, st ui.Style, msgs *ui.MessageSet) error {
	m := &msgs.Scan
	heading := func(h string) {
		b.WriteString("\n" + st.Bold(h) + "\n")
	}
	b.WriteString(scanSummary(r, m) + "\n")
	if !r.Since.IsZero() || !r.Until.IsZero() {
		b.WriteString(st.Dim(fmt.Sprintf(m.Window, shortTimeOr(r.Since, m.WindowStart), shortTimeOr(r.Until, m.WindowNow))) + "\n")
	}
	barStyle := func(c string) string {
		// A bar is a run of barFinal, then a run of barRetry, then padding.
		retries := strings.TrimLeft(c, barFinal)
		pad := strings.TrimLeft(retries, barRetry)
		return st.Red(c[:len(c)-len(retries)]) + st.Yellow(retries[:len(retries)-len(pad)]) + pad
	}
	if len(r.Errors) == 0 {
		b.WriteString("\n" + m.NoErrors + "\n")
	} else {
		var maxCount int64
		for _, e := range r.Errors {
			maxCount = max(maxCount, e.Count)
		}
		t := &ui.Table{TTY: true, Align: "lrrrllr",
			Header:      []string{m.ColError, m.ColFinal, m.ColRetries, m.ColCount, m.ColFirst, m.ColLast, m.ColSessions},
			HeaderStyle: st.Bold,
			Styles:      []func(string) string{st.Cyan, nil, nil, nil, nil, nil, nil, barStyle},
		}
		for _, e := range r.Errors {
			t.Row(string(e.ID), grouped(e.Final), grouped(e.Retries), grouped(e.Count),
				shortTime(e.First), shortTime(e.Last), strconv.Itoa(e.Sessions), bar(e.Final, e.Retries, maxCount))
		}
		b.WriteByte('\n')
		if err := t.Render(b); err != nil {
			return err
		}
	}
	if len(r.WorstDays) > 0 {
		var maxCount int64
		for _, d := range r.WorstDays {
			maxCount = max(maxCount, d.Count)
		}
		t := &ui.Table{TTY: true, Indent: "  ", Align: "lrlrl", Gaps: []int{1, 1, 1, 1, 2},
			Styles: []func(string) string{nil, nil, nil, nil, nil, barStyle}}
		for _, d := range r.WorstDays {
			t.Row(d.Day, grouped(d.Final), m.Final, grouped(d.Retries), m.Retry.For(d.Retries), bar(d.Final, d.Retries, maxCount))
		}
		heading(m.WorstDays)
		if err := t.Render(b); err != nil {
			return err
		}
	}
	if len(r.TopSessions) > 0 {
		t := &ui.Table{TTY: true, Indent: "  ", Align: "llrlrll", Gap: 1}
		for _, s := range r.TopSessions {
			t.Row(s.Session, keyOrNone(s.Project, m), grouped(s.Final), m.Final, grouped(s.Retries), m.Retry.For(s.Retries),
				fmt.Sprintf(m.Mostly, s.Top))
		}
		heading(m.TopSessions)
		if err := t.Render(b); err != nil {
			return err
		}
	}
	if len(r.Fixes) > 0 {
		heading(m.Fixes)
		for _, f := range r.Fixes {
			line := fmt.Sprintf(m.FixLine, st.Cyan(ui.Sanitize(string(f.ID))), ui.Sanitize(f.Title), ui.Sanitize(f.Fix.Text))
			for _, code := range []string{f.Fix.Command, f.Fix.Env} {
				if code != "" {
					line += " " + st.Bold("["+ui.Sanitize(code)+"]")
				}
			}
			b.WriteString("  " + line + "\n")
		}
		b.WriteString("  " + st.Dim(m.More) + "\n")
	}
	if r.By != "" {
		var maxCount int64
		for _, g := range r.Breakdown {
			maxCount = max(maxCount, g.Count)
		}
		t := &ui.Table{TTY: true, Indent: "  ", Align: "lr", Styles: []func(string) string{nil, nil, barStyle}}
		for _, g := range r.Breakdown {
			t.Row(keyOrNone(g.Key, m), grouped(g.Count), ui.PadRight(bar(g.Final, g.Retries, maxCount), barWidth), idList(g.Errors, ", ", ": "))
		}
		heading(byHeading(r.By, m))
		if err := t.Render(b); err != nil {
			return err
		}
	}
	if len(r.Poisoned) > 0 {
		// The command names the session (or its file), so it leads the row.
		t := &ui.Table{TTY: true, Indent: "  ", Styles: []func(string) string{st.Bold, nil, nil}}
		for _, p := range r.Poisoned {
			n := int64(p.Count)
			t.Row(p.Command, keyOrNone(p.Project, m),
				fmt.Sprintf(m.Problems, grouped(n), m.Problem.For(n), idList(poisonCounts(p.Findings), ", ", " ")))
		}
		heading(m.Poisoned)
		if err := t.Render(b); err != nil {
			return err
		}
		b.WriteString("  " + st.Dim(m.PoisonedHint) + "\n")
	}
	if len(r.Skipped) > 0 {
		b.WriteString("\n" + st.Yellow(m.Skipped) + "\n")
		for _, s := range r.Skipped {
			b.WriteString("  " + skipText(s, m) + "\n")
		}
	}
	if len(r.Errors) > 0 {
		b.WriteString("\n" + st.Dim(m.Legend) + "\n")
	}
	return nil
}

// byHeading heads the --by breakdown.
func byHeading(by string, m *ui.ScanText) string {
	switch by {
	case "day":
		return m.ByDay
	case "project":
		return m.ByProject
	case "session":
		return m.BySession
	}
	return ui.Sanitize(by)
}

// skipText describes one skip on one line, made safe for a terminal (the
// path and the error come from the file system).
func skipText(s scan.Skip, m *ui.ScanText) string {
	msg := fmt.Sprintf(m.SkipLine, ui.Sanitize(s.Path), ui.Sanitize(string(s.Reason)))
	switch {
	case s.Lines == 1:
		msg += fmt.Sprintf(m.SkipOnce, s.Line)
	case s.Lines > 1:
		msg += fmt.Sprintf(m.SkipMany, s.Lines, s.Line)
	}
	if s.Detail != "" {
		msg += fmt.Sprintf(m.SkipDetail, ui.Sanitize(s.Detail))
	}
	return msg
}

// writeScanPlain writes the tab-separated sections. A section line is "#
// name" and never holds a tab; every other line is a row of at least two
// fields escaped by ui.TSVField, so no field can start a section or a row.
func writeScanPlain(b *strings.Builder, r *scan.Report) error {
	var err error
	section := func(name string, columns []string, rows [][]string) {
		if err != nil {
			return
		}
		b.WriteString("# " + name + "\n")
		t := &ui.Table{}
		t.Row(columns...)
		for _, row := range rows {
			t.Row(row...)
		}
		err = t.Render(b)
	}
	d := func(n int64) string { return strconv.FormatInt(n, 10) }

	section("scanned", []string{"files", "bytes", "lines", "events"}, [][]string{{d(r.Files), d(r.Bytes), d(r.Lines), d(r.Events)}})
	var rows [][]string
	for _, e := range r.Errors {
		rows = append(rows, []string{string(e.ID), d(e.Final), d(e.Retries), d(e.Count), rfc3339(e.First), rfc3339(e.Last), strconv.Itoa(e.Sessions)})
	}
	section("errors", []string{"id", "final", "retries", "count", "first", "last", "sessions"}, rows)
	rows = nil
	for _, x := range r.WorstDays {
		rows = append(rows, []string{x.Day, d(x.Final), d(x.Retries), d(x.Count)})
	}
	section("worst days", []string{"day", "final", "retries", "count"}, rows)
	rows = nil
	for _, s := range r.TopSessions {
		rows = append(rows, []string{s.Session, s.Project, d(s.Final), d(s.Retries), d(s.Count), string(s.Top)})
	}
	section("top sessions", []string{"session", "project", "final", "retries", "count", "top"}, rows)
	rows = nil
	for _, f := range r.Fixes {
		rows = append(rows, []string{string(f.ID), f.Title, f.Fix.Text, f.Fix.Command, f.Fix.Env})
	}
	section("fixes", []string{"id", "title", "fix", "command", "env"}, rows)
	if r.By != "" {
		rows = nil
		for _, g := range r.Breakdown {
			rows = append(rows, []string{g.Key, d(g.Final), d(g.Retries), d(g.Count), idList(g.Errors, ",", "=")})
		}
		by := ui.TSVField(r.By)
		section("by "+by, []string{by, "final", "retries", "count", "errors"}, rows)
	}
	rows = nil
	for _, p := range r.Poisoned {
		rows = append(rows, []string{p.Session, p.Path, p.Project, strconv.Itoa(p.Count), idList(poisonCounts(p.Findings), ",", "="), p.Command})
	}
	section("poisoned", []string{"session", "path", "project", "count", "findings", "command"}, rows)
	rows = nil
	for _, s := range r.Skipped {
		rows = append(rows, []string{s.Path, string(s.Reason), d(s.Lines), d(s.Line), s.Detail})
	}
	section("skipped", []string{"path", "reason", "lines", "line", "detail"}, rows)
	return err
}

// bar draws final failures as full blocks and retries as light shade,
// scaled so that the largest total fills barWidth cells. Any non-zero part
// gets at least one cell.
func bar(final, retries, maxCount int64) string {
	if maxCount <= 0 {
		return ""
	}
	cells := func(n int64) int {
		if n == 0 {
			return 0
		}
		return max(1, int((n*barWidth+maxCount/2)/maxCount))
	}
	f, r := cells(final), cells(retries)
	if f+r > barWidth {
		r = max(0, barWidth-f)
	}
	return strings.Repeat(barFinal, f) + strings.Repeat(barRetry, r)
}

// idList lists error ids with their counts, most frequent first.
func idList(m map[catalog.ID]int64, sep, kv string) string {
	ids := slices.SortedFunc(maps.Keys(m), func(a, b catalog.ID) int {
		if m[a] != m[b] {
			if m[a] > m[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(string(a), string(b))
	})
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id) + kv + strconv.FormatInt(m[id], 10)
	}
	return strings.Join(parts, sep)
}

// poisonCounts widens a poisoned session's counts for idList.
func poisonCounts(m map[catalog.ID]int) map[catalog.ID]int64 {
	out := make(map[catalog.ID]int64, len(m))
	for id, n := range m {
		out[id] = int64(n)
	}
	return out
}

func keyOrNone(k string, m *ui.ScanText) string {
	if k == "" {
		return m.None
	}
	return k
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func shortTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func shortTimeOr(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return shortTime(t)
}

// grouped writes n with thousands separators.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
