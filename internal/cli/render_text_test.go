package cli

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"ascii", "hello", 5},
		{"empty", "", 0},
		{"chinese", "中文", 4},
		{"mixed", "API 过载", 8},
		{"full-width punctuation", "（，）", 6},
		{"ansi ignored", "\x1b[1mbold\x1b[0m", 4},
		{"combining mark", "e\u0301", 1},
		{"middle dot is narrow", "a · b", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := displayWidth(tt.in); got != tt.want {
				t.Errorf("displayWidth(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

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
			got := wrapText(tt.in, tt.width)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrapText(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestMarkCode(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		terms       []string
		want        string
		wantMissing []string
	}{
		{"command in text", "Run /login to sign in.", []string{"/login"}, "Run `/login` to sign in.", nil},
		{"every occurrence", "Run /model, then /model again.", []string{"/model"}, "Run `/model`, then `/model` again.", nil},
		{"not inside a longer word", "Run /modeling.", []string{"/model"}, "Run /modeling.", []string{"/model"}},
		{"env with value", "Set API_TIMEOUT_MS=900000.", []string{"API_TIMEOUT_MS"}, "Set `API_TIMEOUT_MS=900000`.", nil},
		{"env then Chinese", "设置 NODE_EXTRA_CA_CERTS=/a.pem，然后重启", []string{"NODE_EXTRA_CA_CERTS"}, "设置 `NODE_EXTRA_CA_CERTS=/a.pem`，然后重启", nil},
		{"after Chinese character", "运行/login登录", []string{"/login"}, "运行`/login`登录", nil},
		{"already quoted", "Run `/login` now.", []string{"/login"}, "Run `/login` now.", nil},
		{"missing", "Sign in again.", []string{"/login", ""}, "Sign in again.", []string{"/login"}},
		{"two terms", "Unset ANTHROPIC_API_KEY, then /login.", []string{"/login", "ANTHROPIC_API_KEY"}, "Unset `ANTHROPIC_API_KEY`, then `/login`.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, missing := markCode(tt.text, tt.terms...)
			if got != tt.want {
				t.Errorf("markCode(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if strings.Join(missing, ",") != strings.Join(tt.wantMissing, ",") {
				t.Errorf("markCode(%q) missing = %q, want %q", tt.text, missing, tt.wantMissing)
			}
		})
	}
}

func TestAppendCode(t *testing.T) {
	tests := []struct {
		name, text string
		terms      []string
		want       string
	}{
		{"none", "Wait.", nil, "Wait."},
		{"before full stop", "Sign in again.", []string{"/login"}, "Sign in again (`/login`)."},
		{"no stop", "Sign in again", []string{"/login"}, "Sign in again (`/login`)"},
		{"chinese", "重新登录。", []string{"/login", "X_Y"}, "重新登录（`/login`、`X_Y`）。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := appendCode(tt.text, tt.terms); got != tt.want {
				t.Errorf("appendCode(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStyleCode(t *testing.T) {
	plain, color := style{}, style{color: true}
	if got := plain.code("/login"); got != "`/login`" {
		t.Errorf("plain code = %q, want backticks", got)
	}
	if got := color.code("/login"); got != "\x1b[1m\x1b[36m/login\x1b[0m" {
		t.Errorf("colour code = %q", got)
	}
	if got := plain.codeSpans("run `x` now"); got != "run `x` now" {
		t.Errorf("plain codeSpans changed text: %q", got)
	}
	if got := color.codeSpans("run `x` and `y` `z"); got != "run \x1b[1m\x1b[36mx\x1b[0m and \x1b[1m\x1b[36my\x1b[0m `z" {
		t.Errorf("colour codeSpans = %q", got)
	}
	if got := plain.bold("t"); got != "t" {
		t.Errorf("plain bold = %q", got)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"clean", "API Error: 529 · 过载", "API Error: 529 · 过载"},
		{"escape sequences", "\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"newlines and tabs", "a\nb\tc\r", "a b c "},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"nul and bell", "a\x00b\x07", "a b "},
		{"line separator", "a\u2028b", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize(tt.in); got != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"hello", 10, "hello"},
		{"hello world", 6, "hello…"},
		{"中文中文", 5, "中文…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.width); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestTable(t *testing.T) {
	build := func(tty bool) string {
		tb := &table{tty: tty, width: 30, header: []string{"ID", "NAME"}}
		tb.section("First")
		tb.row("a", "short")
		tb.row("bbb", "a name that is far too long\tfor the line")
		tb.section("第二")
		tb.row("中文", "值")
		var b bytes.Buffer
		if err := tb.render(&b); err != nil {
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
	wantTSV := "a\tshort\nbbb\ta name that is far too long for the line\n中文\t值\n"
	if got := build(false); got != wantTSV {
		t.Errorf("pipe table = %q, want %q", got, wantTSV)
	}
}

// FuzzWrapText checks that wrapping never loses or invents text, keeps code
// spans whole, and only exceeds the width for a single unbreakable unit.
func FuzzWrapText(f *testing.F) {
	for _, s := range []string{"one two three", "这是一个很长的中文句子", "run `a b` now", "用/model换，好", "", "  lead", "\xff\xfe"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		if !utf8.ValidString(s) || width < 0 || width > 200 {
			t.Skip()
		}
		lines := wrapText(s, width)
		again := wrapText(s, width)
		if strings.Join(lines, "\n") != strings.Join(again, "\n") {
			t.Fatalf("not deterministic")
		}
		squash := func(x string) string { return strings.Join(strings.Fields(x), "") }
		if got, want := squash(strings.Join(lines, "")), squash(s); got != want {
			t.Fatalf("wrapText(%q, %d) changed the text: %q", s, width, lines)
		}
		if width == 0 || strings.Count(s, "`")%2 != 0 {
			return
		}
		for _, l := range lines {
			if displayWidth(l) > width && len(breakUnits(l)) > 1 {
				t.Fatalf("wrapText(%q, %d): line %q is too wide and could have been broken", s, width, l)
			}
		}
	})
}
