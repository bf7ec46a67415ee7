package scan

import (
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// Kind says whether an event is a retry or the final failure a person saw.
type Kind uint8

// The kinds of event.
const (
	Final Kind = iota // the message shown when Claude Code gave up
	Retry             // a failed attempt Claude Code retried
)

// event is one error occurrence, before aggregation.
type event struct {
	id      catalog.ID
	kind    Kind
	time    time.Time // zero when the line carries none
	session string
	project string
	attempt int // retries only; 0 when unknown
	max     int
	delayMs float64
}

// counts is the pair every row of the report carries.
type counts struct {
	final, retries int64
}

func (c *counts) add(k Kind) {
	if k == Retry {
		c.retries++
	} else {
		c.final++
	}
}

func (c *counts) merge(o counts) { c.final += o.final; c.retries += o.retries }
func (c counts) total() int64    { return c.final + c.retries }

// idStat aggregates one error id.
type idStat struct {
	counts
	first, last time.Time
	sessions    map[string]struct{}
	// maxAttempt is the highest retry attempt seen; delaySum and delayN
	// give the mean retry delay.
	maxAttempt int
	maxRetries int // the highest retry limit announced (maxRetries)
	delaySum   float64
	delayN     int64
}

// group aggregates one key of a breakdown (a day, a project, a session).
type group struct {
	counts
	project string // sessions only: the project the session belongs to
	ids     map[catalog.ID]*counts
}

// tally aggregates events. Each worker owns one; they are merged at the end,
// and merging is commutative, so the result does not depend on scheduling.
type tally struct {
	events   int64
	ids      map[catalog.ID]*idStat
	days     map[string]*group
	projects map[string]*group
	sessions map[string]*group
	steps    timeline // per step and id, when Options.Timeline asks (timeline.go)
}

func newTally() *tally {
	return &tally{
		ids:      map[catalog.ID]*idStat{},
		days:     map[string]*group{},
		projects: map[string]*group{},
		sessions: map[string]*group{},
	}
}

// dayKey is the UTC calendar day of t, or "" for no time.
func dayKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func (t *tally) add(e *event) {
	t.events++
	s := t.ids[e.id]
	if s == nil {
		s = &idStat{sessions: map[string]struct{}{}}
		t.ids[e.id] = s
	}
	s.add(e.kind)
	if !e.time.IsZero() {
		if s.first.IsZero() || e.time.Before(s.first) {
			s.first = e.time
		}
		if e.time.After(s.last) {
			s.last = e.time
		}
	}
	if e.session != "" {
		s.sessions[e.session] = struct{}{}
	}
	if e.kind == Retry {
		s.maxAttempt = max(s.maxAttempt, e.attempt)
		s.maxRetries = max(s.maxRetries, e.max)
		if e.delayMs > 0 {
			s.delaySum += e.delayMs
			s.delayN++
		}
	}
	addGroup(t.days, dayKey(e.time), "", e)
	addGroup(t.projects, e.project, "", e)
	addGroup(t.sessions, e.session, e.project, e)
	t.steps.add(e)
}

func addGroup(m map[string]*group, key, project string, e *event) {
	g := m[key]
	if g == nil {
		g = &group{project: project, ids: map[catalog.ID]*counts{}}
		m[key] = g
	}
	// The smallest non-empty project wins, whatever order lines come in.
	if project != "" && (g.project == "" || project < g.project) {
		g.project = project
	}
	g.add(e.kind)
	c := g.ids[e.id]
	if c == nil {
		c = &counts{}
		g.ids[e.id] = c
	}
	c.add(e.kind)
}

func (t *tally) merge(o *tally) {
	t.events += o.events
	for id, os := range o.ids {
		s := t.ids[id]
		if s == nil {
			t.ids[id] = os
			continue
		}
		s.merge(os.counts)
		if !os.first.IsZero() && (s.first.IsZero() || os.first.Before(s.first)) {
			s.first = os.first
		}
		if os.last.After(s.last) {
			s.last = os.last
		}
		for k := range os.sessions {
			s.sessions[k] = struct{}{}
		}
		s.maxAttempt = max(s.maxAttempt, os.maxAttempt)
		s.maxRetries = max(s.maxRetries, os.maxRetries)
		s.delaySum += os.delaySum
		s.delayN += os.delayN
	}
	mergeGroups(t.days, o.days)
	mergeGroups(t.projects, o.projects)
	mergeGroups(t.sessions, o.sessions)
	t.steps.merge(&o.steps)
}

func mergeGroups(dst, src map[string]*group) {
	for k, sg := range src {
		g := dst[k]
		if g == nil {
			dst[k] = sg
			continue
		}
		g.merge(sg.counts)
		// Keep the smallest non-empty project so the merge is order-independent.
		if sg.project != "" && (g.project == "" || sg.project < g.project) {
			g.project = sg.project
		}
		for id, c := range sg.ids {
			if d := g.ids[id]; d != nil {
				d.merge(*c)
			} else {
				g.ids[id] = c
			}
		}
	}
}
