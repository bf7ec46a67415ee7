package ui

import (
	"strings"
	"testing"
)

func TestWrapText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  []string
	}{
		{"fits", "short line", 20, []string{"short line"}},
		{"no wrap at zero", "a b c d e f", 0, []string{"a b c d e f"}},
		{"at spaces", "one two three four", 9, []string{"one two", "three", "four"}},
		{"long word alone", "a supercalifragilistic b", 6, []string{"a", "supercalifragilistic", "b"}},
		{"code span kept whole", "run `claude --debug now` please", 12, []string{"run", "`claude --debug now`", "please"}},
		{"chinese breaks between characters", "这是一个很长的中文句子", 8, []string{"这是一个", "很长的中", "文句子"}},
		{"no comma at line start", "一二三，四五六", 6, []string{"一二", "三，四", "五六"}},
		{"chinese then latin", "运行 `ccerr doctor` 检查", 10, []string{"运行", "`ccerr doctor`", "检查"}},
		{"latin glued to chinese", "用/model换", 6, []string{"用", "/model", "换"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.in, tt.width)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

// FuzzWrapText checks that wrapping never loses or invents text, keeps code
// spans whole, and only exceeds the width for a single unbreakable unit.
func FuzzWrapText(f *testing.F) {
	for _, s := range []string{"one two three", "这是一个很长的中文句子", "run `a b` now", "用/model换，好", "", "  lead", "\xff\xfe"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		// Every input is used: invalid UTF-8 as Wrap's callers would pass
		// it after sanitising, any width folded into 0..200.
		s = strings.ToValidUTF8(s, "\uFFFD")
		width = min(max(width, -width)%201, 200)
		lines := Wrap(s, width)
		again := Wrap(s, width)
		if strings.Join(lines, "\n") != strings.Join(again, "\n") {
			t.Fatalf("not deterministic")
		}
		squash := func(x string) string { return strings.Join(strings.Fields(x), "") }
		if got, want := squash(strings.Join(lines, "")), squash(s); got != want {
			t.Fatalf("Wrap(%q, %d) changed the text: %q", s, width, lines)
		}
		if width == 0 || strings.Count(s, "`")%2 != 0 {
			return
		}
		for _, l := range lines {
			if DisplayWidth(l) > width && len(breakUnits(l)) > 1 {
				t.Fatalf("Wrap(%q, %d): line %q is too wide and could have been broken", s, width, l)
			}
		}
	})
}
