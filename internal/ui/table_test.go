package ui

import (
	"bytes"
	"strings"
	"testing"
)

func TestTableTTY(t *testing.T) {
	tb := &Table{TTY: true, Header: []string{"ID", "N", "NOTE"}, Align: "lr", Indent: "  "}
	tb.Section("Server errors")
	tb.Row("overloaded", "12", "过载")
	tb.Row("server-error", "3", "\x1b]0;pwned\x07ok")
	tb.Section("Auth")
	tb.Row("invalid-api-key", "100", "x")
	var b strings.Builder
	if err := tb.Render(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"  ID                 N  NOTE\n" +
		"\n" +
		"Server errors\n" +
		"  overloaded        12  过载\n" +
		"  server-error       3  ok\n" +
		"\n" +
		"Auth\n" +
		"  invalid-api-key  100  x\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestTableTTYWidthGapsStyles(t *testing.T) {
	tb := &Table{TTY: true, Width: 30, Gaps: []int{1}, Styles: []func(string) string{Style{Color: true}.Cyan}}
	tb.Row("a", strings.Repeat("x", 40))
	var b strings.Builder
	_ = tb.Render(&b)
	want := "\x1b[36ma\x1b[0m " + strings.Repeat("x", 27) + "…\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestTablePipe shows a cell cannot forge a row, a column or a section in
// a pipe, and that headers and headings are left out.
func TestTablePipe(t *testing.T) {
	tb := &Table{Header: []string{"A", "B"}}
	tb.Section("ignored")
	tb.Row("x\ty", "line1\nline2\r")
	tb.Row(`C:\dir`, "\x1b[2J# errors")
	var b strings.Builder
	_ = tb.Render(&b)
	want := "x\\ty\tline1\\nline2 \n" + `C:\\dir` + "\t# errors\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestTSVField(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         "plain",
		"a\tb":          `a\tb`,
		"a\nb\r\nc":     `a\nb\nc`,
		`back\slash`:    `back\\slash`,
		"\x1b]0;t\x07x": "x",
	} {
		if got := TSVField(in); got != want {
			t.Errorf("TSVField(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableSectionsAndPipe(t *testing.T) {
	build := func(tty bool) string {
		tb := &Table{TTY: tty, Width: 30, Header: []string{"ID", "NAME"}, Indent: "  "}
		tb.Section("First")
		tb.Row("a", "short")
		tb.Row("bbb", "a name that is far too long\tfor the line")
		tb.Section("第二")
		tb.Row("中文", "值")
		var b bytes.Buffer
		if err := tb.Render(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	wantTTY := "" +
		"  ID    NAME\n" +
		"\n" +
		"First\n" +
		"  a     short\n" +
		"  bbb   a name that is far to…\n" +
		"\n" +
		"第二\n" +
		"  中文  值\n"
	if got := build(true); got != wantTTY {
		t.Errorf("terminal table:\n%s\nwant:\n%s", got, wantTTY)
	}
	wantTSV := "a\tshort\nbbb\ta name that is far too long\\tfor the line\n中文\t值\n"
	if got := build(false); got != wantTSV {
		t.Errorf("pipe table = %q, want %q", got, wantTSV)
	}
}
