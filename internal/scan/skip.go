package scan

import (
	"cmp"
	"slices"
)

// Reason names why input was skipped. The values are API: they appear in
// the JSON report.
type Reason string

// The reasons input is skipped.
const (
	Missing       Reason = "missing"        // a path or pattern that names nothing
	Unreadable    Reason = "unreadable"     // a file or folder that cannot be opened or read
	NotJSON       Reason = "not-json"       // a transcript line that is not a JSON object
	Truncated     Reason = "truncated"      // a transcript's last line, cut off before its end
	GzipTruncated Reason = "gzip-truncated" // a gzip stream that ends early
	GzipDamaged   Reason = "gzip-damaged"   // a gzip stream with a bad header or checksum
	TooLong       Reason = "too-long"       // a line longer than the limit, skipped unread
	InvalidUTF8   Reason = "invalid-utf8"   // an event line that is not valid UTF-8
)

// Skip is one kind of damage found in one input. Line-level reasons count
// the lines and give the first; file-level reasons leave them zero.
type Skip struct {
	Path   string `json:"path"`
	Reason Reason `json:"reason"`
	// Lines is how many lines were skipped for this reason (line-level reasons).
	Lines int64 `json:"lines,omitempty"`
	// Line is the 1-based number of the first such line.
	Line int64 `json:"line,omitempty"`
	// Detail is the underlying error, when there is one.
	Detail string `json:"detail,omitempty"`
}

// skips collects the damage found in one file, one record per reason.
type skips struct {
	path string
	list []Skip
}

func (k *skips) line(r Reason, lineNo int64) {
	for i := range k.list {
		if k.list[i].Reason == r {
			k.list[i].Lines++
			return
		}
	}
	k.list = append(k.list, Skip{Path: k.path, Reason: r, Lines: 1, Line: lineNo})
}

func (k *skips) file(r Reason, err error) {
	s := Skip{Path: k.path, Reason: r}
	if err != nil {
		s.Detail = err.Error()
	}
	k.list = append(k.list, s)
}

func sortSkips(s []Skip) {
	slices.SortStableFunc(s, func(a, b Skip) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Reason, b.Reason))
	})
}
