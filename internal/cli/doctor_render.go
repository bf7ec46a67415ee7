package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/doctor"
	"github.com/ccerr/ccerr/internal/ui"
)

// doctorWords words doctor findings in one language: the doctor's own
// sentences from the message set, its fixes from the catalog.
type doctorWords struct {
	t    *ui.DoctorText
	lang string
	cat  *catalog.Catalog // nil: no catalog fixes (the doctor then gives none)
}

func newDoctorWords(lang string, cat *catalog.Catalog) doctorWords {
	set := ui.Messages(lang)
	return doctorWords{t: &set.Doctor, lang: set.Lang, cat: cat}
}

// text words the sentences of a finding's detail or fix.
func (w doctorWords) text(t doctor.Text) string {
	out := ""
	for _, m := range t {
		s := w.message(m)
		switch {
		case s == "":
		case out == "":
			out = s
		default:
			out = fmt.Sprintf(w.t.Join, out, s)
		}
	}
	return out
}

// message words one message; its arguments may be messages themselves.
func (w doctorWords) message(m doctor.Message) string {
	if m.Kind == doctor.MsgCatalogFix {
		return w.catalogFix(m.Args)
	}
	format := doctorFormat(&w.t.Findings, m.Kind)
	if len(m.Args) == 0 {
		return format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case doctor.Message:
			args[i] = w.message(v)
		case doctor.Text:
			items := make([]string, len(v))
			for j, item := range v {
				items[j] = w.message(item)
			}
			args[i] = strings.Join(items, w.t.ListSep)
		default:
			args[i] = v
		}
	}
	return fmt.Sprintf(format, args...)
}

// catalogFix is the text of the fix a [doctor.MsgCatalogFix] names.
func (w doctorWords) catalogFix(args []any) string {
	if len(args) != 2 || w.cat == nil {
		return ""
	}
	id, _ := args[0].(catalog.ID)
	i, _ := args[1].(int)
	e, ok := w.cat.Lookup(id)
	if !ok {
		return ""
	}
	fixes := e.In(w.lang).Fixes
	if i < 0 || i >= len(fixes) {
		return ""
	}
	return fixes[i].Text
}

// group is the heading of a group of findings.
func (w doctorWords) group(g doctor.Group) string {
	switch g {
	case doctor.GroupCredentials:
		return w.t.GroupCredentials
	case doctor.GroupSettings:
		return w.t.GroupSettings
	case doctor.GroupNetwork:
		return w.t.GroupNetwork
	case doctor.GroupLive:
		return w.t.GroupLive
	case doctor.GroupContext:
		return w.t.GroupContext
	case doctor.GroupClaudeCode:
		return w.t.GroupClaudeCode
	}
	return string(g)
}

// doctorJSON is the --json contract: field names are API.
type doctorJSON struct {
	Checks []doctorCheckJSON `json:"checks"`
}

type doctorCheckJSON struct {
	Name       string     `json:"name"`
	Group      string     `json:"group"`
	Status     string     `json:"status"`
	ID         catalog.ID `json:"id"`
	Detail     string     `json:"detail"`
	Fix        string     `json:"fix"`
	DurationMS int64      `json:"duration_ms"`
}

func writeDoctorJSON(out io.Writer, w doctorWords, findings []doctor.Finding) error {
	doc := doctorJSON{Checks: make([]doctorCheckJSON, 0, len(findings))}
	for _, f := range findings {
		doc.Checks = append(doc.Checks, doctorCheckJSON{
			Name: f.Name, Group: string(f.Group), Status: string(f.Status), ID: f.ID,
			Detail: w.text(f.Detail), Fix: w.text(f.Fix), DurationMS: f.Duration.Milliseconds(),
		})
	}
	return ui.WriteJSON(out, doc)
}

// doctorGlyphs mark each status in the checklist.
var doctorGlyphs = map[doctor.Status]string{doctor.OK: "✓", doctor.Warn: "!", doctor.Fail: "✗", doctor.Skip: "-"}

func writeDoctorText(s *IO, w doctorWords, findings []doctor.Finding) error {
	st := ui.Style{Color: s.Color(s.OutTTY)}
	width := 0
	if s.OutTTY {
		width = s.Width()
	}
	nameW := 0
	for _, f := range findings {
		nameW = max(nameW, ui.DisplayWidth(f.Name))
	}
	nameW = min(nameW, 24)
	indent := strings.Repeat(" ", 4+nameW+2)

	var b strings.Builder
	counts := map[doctor.Status]int{}
	var group doctor.Group
	for _, f := range findings {
		counts[f.Status]++
		if f.Group != group {
			if group != "" {
				b.WriteByte('\n')
			}
			group = f.Group
			b.WriteString(st.Bold(w.group(group)) + "\n")
		}
		glyph := doctorGlyphs[f.Status]
		switch f.Status {
		case doctor.OK:
			glyph = st.Green(glyph)
		case doctor.Warn:
			glyph = st.Yellow(glyph)
		case doctor.Fail:
			glyph = st.Red(glyph)
		default:
			glyph = st.Dim(glyph)
		}
		detail := ui.Sanitize(w.text(f.Detail))
		if f.Duration > 0 || f.Timed && f.Status != doctor.Skip {
			detail += " " + st.Dim("("+fmtStepDuration(f.Duration)+")")
		}
		name := ui.PadRight(ui.Sanitize(f.Name), nameW)
		lines := ui.Wrap(detail, width-len(indent))
		b.WriteString("  " + glyph + " " + name + "  " + lines[0] + "\n")
		for _, l := range lines[1:] {
			b.WriteString(indent + l + "\n")
		}
		if f.Status == doctor.Warn || f.Status == doctor.Fail {
			if fix := w.text(f.Fix); fix != "" {
				for _, l := range ui.Wrap(w.t.FixLabel+ui.Sanitize(fix), width-len(indent)) {
					b.WriteString(indent + l + "\n")
				}
			}
			if f.ID != "" {
				b.WriteString(indent + st.Dim(fmt.Sprintf(w.t.More, f.ID)) + "\n")
			}
		}
	}
	b.WriteByte('\n')
	total := len(findings)
	if counts[doctor.Fail] == 0 && counts[doctor.Warn] == 0 {
		b.WriteString(st.Green(fmt.Sprintf(w.t.SummaryClean, total, counts[doctor.Skip])) + "\n")
	} else {
		line := fmt.Sprintf(w.t.SummaryProblems, counts[doctor.Fail], counts[doctor.Warn], counts[doctor.OK], counts[doctor.Skip])
		if counts[doctor.Fail] > 0 {
			line = st.Red(line)
		} else {
			line = st.Yellow(line)
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(s.Out, b.String())
	return err
}

func fmtStepDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "<1ms"
	}
	if d < time.Second {
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}
