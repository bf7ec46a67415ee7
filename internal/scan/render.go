package scan

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

// TableOptions says how [Report.WriteTable] renders.
type TableOptions struct {
	// TTY selects the terminal layout: aligned columns, bars, short times.
	// False writes tab-separated sections for other programs.
	TTY bool
	// Color adds ANSI colour to the terminal layout. It is ignored when TTY
	// is false.
	Color bool
}

// barWidth is the width of the longest bar, in cells.
const barWidth = 24

// WriteTable writes the report for people (TTY) or for programs (plain
// tab-separated sections, each introduced by a "# name" line, RFC 3339
// times, no colour).
func (r *Report) WriteTable(w io.Writer, o TableOptions) error {
	ew := &errWriter{w: w}
	if o.TTY {
		r.writeTTY(ew, o.Color)
	} else {
		r.writePlain(ew)
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }

// ANSI styles for the terminal layout.
type styles struct{ bold, dim, red, yellow, cyan, reset string }

func newStyles(color bool) styles {
	if !color {
		return styles{}
	}
	return styles{bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", yellow: "\x1b[33m", cyan: "\x1b[36m", reset: "\x1b[0m"}
}

func (r *Report) summary() string {
	var final, retries int64
	for _, e := range r.Errors {
		final += e.Final
		retries += e.Retries
	}
	return fmt.Sprintf("%s %s (%s, %s %s): %s %s, %s final and %s %s.",
		"Scanned", plural(r.Files, "file", "files"), humanBytes(r.Bytes), grouped(r.Lines), pick(r.Lines, "line", "lines"),
		grouped(r.Events), pick(r.Events, "error event", "error events"), grouped(final), grouped(retries), pick(retries, "retry", "retries"))
}

func (r *Report) writeTTY(w *errWriter, color bool) {
	st := newStyles(color)
	w.printf("%s\n", r.summary())
	if !r.Since.IsZero() || !r.Until.IsZero() {
		w.printf("%sWindow: %s to %s (UTC)%s\n", st.dim, shortTimeOr(r.Since, "the start"), shortTimeOr(r.Until, "now"), st.reset)
	}
	if len(r.Errors) == 0 {
		w.printf("\nNo documented errors found.\n")
	} else {
		var maxCount int64
		for _, e := range r.Errors {
			maxCount = max(maxCount, e.Count)
		}
		rows := [][]string{{"ERROR", "FINAL", "RETRIES", "COUNT", "FIRST", "LAST", "SESSIONS"}}
		for _, e := range r.Errors {
			rows = append(rows, []string{string(e.ID), grouped(e.Final), grouped(e.Retries), grouped(e.Count),
				shortTime(e.First), shortTime(e.Last), strconv.Itoa(e.Sessions)})
		}
		cells := pad(rows, "lrrrllr")
		w.printf("\n")
		for i, row := range cells {
			line := strings.Join(row, "  ")
			switch {
			case i == 0:
				w.printf("%s%s%s\n", st.bold, line, st.reset)
			default:
				e := r.Errors[i-1]
				w.printf("%s%s%s%s  %s\n", st.cyan, row[0], st.reset, line[len(row[0]):], bar(e.Final, e.Retries, maxCount, st))
			}
		}
	}
	if len(r.WorstDays) > 0 {
		var maxCount int64
		rows := [][]string{}
		for _, d := range r.WorstDays {
			maxCount = max(maxCount, d.Count)
			rows = append(rows, []string{d.Day, grouped(d.Final), "final,", grouped(d.Retries), pick(d.Retries, "retry", "retries")})
		}
		w.printf("\n%sWorst days (UTC)%s\n", st.bold, st.reset)
		for i, row := range pad(rows, "lrlrl") {
			d := r.WorstDays[i]
			w.printf("  %s  %s\n", strings.Join(row, " "), bar(d.Final, d.Retries, maxCount, st))
		}
	}
	if len(r.TopSessions) > 0 {
		rows := [][]string{}
		for _, s := range r.TopSessions {
			rows = append(rows, []string{s.Session, keyOrNone(s.Project), grouped(s.Final), "final,", grouped(s.Retries), pick(s.Retries, "retry", "retries"), "mostly " + string(s.Top)})
		}
		w.printf("\n%sSessions with the most failures%s\n", st.bold, st.reset)
		for _, row := range pad(rows, "llrlrll") {
			w.printf("  %s\n", strings.TrimRight(strings.Join(row, " "), " "))
		}
	}
	if len(r.Fixes) > 0 {
		w.printf("\n%sWhat to do%s\n", st.bold, st.reset)
		for _, f := range r.Fixes {
			w.printf("  %s%s%s (%s): %s", st.cyan, f.ID, st.reset, f.Title, f.Fix.Text)
			if f.Fix.Command != "" {
				w.printf(" %s[%s]%s", st.bold, f.Fix.Command, st.reset)
			}
			if f.Fix.Env != "" {
				w.printf(" %s[%s]%s", st.bold, f.Fix.Env, st.reset)
			}
			w.printf("\n")
		}
		w.printf("  %sMore: ccerr explain --id ID%s\n", st.dim, st.reset)
	}
	if r.By != "" {
		w.printf("\n%sBy %s%s\n", st.bold, r.By, st.reset)
		var maxCount int64
		rows := [][]string{}
		for _, g := range r.Breakdown {
			maxCount = max(maxCount, g.Count)
			rows = append(rows, []string{keyOrNone(g.Key), grouped(g.Count)})
		}
		for i, row := range pad(rows, "lr") {
			g := r.Breakdown[i]
			w.printf("  %s  %s  %s\n", strings.Join(row, "  "), padRight(bar(g.Final, g.Retries, maxCount, styles{}), barWidth, bar(g.Final, g.Retries, maxCount, st)), idList(g.Errors, ", ", ": "))
		}
	}
	if len(r.Skipped) > 0 {
		w.printf("\n%sSkipped%s\n", st.yellow, st.reset)
		for _, s := range r.Skipped {
			w.printf("  %s\n", s.String())
		}
	}
	if len(r.Errors) > 0 {
		w.printf("\n%s█ final failures  ░ retries%s\n", st.dim, st.reset)
	}
}

// pad aligns the cells of rows into columns; align has one letter per
// column, l or r. Widths count runes, which is right for the text ccerr
// prints (ids, numbers, dates, paths).
func pad(rows [][]string, align string) [][]string {
	widths := make([]int, len(align))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	out := make([][]string, len(rows))
	for r, row := range rows {
		out[r] = make([]string, len(row))
		for i, c := range row {
			gap := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if align[i] == 'r' {
				out[r][i] = gap + c
			} else {
				out[r][i] = c + gap
			}
		}
	}
	return out
}

// padRight pads styled (whose visible text is plain) to width cells.
func padRight(plain string, width int, styled string) string {
	return styled + strings.Repeat(" ", max(0, width-utf8.RuneCountInString(plain)))
}

func (r *Report) writePlain(w *errWriter) {
	w.printf("# scanned\nfiles\tbytes\tlines\tevents\n%d\t%d\t%d\t%d\n", r.Files, r.Bytes, r.Lines, r.Events)
	w.printf("# errors\nid\tfinal\tretries\tcount\tfirst\tlast\tsessions\n")
	for _, e := range r.Errors {
		w.printf("%s\t%d\t%d\t%d\t%s\t%s\t%d\n", e.ID, e.Final, e.Retries, e.Count, rfc3339(e.First), rfc3339(e.Last), e.Sessions)
	}
	w.printf("# worst days\nday\tfinal\tretries\tcount\n")
	for _, d := range r.WorstDays {
		w.printf("%s\t%d\t%d\t%d\n", d.Day, d.Final, d.Retries, d.Count)
	}
	w.printf("# top sessions\nsession\tproject\tfinal\tretries\tcount\ttop\n")
	for _, s := range r.TopSessions {
		w.printf("%s\t%s\t%d\t%d\t%d\t%s\n", s.Session, s.Project, s.Final, s.Retries, s.Count, s.Top)
	}
	w.printf("# fixes\nid\ttitle\tfix\tcommand\tenv\n")
	for _, f := range r.Fixes {
		w.printf("%s\t%s\t%s\t%s\t%s\n", f.ID, tsv(f.Title), tsv(f.Fix.Text), tsv(f.Fix.Command), tsv(f.Fix.Env))
	}
	if r.By != "" {
		w.printf("# by %s\n%s\tfinal\tretries\tcount\terrors\n", r.By, r.By)
		for _, g := range r.Breakdown {
			w.printf("%s\t%d\t%d\t%d\t%s\n", tsv(g.Key), g.Final, g.Retries, g.Count, idList(g.Errors, ",", "="))
		}
	}
	w.printf("# skipped\npath\treason\tlines\tline\tdetail\n")
	for _, s := range r.Skipped {
		w.printf("%s\t%s\t%d\t%d\t%s\n", tsv(s.Path), s.Reason, s.Lines, s.Line, tsv(s.Detail))
	}
}

// bar draws final failures as full blocks and retries as light shade,
// scaled so that the largest total fills barWidth cells. Any non-zero part
// gets at least one cell.
func bar(final, retries, maxCount int64, st styles) string {
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
	var b strings.Builder
	if f > 0 {
		b.WriteString(st.red + strings.Repeat("█", f) + st.reset)
	}
	if r > 0 {
		b.WriteString(st.yellow + strings.Repeat("░", r) + st.reset)
	}
	return b.String()
}

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

func keyOrNone(k string) string {
	if k == "" {
		return "(none)"
	}
	return k
}

func tsv(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
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

func pick(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int64, one, many string) string { return grouped(n) + " " + pick(n, one, many) }

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
