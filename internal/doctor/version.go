package doctor

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// minThinkingVersion is the oldest Claude Code that sends the thinking
// parameters Opus 4.7 accepts (the seed: run `claude update` to reach v2.1.111).
var minThinkingVersion = Version{2, 1, 111}

// Version is a Claude Code release number, major.minor.patch.
type Version [3]int

// String prints the version as "2.1.332".
func (v Version) String() string {
	return strconv.Itoa(v[0]) + "." + strconv.Itoa(v[1]) + "." + strconv.Itoa(v[2])
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

// ParseVersion reads the version from `claude --version` output such as
// "2.1.332 (Claude Code)": the first word of the form [v]MAJOR.MINOR.PATCH,
// where PATCH may carry a pre-release or build suffix ("2.1.0-beta.1").
func ParseVersion(out string) (Version, error) {
	for _, word := range strings.Fields(out) {
		word = strings.TrimPrefix(word, "v")
		parts := strings.SplitN(word, ".", 3)
		if len(parts) != 3 {
			continue
		}
		if i := strings.IndexAny(parts[2], "-+"); i >= 0 {
			parts[2] = parts[2][:i]
		}
		var v Version
		ok := true
		for i, p := range parts {
			n, good := parseCount(p)
			if !good || p != strings.TrimSpace(p) || n > 1<<20 {
				ok = false
				break
			}
			v[i] = n
		}
		if ok {
			return v, nil
		}
	}
	return Version{}, errors.New("no version number in the output")
}

func (r *runner) claudeCode(ctx context.Context) []Finding {
	f := Finding{Name: "claude-version", Group: GroupClaudeCode, Status: OK}
	path, err := r.env.LookPath("claude")
	if err != nil {
		f.Status = Skip
		f.Detail = say(MsgVersionNotFound)
		return []Finding{f}
	}
	vctx, cancel := context.WithTimeout(ctx, r.env.Timeout)
	defer cancel()
	out, err := r.env.RunClaudeVersion(vctx, path)
	if err != nil {
		f.Status = Warn
		f.Detail = say(MsgVersionFailed, path, errText(err))
		return []Finding{f}
	}
	v, err := ParseVersion(out)
	if err != nil {
		f.Status = Warn
		first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
		f.Detail = say(MsgVersionUnparsed, quoteValue(first))
		return []Finding{f}
	}
	if v.Less(minThinkingVersion) {
		f.Status, f.ID = Warn, catalog.ThinkingUnsupported
		f.Detail = say(MsgVersionOld, v.String(), minThinkingVersion.String())
		f.Fix = r.fix(f.ID, "claude update", MsgFixUpdate)
		return []Finding{f}
	}
	f.Detail = say(MsgVersionOK, v.String(), path)
	return []Finding{f}
}
