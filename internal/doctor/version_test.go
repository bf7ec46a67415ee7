package doctor

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in      string
		want    Version
		wantErr bool
	}{
		{"2.1.332 (Claude Code)", Version{2, 1, 332}, false},
		{"2.1.332 (Claude Code)\n", Version{2, 1, 332}, false},
		{"v1.0.44", Version{1, 0, 44}, false},
		{"claude 2.1.0-beta.1", Version{2, 1, 0}, false},
		{"2.1.111+build.5", Version{2, 1, 111}, false},
		{"Claude Code version 2.0.9 ready", Version{2, 0, 9}, false},
		{"2.1", Version{}, true},
		{"", Version{}, true},
		{"command not found", Version{}, true},
		{"2.x.1", Version{}, true},
		{"-1.2.3", Version{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseVersion(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseVersion(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"2.1.332 (Claude Code)", "v1.0.0", "1.2", "9.9.9-rc1", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			return
		}
		// The printed version parses back to itself.
		if w, err := ParseVersion(v.String()); err != nil || w != v {
			t.Fatalf("ParseVersion(%q) = %v; round trip %v, %v", s, v, w, err)
		}
		for _, n := range v {
			if n < 0 {
				t.Fatalf("negative part in %v", v)
			}
		}
	})
}

func TestVersionLess(t *testing.T) {
	if !(Version{2, 1, 110}).Less(minThinkingVersion) || (Version{2, 1, 111}).Less(minThinkingVersion) || (Version{3, 0, 0}).Less(minThinkingVersion) {
		t.Error("Less is wrong around 2.1.111")
	}
}

func TestClaudeVersionCheck(t *testing.T) {
	tests := []struct {
		name    string
		found   bool
		out     string
		err     error
		want    Status
		wantID  catalog.ID
		wantFix string
	}{
		{"not installed", false, "", nil, Skip, "", ""},
		{"current", true, "2.1.332 (Claude Code)\n", nil, OK, "", ""},
		{"old", true, "2.1.100 (Claude Code)\n", nil, Warn, "thinking-unsupported", "claude update"},
		{"exactly the minimum", true, "2.1.111 (Claude Code)", nil, OK, "", ""},
		{"fails", true, "", errors.New("exit status 1"), Warn, "", ""},
		{"garbage", true, "hello", nil, Warn, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, nil)
			if tt.found {
				env.LookPath = func(string) (string, error) { return "/usr/local/bin/claude", nil }
			}
			env.RunClaudeVersion = func(ctx context.Context, path string) (string, error) { return tt.out, tt.err }
			f := find(t, offline(t, env), "claude-version")
			if f.Status != tt.want || f.ID != tt.wantID || !strings.Contains(en(f.Fix), tt.wantFix) {
				t.Errorf("got %s %q %q (fix %q)", f.Status, f.ID, en(f.Detail), en(f.Fix))
			}
		})
	}
}
