package core

import (
	"strings"
	"testing"
)

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
