package scan

import (
	"cmp"
	"slices"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// How many rows the summary sections keep.
const (
	worstDaysShown   = 5
	topSessionsShown = 3
	fixesShown       = 3
)

// Report is the result of a scan. Its JSON form is the contract of
// `ccerr scan --json`; field names are stable.
type Report struct {
	Files  int64 `json:"files"`  // inputs opened
	Bytes  int64 `json:"bytes"`  // bytes read (after gzip decompression)
	Lines  int64 `json:"lines"`  // lines read
	Events int64 `json:"events"` // events counted, after the filters

	// Since and Until echo the window, when one was given.
	Since time.Time `json:"since,omitzero"`
	Until time.Time `json:"until,omitzero"`

	// Errors has one row per id, the most frequent first.
	Errors []ErrorRow `json:"errors"`
	// WorstDays are the UTC days with the most events, worst first.
	WorstDays []DayRow `json:"worst_days"`
	// TopSessions are the sessions with the most final failures (then the
	// most events), worst first.
	TopSessions []SessionRow `json:"top_sessions"`
	// Fixes give the first catalog fix of the most frequent errors.
	Fixes []FixRow `json:"fixes"`

	// By and Breakdown are present when a breakdown was asked for.
	By        string     `json:"by,omitempty"`
	Breakdown []GroupRow `json:"breakdown,omitempty"`

	// Timeline has the counts per step and id, oldest first, when
	// [Options.Timeline] asked for them (timeline.go).
	Timeline []TimelineRow `json:"timeline,omitempty"`

	// Poisoned lists the transcripts that would fail on every request once
	// resumed, by path, with the command that mends each. Empty unless
	// [Options.CheckSession] is set.
	Poisoned []PoisonedRow `json:"poisoned"`

	// Skipped lists the damage found, sorted by path.
	Skipped []Skip `json:"skipped"`
}

// ErrorRow counts one error id. Count is Final + Retries.
type ErrorRow struct {
	ID       catalog.ID `json:"id"`
	Final    int64      `json:"final"`
	Retries  int64      `json:"retries"`
	Count    int64      `json:"count"`
	First    time.Time  `json:"first,omitzero"`
	Last     time.Time  `json:"last,omitzero"`
	Sessions int        `json:"sessions"`
	// MaxAttempt is the highest retry attempt seen, MaxRetries the highest
	// retry limit announced with it, and MeanRetryDelayMs the mean delay
	// Claude Code announced before a retry. Zero when unknown.
	MaxAttempt       int   `json:"max_attempt,omitempty"`
	MaxRetries       int   `json:"max_retries,omitempty"`
	MeanRetryDelayMs int64 `json:"mean_retry_delay_ms,omitempty"`
}

// DayRow counts one UTC day.
type DayRow struct {
	Day     string `json:"day"`
	Final   int64  `json:"final"`
	Retries int64  `json:"retries"`
	Count   int64  `json:"count"`
}

// SessionRow counts one session.
type SessionRow struct {
	Session string `json:"session"`
	Project string `json:"project"`
	Final   int64  `json:"final"`
	Retries int64  `json:"retries"`
	Count   int64  `json:"count"`
	// Top is the session's most frequent error id.
	Top catalog.ID `json:"top"`
}

// FixRow is the first fix the catalog gives for a frequent error.
type FixRow struct {
	ID    catalog.ID  `json:"id"`
	Title string      `json:"title"`
	Fix   catalog.Fix `json:"fix"`
}

// GroupRow is one row of a breakdown: a day, a project or a session ("" for
// events that have none), with its counts per id.
type GroupRow struct {
	Key     string               `json:"key"`
	Final   int64                `json:"final"`
	Retries int64                `json:"retries"`
	Count   int64                `json:"count"`
	Errors  map[catalog.ID]int64 `json:"errors"`
}

func (r *Report) build(t *tally, o *Options) {
	r.Events = t.events
	r.Timeline = t.steps.rows()
	r.Since, r.Until = o.Since.UTC(), o.Until.UTC()
	r.Errors = []ErrorRow{}
	for id, s := range t.ids {
		row := ErrorRow{
			ID: id, Final: s.final, Retries: s.retries, Count: s.total(),
			First: s.first.UTC().Truncate(time.Second), Last: s.last.UTC().Truncate(time.Second),
			Sessions: len(s.sessions), MaxAttempt: s.maxAttempt, MaxRetries: s.maxRetries,
		}
		if s.delayN > 0 {
			row.MeanRetryDelayMs = int64(s.delaySum/float64(s.delayN) + 0.5)
		}
		r.Errors = append(r.Errors, row)
	}
	slices.SortFunc(r.Errors, func(a, b ErrorRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.ID, b.ID))
	})

	r.WorstDays = []DayRow{}
	for day, g := range t.days {
		if day != "" {
			r.WorstDays = append(r.WorstDays, DayRow{Day: day, Final: g.final, Retries: g.retries, Count: g.total()})
		}
	}
	slices.SortFunc(r.WorstDays, func(a, b DayRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Final, a.Final), cmp.Compare(a.Day, b.Day))
	})
	r.WorstDays = r.WorstDays[:min(len(r.WorstDays), worstDaysShown)]

	r.TopSessions = []SessionRow{}
	for sess, g := range t.sessions {
		if sess != "" {
			r.TopSessions = append(r.TopSessions, SessionRow{Session: sess, Project: g.project,
				Final: g.final, Retries: g.retries, Count: g.total(), Top: topID(g.ids)})
		}
	}
	slices.SortFunc(r.TopSessions, func(a, b SessionRow) int {
		return cmp.Or(cmp.Compare(b.Final, a.Final), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Session, b.Session))
	})
	r.TopSessions = r.TopSessions[:min(len(r.TopSessions), topSessionsShown)]

	r.Fixes = []FixRow{}
	if o.Catalog != nil {
		for _, e := range r.Errors {
			if len(r.Fixes) == fixesShown {
				break
			}
			entry, ok := o.Catalog.Lookup(e.ID)
			if !ok {
				continue
			}
			text := entry.In(o.Lang)
			if len(text.Fixes) == 0 {
				continue
			}
			r.Fixes = append(r.Fixes, FixRow{ID: e.ID, Title: text.Title, Fix: text.Fixes[0]})
		}
	}

	if o.By != "" {
		r.By = o.By
		groups := map[string]map[string]*group{"day": t.days, "project": t.projects, "session": t.sessions}[o.By]
		r.Breakdown = []GroupRow{}
		for key, g := range groups {
			row := GroupRow{Key: key, Final: g.final, Retries: g.retries, Count: g.total(), Errors: map[catalog.ID]int64{}}
			for id, c := range g.ids {
				row.Errors[id] = c.total()
			}
			r.Breakdown = append(r.Breakdown, row)
		}
		slices.SortFunc(r.Breakdown, func(a, b GroupRow) int {
			if o.By == "day" {
				return cmp.Compare(a.Key, b.Key)
			}
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key))
		})
	}
}

// topID is the most frequent id of a group (the smallest id on a tie).
func topID(ids map[catalog.ID]*counts) catalog.ID {
	best, n := catalog.ID(""), int64(-1)
	for id, c := range ids {
		if t := c.total(); t > n || (t == n && id < best) {
			best, n = id, t
		}
	}
	return best
}
