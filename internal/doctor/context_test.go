package doctor

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestMemoryFiles(t *testing.T) {
	env := newEnv(t, nil)
	writeFile(t, filepath.Join(env.Home, ".claude", "CLAUDE.md"), "user rules\n")
	writeFile(t, filepath.Join(env.Home, "CLAUDE.md"), "home rules\n")
	writeFile(t, filepath.Join(env.Dir, "CLAUDE.md"), strings.Repeat("x", 200*1024))
	writeFile(t, filepath.Join(env.Dir, "CLAUDE.local.md"), "local\n")
	writeFile(t, filepath.Join(env.Dir, ".claude", "CLAUDE.md"), "dot claude\n")
	fs := offline(t, env)

	big := find(t, fs, "~/project/CLAUDE.md")
	if big.Status != Warn || big.ID != "response-quality" || !strings.Contains(en(big.Detail), "204800 bytes, 204800 characters, about 51200 tokens") || big.Fix == nil {
		t.Errorf("large CLAUDE.md: got %s %s %q fix %q", big.Status, big.ID, en(big.Detail), en(big.Fix))
	}
	for _, n := range []string{"~/.claude/CLAUDE.md", "~/CLAUDE.md", "~/project/CLAUDE.local.md", "~/project/.claude/CLAUDE.md"} {
		if f := find(t, fs, n); f.Status != OK {
			t.Errorf("%s: got %s %q", n, f.Status, en(f.Detail))
		}
	}
	if f := find(t, fs, "memory-total"); !strings.Contains(en(f.Detail), "5 memory files") {
		t.Errorf("total: %q", en(f.Detail))
	}
}

func TestMemoryCountsCharactersNotBytes(t *testing.T) {
	env := newEnv(t, nil)
	// 30,000 Chinese characters are 90,000 bytes but under the 40,000-character mark.
	writeFile(t, filepath.Join(env.Dir, "CLAUDE.md"), strings.Repeat("中", 30000))
	f := find(t, offline(t, env), "~/project/CLAUDE.md")
	if f.Status != OK || !strings.Contains(en(f.Detail), "30000 characters") {
		t.Errorf("got %s %q", f.Status, en(f.Detail))
	}
}

func TestMemoryStopsAtHome(t *testing.T) {
	env := newEnv(t, nil)
	writeFile(t, filepath.Join(filepath.Dir(env.Home), "CLAUDE.md"), "above home") // may not be writable; ignore
	for _, f := range offline(t, env) {
		if f.Group == GroupContext && strings.Contains(f.Name, "..") {
			t.Errorf("read above home: %s", f.Name)
		}
	}
}

func mcpServers(prefix string, n int) string {
	var parts []string
	for i := range n {
		parts = append(parts, fmt.Sprintf(`"%s%d":{"command":"x"}`, prefix, i))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func TestMCPServers(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string // relative to home ("~") or project ("."), content
		want       Status
		wantDetail string
	}{
		{"none", nil, OK, "No MCP servers"},
		{"a few", map[string]string{"~/.claude.json": `{"mcpServers":` + mcpServers("a", 3) + `}`}, OK, "3 MCP servers"},
		{"twelve in one file", map[string]string{"./.mcp.json": `{"mcpServers":` + mcpServers("m", 12) + `}`}, Warn, "12 MCP servers, more than 10"},
		{"spread over every source", map[string]string{
			"~/.claude.json":          `{"mcpServers":` + mcpServers("u", 3) + `,"projects":{"PROJECT":{"mcpServers":` + mcpServers("p", 3) + `}}}`,
			"./.mcp.json":             `{"mcpServers":` + mcpServers("m", 3) + `}`,
			"./.claude/settings.json": `{"mcpServers":` + mcpServers("s", 2) + `}`,
			"~/.claude/settings.json": `{"mcpServers":` + mcpServers("h", 1) + `}`,
		}, Warn, "12 MCP servers"},
		{"same name twice counts once", map[string]string{
			"~/.claude.json": `{"mcpServers":{"github":{}}}`,
			"./.mcp.json":    `{"mcpServers":{"github":{}}}`,
		}, OK, "Defined in more than one place: github"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t, nil)
			for rel, content := range tt.files {
				base := env.Home
				if strings.HasPrefix(rel, "./") {
					base = env.Dir
				}
				content = strings.ReplaceAll(content, "PROJECT", env.Dir)
				writeFile(t, filepath.Join(base, rel[2:]), content)
			}
			f := find(t, offline(t, env), "mcp-servers")
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.wantDetail) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, en(f.Detail), tt.want, tt.wantDetail)
			}
			if f.Status == Warn && (f.ID != "prompt-too-long" || f.Fix == nil) {
				t.Errorf("warn without id or fix: %+v", f)
			}
		})
	}
}
