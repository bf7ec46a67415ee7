package ui

import (
	"bytes"
	"testing"
)

func TestColorEnabled(t *testing.T) {
	for _, tt := range []struct {
		name string
		env  map[string]string
		tty  bool
		want bool
	}{
		{"terminal", nil, true, true},
		{"pipe", nil, false, false},
		{"no color wins", map[string]string{"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}, true, false},
		{"forced in a pipe", map[string]string{"CLICOLOR_FORCE": "1"}, false, true},
		{"force 0 is not forcing", map[string]string{"CLICOLOR_FORCE": "0"}, false, false},
		{"dumb terminal", map[string]string{"TERM": "dumb"}, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := ColorEnabled(getenv, tt.tty); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStyle(t *testing.T) {
	plain, color := Style{}, Style{Color: true}
	if got := plain.Bold("x") + plain.Red("y"); got != "xy" {
		t.Errorf("plain style added %q", got)
	}
	if got := color.Red("x"); got != "\x1b[31mx\x1b[0m" {
		t.Errorf("Red = %q", got)
	}
	if got := color.Bold(""); got != "" {
		t.Errorf("styling empty text gave %q", got)
	}
	if got := plain.Code("/login"); got != "`/login`" {
		t.Errorf("plain Code = %q", got)
	}
	if got := color.Code("/login"); got != "\x1b[1m\x1b[36m/login\x1b[0m" {
		t.Errorf("Code = %q", got)
	}
	if got := color.CodeSpans("run `x` and `y` `z"); got != "run \x1b[1m\x1b[36mx\x1b[0m and \x1b[1m\x1b[36my\x1b[0m `z" {
		t.Errorf("CodeSpans = %q", got)
	}
}

func TestTermWidth(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "COLUMNS" {
				return v
			}
			return ""
		}
	}
	if got := TermWidth(env("132"), &bytes.Buffer{}, true); got != 132 {
		t.Errorf("COLUMNS=132 gave %d", got)
	}
	if got := TermWidth(env("x"), &bytes.Buffer{}, true); got != 80 {
		t.Errorf("no terminal gave %d, want 80", got)
	}
}

func TestStatusLine(t *testing.T) {
	if got := StatusLine("scanning"); got != "\r"+"scanning"+"\x1b[K" {
		t.Errorf("StatusLine = %q", got)
	}
}
