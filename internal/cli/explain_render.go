package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
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
	style style
	width int // wrap at this many columns; 0 means never wrap (pipes)
}

// fieldOrder is the order fields are shown in; others follow, sorted.
var fieldOrder = []string{"status", "error_type", "code", "model", "limit", "resets", "attempt", "retry_in", "request_id"}

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
	l := labelsFor(o.lang)
	st := o.style
	e := it.entry
	t := e.In(o.lang)

	b.WriteString(st.bold(t.Title) + "  " + st.dim("["+string(e.ID)+"]") + "\n")

	type kv struct{ key, value string }
	facts := []kv{
		{l.category, l.categoryName(e.Category)},
		{l.side, l.sideName(e.Side)},
		{l.retried, retriedText(e, l, o.lang)},
	}
	if h := it.hit; h != nil {
		facts = append(facts, kv{l.found, l.where(h.Line, h.Count)})
		if f := fieldsText(h.Fields, l, st); f != "" {
			facts = append(facts, kv{l.fields, f})
		}
		if h.Excerpt != "" {
			facts = append(facts, kv{l.excerpt, sanitize(h.Excerpt)})
		}
	}
	keyW := 0
	for _, f := range facts {
		keyW = max(keyW, displayWidth(f.key))
	}
	for _, f := range facts {
		writeHanging(b, "  "+padRight(f.key, keyW+2), f.value, o, false)
	}

	b.WriteByte('\n')
	section := func(heading, body string) {
		b.WriteString("  " + st.bold(heading) + "\n")
		writeHanging(b, "    ", body, o, true)
	}
	section(l.meaning, t.Meaning)
	section(l.cause, t.Cause)
	b.WriteString("  " + st.bold(l.fixes) + "\n")
	for i, fx := range t.Fixes {
		text, missing := markCode(fx.Text, fx.Command, fx.Env)
		writeHanging(b, "    "+strconv.Itoa(i+1)+". ", appendCode(text, missing), o, true)
	}
	if it.hit != nil {
		b.WriteString("\n  " + fmt.Sprintf(l.more, st.code("ccerr explain --id "+string(e.ID))) + "\n")
	}
}

// writeHanging writes prefix and value, wrapping value to o.width with the
// continuation lines indented to the end of prefix. With code set, `spans`
// in value are rendered as code; otherwise value is shown as it is (it may
// come from untrusted input).
func writeHanging(b *strings.Builder, prefix, value string, o textOptions, code bool) {
	indent := strings.Repeat(" ", displayWidth(prefix))
	width := 0
	if o.width > 0 {
		width = max(o.width-len(indent), 20)
	}
	for i, line := range wrapText(value, width) {
		if i == 0 {
			b.WriteString(prefix)
		} else {
			b.WriteString(indent)
		}
		if code {
			line = o.style.codeSpans(line)
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

// retriedText says whether Claude Code retried the failure. The catalog's
// retry note is written in English, so it is shown only in English output
// (the JSON carries it in every language as retry_note).
func retriedText(e *catalog.Entry, l *labels, lang string) string {
	s := l.retriedNo
	if e.Retry.Retried {
		s = l.retriedYes
	}
	if e.Retry.Note != "" && lang == catalog.English {
		s += ". " + e.Retry.Note
	}
	return s
}

// fieldsText lists the extracted fields in a fixed order, with their names
// in the language: "HTTP status 529 · attempt 6/10".
func fieldsText(f match.Fields, l *labels, st style) string {
	if len(f) == 0 {
		return ""
	}
	var parts []string
	add := func(key, value string) {
		name, ok := l.fieldNames[key]
		if !ok {
			name = strings.ReplaceAll(key, "_", " ")
		}
		parts = append(parts, name+" "+st.bold(sanitize(value)))
	}
	for _, k := range fieldOrder {
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
		if slices.Contains(fieldOrder, k) || (k == "max_attempts" && f["attempt"] != "") {
			continue
		}
		add(k, f[k])
	}
	return strings.Join(parts, l.listSep)
}
