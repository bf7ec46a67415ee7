package core

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/match"
)

// explained is one entry to show: what the catalog says about it and, when it
// was recognised in text, where and with which values (hit is nil for --id).
type explained struct {
	entry *catalog.Entry
	hit   *match.Hit
}

// textOptions says how to lay out human output.
type textOptions struct {
	lang  string
	style ui.Style
	width int // wrap at this many columns; 0 means never wrap (pipes)
}

// renderExplainText writes the human explanation of every item.
func renderExplainText(w io.Writer, items []explained, o textOptions) error {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeExplained(&b, it, o)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeExplained(b *strings.Builder, it explained, o textOptions) {
	m := ui.Messages(o.lang)
	l := &m.Explain
	st := o.style
	e := it.entry
	t := e.In(o.lang)

	b.WriteString(st.Bold(t.Title) + "  " + st.Dim("["+string(e.ID)+"]") + "\n")

	type kv struct{ key, value string }
	facts := []kv{
		{l.Category, m.Common.Categories.Name(e.Category)},
		{l.Side, m.Common.Sides.Name(e.Side)},
		{l.Retried, retriedText(e, l, o.lang)},
	}
	if h := it.hit; h != nil {
		facts = append(facts, kv{l.Found, where(l, h.Line, h.Count)})
		if f := fieldsText(h.Fields, &m.Common, st); f != "" {
			facts = append(facts, kv{l.Details, f})
		}
		if h.Excerpt != "" {
			facts = append(facts, kv{l.Excerpt, ui.Sanitize(h.Excerpt)})
		}
	}
	keyW := 0
	for _, f := range facts {
		keyW = max(keyW, ui.DisplayWidth(f.key))
	}
	for _, f := range facts {
		writeHanging(b, "  "+ui.PadRight(f.key, keyW+2), f.value, o, false)
	}

	b.WriteByte('\n')
	section := func(heading, body string) {
		b.WriteString("  " + st.Bold(heading) + "\n")
		writeHanging(b, "    ", body, o, true)
	}
	section(l.Meaning, t.Meaning)
	section(l.Cause, t.Cause)
	b.WriteString("  " + st.Bold(l.Fixes) + "\n")
	for i, fx := range t.Fixes {
		text, missing := markCode(fx.Text, fx.Command, fx.Env)
		writeHanging(b, "    "+strconv.Itoa(i+1)+". ", appendCode(text, missing), o, true)
	}
	if it.hit != nil {
		b.WriteString("\n  " + fmt.Sprintf(l.More, st.Code("ccerr explain --id "+string(e.ID))) + "\n")
	}
}

// writeHanging writes prefix and value, wrapping value to o.width with the
// continuation lines indented to the end of prefix. With code set, `spans`
// in value are rendered as code; otherwise value is shown as it is (it may
// come from untrusted input).
func writeHanging(b *strings.Builder, prefix, value string, o textOptions, code bool) {
	indent := strings.Repeat(" ", ui.DisplayWidth(prefix))
	width := 0
	if o.width > 0 {
		width = max(o.width-len(indent), 20)
	}
	for i, line := range ui.Wrap(value, width) {
		if i == 0 {
			b.WriteString(prefix)
		} else {
			b.WriteString(indent)
		}
		if code {
			line = o.style.CodeSpans(line)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

// retriedText says whether Claude Code retried the failure. The catalog's
// retry note is written in English, so it is shown only in English output
// (the JSON carries it in every language as retry_note).
func retriedText(e *catalog.Entry, l *ui.ExplainText, lang string) string {
	s := l.RetriedNo
	if e.Retry.Retried {
		s = l.RetriedYes
	}
	if e.Retry.Note != "" && lang == catalog.English {
		s += ". " + e.Retry.Note
	}
	return s
}

// fieldsText lists the extracted fields in a fixed order, with their names
// in the language: "HTTP status 529 · attempt 6/10".
func fieldsText(f match.Fields, c *ui.CommonText, st ui.Style) string {
	if len(f) == 0 {
		return ""
	}
	var parts []string
	add := func(key, value string) {
		name, ok := c.Fields.Name(key)
		if !ok {
			name = strings.ReplaceAll(key, "_", " ")
		}
		parts = append(parts, name+" "+st.Bold(ui.Sanitize(value)))
	}
	for _, k := range ui.FieldKeys {
		v, ok := f[k]
		if !ok {
			continue
		}
		if k == "attempt" && f["max_attempts"] != "" {
			v += "/" + f["max_attempts"]
		}
		add(k, v)
	}
	rest := slices.Sorted(maps.Keys(f))
	for _, k := range rest {
		if slices.Contains(ui.FieldKeys, k) || (k == "max_attempts" && f["attempt"] != "") {
			continue
		}
		add(k, f[k])
	}
	return strings.Join(parts, c.ListSep)
}

// where says where a hit was first seen and how often.
func where(l *ui.ExplainText, line, count int) string {
	if count > 1 {
		return fmt.Sprintf(l.LineTimes, line, count)
	}
	return fmt.Sprintf(l.LineOnce, line)
}

// WriteFixes writes fixes numbered as explain writes them ("  1. …"), with
// commands and environment variables marked as code and continuation lines
// hung under the text; ping's failure report uses it too.
func WriteFixes(b *strings.Builder, fixes []catalog.Fix, lang string, st ui.Style) {
	o := textOptions{lang: lang, style: st}
	for i, fx := range fixes {
		text, missing := markCode(fx.Text, fx.Command, fx.Env)
		writeHanging(b, "  "+strconv.Itoa(i+1)+". ", appendCode(text, missing), o, true)
	}
}

// CompleteIDs returns the catalog ids that start with toComplete, for shell
// completion of commands that take an id.
func CompleteIDs(f *Factory, toComplete string) []string { return completeIDs(f, toComplete) }
