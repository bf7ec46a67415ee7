package scan

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// LineMatcher finds documented errors in one line. *match.Matcher
// implements it; it must be safe for concurrent use.
type LineMatcher interface {
	FindLine(line []byte) []match.Found
}

// DefaultMaxLine is the longest line read when [Options.MaxLine] is zero.
// Longer lines are skipped and counted. Claude Code writes its error lines
// in a few kilobytes, but a pasted image makes a prompt line megabytes long;
// 4 MiB keeps those out of the skipped list. A worker's buffer grows to
// this size only when it meets such a line.
const DefaultMaxLine = 4 << 20

// Options configures [Run]. The zero value scans nothing; Paths and Matcher
// are required.
type Options struct {
	// Paths are files, folders and glob patterns; "-" is Stdin.
	Paths []string
	// Stdin is read for the path "-". Nil means an empty input.
	Stdin io.Reader

	// Matcher classifies error text. It is required.
	Matcher LineMatcher
	// Catalog supplies the fixes shown for the most frequent errors. Nil
	// means the report carries no fixes.
	Catalog *catalog.Catalog
	// Lang is the language of the fixes ("en" or "zh"). Empty means English.
	Lang string

	// Since and Until bound the events counted: Since is inclusive, Until
	// exclusive. A zero value leaves that side open. When either is set,
	// events with no time are not counted.
	Since, Until time.Time
	// IDs keeps only events with these ids. Empty keeps every event.
	IDs []catalog.ID
	// By asks for a breakdown: "day", "project" or "session". Empty means none.
	By string
	// Timeline, when positive, asks for [Report.Timeline]: counts per id
	// in steps of this length (time.Hour for the report page).
	Timeline time.Duration

	// Workers is the number of files read at once. Zero means GOMAXPROCS.
	Workers int
	// MaxLine is the longest line considered, in bytes. Zero means
	// [DefaultMaxLine].
	MaxLine int

	// CheckSession, when set, is run over every uncompressed *.jsonl file
	// as it is read, and the transcripts it finds poisoned are listed in
	// [Report.Poisoned] (only their findings with IDs, when IDs is set;
	// Since and Until do not apply: the poison is in the session now).
	// The CLI passes repair's detector.
	CheckSession SessionCheck
	// SessionDirs are the folders `ccerr repair SESSION-ID` looks in
	// (session.ProjectsDirs). A poisoned transcript in a project folder of
	// one of them is named by its id in [PoisonedRow.Command], any other by
	// its path.
	SessionDirs []string

	// OnFile, when set, is called after each file is read, from the worker
	// that read it, with the number of bytes read. It must be safe for
	// concurrent use; the CLI uses it for its progress line.
	OnFile func(path string, bytes int64)
}

// Breakdowns lists the values [Options.By] accepts.
var Breakdowns = []string{"day", "project", "session"}

func (o *Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (o *Options) maxLine() int {
	if o.MaxLine > 0 {
		return o.MaxLine
	}
	return DefaultMaxLine
}

// ParseTime reads a --since or --until value relative to now: a date
// (2026-11-20, midnight UTC), an RFC 3339 time, or a duration back from now
// with a unit of w (weeks), d (days), h, m or s ("7d", "12h", "1h30m").
// For --until, a bare date means the end of that day; pass endOfDay to get it.
func ParseTime(s string, now time.Time, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty time")
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if d, err := parseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (2026-11-20), an RFC 3339 time (2026-11-20T10:00:00Z) or a duration (7d, 12h)", s)
}

// parseDuration extends time.ParseDuration with d (24h) and w (7d).
func parseDuration(s string) (time.Duration, error) {
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		j := i
		for j < len(rest) && (rest[j] < '0' || rest[j] > '9') && rest[j] != '.' {
			j++
		}
		num, unit := rest[:i], rest[i:j]
		rest = rest[j:]
		var d time.Duration
		switch unit {
		case "w", "d":
			n, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, err
			}
			day := 24 * time.Hour
			if unit == "w" {
				day *= 7
			}
			d = time.Duration(n * float64(day))
		default:
			var err error
			d, err = time.ParseDuration(num + unit)
			if err != nil {
				return 0, err
			}
		}
		total += d
	}
	if total < 0 {
		return 0, fmt.Errorf("negative duration %q", s)
	}
	return total, nil
}
