package doctor

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

const (
	// largeMemoryChars is where Claude Code itself warns about a CLAUDE.md
	// ("Large CLAUDE.md will impact performance (40.3k chars > 40.0k)", FACTS §7.4).
	largeMemoryChars = 40000
	// manyMCPServers is our own threshold: each server adds its tool
	// definitions to every request, and past ten the total commonly passes
	// the 25,000-token mark Claude Code warns about.
	manyMCPServers = 10
	// bytesPerToken is the rough estimate used for English text and code.
	bytesPerToken = 4
	// maxMemoryRead bounds how much of one memory file is read to count characters.
	maxMemoryRead = 32 << 20
)

// memoryFiles lists the CLAUDE.md files Claude Code loads for Dir: the
// user's, then each folder from the top (home or the root) down to Dir,
// with CLAUDE.md, .claude/CLAUDE.md and CLAUDE.local.md in each.
func (r *runner) memoryFiles() []string {
	var out []string
	if d := r.configDir(); d != "" {
		out = append(out, filepath.Join(d, "CLAUDE.md"))
	}
	if r.env.Dir == "" {
		return out
	}
	var dirs []string
	dir := filepath.Clean(r.env.Dir)
	home := ""
	if r.env.Home != "" {
		home = filepath.Clean(r.env.Home)
	}
	for {
		dirs = append(dirs, dir)
		if dir == home {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		d := dirs[i]
		out = append(out,
			filepath.Join(d, "CLAUDE.md"),
			filepath.Join(d, ".claude", "CLAUDE.md"),
			filepath.Join(d, "CLAUDE.local.md"))
	}
	return out
}

func (r *runner) context() []Finding {
	var out []Finding
	seen := map[string]bool{}
	totalBytes := int64(0)
	for _, p := range r.memoryFiles() {
		if seen[p] {
			continue
		}
		seen[p] = true
		st, err := os.Stat(p)
		if err != nil || st.IsDir() {
			continue
		}
		f := Finding{Name: r.label(p), Group: GroupContext, Status: OK}
		raw, err := readLimited(p, maxMemoryRead)
		if err != nil {
			f.Status = Warn
			f.Detail = say(MsgMemoryUnreadable, errText(err))
			out = append(out, f)
			continue
		}
		chars := utf8.RuneCount(raw)
		if st.Size() > int64(len(raw)) {
			chars += int(st.Size() - int64(len(raw)))
		}
		totalBytes += st.Size()
		tokens := (st.Size() + bytesPerToken - 1) / bytesPerToken
		f.Detail = say(MsgMemorySize, st.Size(), chars, tokens)
		if chars > largeMemoryChars {
			f.Status, f.ID = Warn, catalog.ResponseQuality
			f.Detail = say(MsgMemoryLarge, st.Size(), chars, tokens, largeMemoryChars)
			f.Fix = r.fix(f.ID, "CLAUDE.md", MsgFixMemory)
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		out = append(out, Finding{Name: "CLAUDE.md", Group: GroupContext, Status: OK, Detail: say(MsgMemoryNone)})
	} else if len(out) > 1 {
		out = append(out, Finding{Name: "memory-total", Group: GroupContext, Status: OK,
			Detail: say(MsgMemoryTotal, len(out), totalBytes, (totalBytes+bytesPerToken-1)/bytesPerToken)})
	}
	return append(out, r.mcpCheck())
}

// mcpSource is one place MCP servers are configured.
type mcpSource struct {
	label   string
	servers map[string]any
}

// mcpSources collects the mcpServers objects from ~/.claude.json (top level
// and the entry for Dir under "projects"), .mcp.json and the settings files.
func (r *runner) mcpSources() []mcpSource {
	var out []mcpSource
	add := func(label string, v any) {
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			out = append(out, mcpSource{label: label, servers: m})
		}
	}
	state := r.stateFile()
	add(state.Label, state.Data["mcpServers"])
	if projects, ok := state.Data["projects"].(map[string]any); ok && r.env.Dir != "" {
		if p, ok := projects[r.env.Dir].(map[string]any); ok {
			add(state.Label+" (projects)", p["mcpServers"])
		} else if p, ok := projects[filepath.ToSlash(r.env.Dir)].(map[string]any); ok {
			add(state.Label+" (projects)", p["mcpServers"])
		}
	}
	mcp := r.projectMCPFile()
	add(mcp.Label, mcp.Data["mcpServers"])
	for _, s := range r.settingsFiles() {
		add(s.Label, s.Data["mcpServers"])
	}
	return out
}

func (r *runner) mcpCheck() Finding {
	f := Finding{Name: "mcp-servers", Group: GroupContext, Status: OK}
	sources := r.mcpSources()
	scopes := map[string][]string{}
	var labels []string
	for _, s := range sources {
		labels = append(labels, s.label)
		for name := range s.servers {
			scopes[name] = append(scopes[name], s.label)
		}
	}
	n := len(scopes)
	if n == 0 {
		f.Detail = say(MsgMCPNone)
		return f
	}
	f.Detail = say(MsgMCPCount, n, strings.Join(labels, ", "))
	var dup []string
	for name, where := range scopes {
		if len(where) > 1 {
			dup = append(dup, name)
		}
	}
	sort.Strings(dup)
	if len(dup) > 0 {
		f.Detail = append(f.Detail, msg(MsgMCPDup, strings.Join(dup, ", ")))
	}
	if n > manyMCPServers {
		f.Status, f.ID = Warn, catalog.PromptTooLong
		f.Detail = say(MsgMCPMany, n, manyMCPServers, strings.Join(labels, ", "))
		f.Fix = r.fix(f.ID, "/mcp", MsgFixMCP)
	}
	return f
}
