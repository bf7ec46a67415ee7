package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/status"
)

// Source says where the numbers come from.
type Source string

// The sources of a report.
const (
	FromScanSource    Source = "scan"    // transcripts and logs on this machine
	FromCollectSource Source = "collect" // telemetry sent to ccerr collect
)

// Data is everything the page shows.
type Data struct {
	// Lang is the page's language, "en" or "zh".
	Lang string
	// Source says where the numbers come from.
	Source Source
	// Version is ccerr's version, Now when the page was made; periods
	// ("last 24 hours") count back from Now.
	Version string
	Now     time.Time
	// Since and Until bound the period shown; zero values are taken from
	// the buckets.
	Since, Until time.Time
	// Step is the width of a bucket: an hour or a day.
	Step time.Duration
	// Buckets are the counts per step and entry (and model and user, when
	// known), in any order.
	Buckets []Bucket
	// Entries are the table's rows, for the whole period.
	Entries []Entry
	// Incidents are the status page's incidents; StatusErr, when not
	// empty, says why they could not be read.
	Incidents []status.Incident
	StatusErr string
	// Users is true when the data knows users (collect): the table shows
	// users beside sessions.
	Users bool
	// Choices are what the filters offer; a nil list is taken from the
	// buckets (models, users) or the table (entries).
	Choices Choices
	// Catalog explains the entries; nil shows ids only.
	Catalog *catalog.Catalog
	// Filter is the filter the data was cut with, echoed in the form. A
	// data func that cuts by the filter itself ([FromStore]) sets it, and
	// [Data.Apply] with the same filter then changes nothing.
	Filter Filter
	// Live is set by [Handler]: the page's form goes back to the server.
	Live bool
}

// Choices are the values a page's filters offer.
type Choices struct {
	IDs           []catalog.ID
	Models, Users []string
}

// Bucket counts one entry in one step.
type Bucket struct {
	Start   time.Time
	ID      catalog.ID
	Model   string // "" when not known
	User    string // "" when not known
	Final   int64
	Retried int64
}

// Entry is one row of the table.
type Entry struct {
	ID      catalog.ID
	Final   int64
	Retried int64
	// Sessions and Users are distinct counts; -1 when not known.
	Sessions, Users int64
	First, Last     time.Time
}

// Count is Final + Retried.
func (e Entry) Count() int64 { return e.Final + e.Retried }

// Filter narrows the data. The zero value keeps everything.
type Filter struct {
	// Period is "", "24h", "7d" or "30d", counted back from Data.Now.
	Period string
	// ID, Model and User keep one value each; empty keeps all.
	ID    catalog.ID
	Model string
	User  string
}

// Periods lists the values [Filter.Period] accepts, with their length.
var Periods = []struct {
	Name string
	Back time.Duration
}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}}

// Active reports whether the filter narrows anything.
func (f Filter) Active() bool { return f != Filter{} }

// periodStart is where f's period begins, or zero.
func (f Filter) periodStart(now time.Time) time.Time {
	for _, p := range Periods {
		if p.Name == f.Period {
			return now.Add(-p.Back)
		}
	}
	return time.Time{}
}

// keeps reports whether a bucket passes the filter. A bucket that does
// not know its model or user passes those filters: a data func that could
// cut by them already did.
func (f Filter) keeps(b *Bucket, from time.Time, step time.Duration) bool {
	return (f.ID == "" || b.ID == f.ID) && (f.Model == "" || b.Model == "" || b.Model == f.Model) &&
		(f.User == "" || b.User == "" || b.User == f.User) && (from.IsZero() || b.Start.Add(step).After(from))
}

// Steps are the bucket widths a page may use, finest first.
var Steps = []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 28 * 24 * time.Hour}

// maxSteps is the most steps a timeline draws with days or coarser: it
// keeps the page under 2 MB with every catalog entry present.
const maxSteps = 160

// StepFor picks the bucket width for a period: hours up to three days,
// then the finest of days, weeks or four weeks that draws at most 160
// steps.
func StepFor(since, until time.Time) time.Duration {
	if since.IsZero() || until.IsZero() {
		return 24 * time.Hour
	}
	span := until.Sub(since)
	if span <= 72*time.Hour {
		return time.Hour
	}
	for _, st := range Steps[1:] {
		if span/st <= maxSteps {
			return st
		}
	}
	return Steps[len(Steps)-1]
}

// Apply returns a copy of d cut by f: buckets outside it are dropped and
// the table is recounted from the buckets, with sessions and users
// unknown (-1) since buckets do not carry them. The zero filter, and the
// filter d was already cut with (d.Filter), return d as it is.
func (d *Data) Apply(f Filter) *Data {
	out := *d
	if !f.Active() || f == d.Filter {
		out.Filter = f
		return &out
	}
	out.Filter = f
	from := f.periodStart(d.Now)
	out.Buckets = nil
	rows := map[catalog.ID]*Entry{}
	for i := range d.Buckets {
		b := &d.Buckets[i]
		if !f.keeps(b, from, d.step()) {
			continue
		}
		out.Buckets = append(out.Buckets, *b)
		e := rows[b.ID]
		if e == nil {
			e = &Entry{ID: b.ID, Sessions: -1, Users: -1, First: b.Start, Last: b.Start}
			rows[b.ID] = e
		}
		e.Final += b.Final
		e.Retried += b.Retried
		if b.Start.Before(e.First) {
			e.First = b.Start
		}
		if b.Start.After(e.Last) {
			e.Last = b.Start
		}
	}
	// Keep the whole-period first and last when they fall inside the cut.
	for _, e0 := range d.Entries {
		if e := rows[e0.ID]; e != nil {
			if !e0.First.IsZero() && !e0.First.Before(e.First) {
				e.First = e0.First
			}
			if !e0.Last.IsZero() && e0.Last.Before(e.Last.Add(d.step())) {
				e.Last = e0.Last
			}
		}
	}
	out.Entries = sortedEntries(rows)
	if !from.IsZero() && from.After(out.Since) {
		out.Since = from
	}
	return &out
}

func sortedEntries(rows map[catalog.ID]*Entry) []Entry {
	out := make([]Entry, 0, len(rows))
	for _, e := range rows {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return cmp.Or(cmp.Compare(b.Count(), a.Count()), cmp.Compare(a.ID, b.ID)) })
	return out
}

func (d *Data) step() time.Duration {
	if d.Step > 0 {
		return d.Step
	}
	return time.Hour
}

// span returns the period drawn: Since and Until when set, else the
// buckets' extent, aligned to steps.
func (d *Data) span() (from, to time.Time) {
	from, to = d.Since, d.Until
	if from.IsZero() || to.IsZero() {
		var lo, hi time.Time
		for _, b := range d.Buckets {
			if lo.IsZero() || b.Start.Before(lo) {
				lo = b.Start
			}
			if b.Start.After(hi) {
				hi = b.Start
			}
		}
		if from.IsZero() {
			from = lo
		}
		if to.IsZero() && !hi.IsZero() {
			to = hi.Add(d.step())
		}
	}
	// Nothing to draw: the day before the page was made.
	if to.IsZero() {
		to = d.Now
	}
	if from.IsZero() {
		from = to.Add(-24 * time.Hour)
	}
	st := d.step()
	from = from.UTC().Truncate(st)
	if t := to.UTC().Truncate(st); t.Before(to) {
		to = t.Add(st)
	}
	if !to.After(from) {
		to = from.Add(st)
	}
	return from, to
}

// models and users list the distinct non-empty values in the buckets.
func (d *Data) distinct(get func(*Bucket) string) []string {
	seen := map[string]bool{}
	var out []string
	for i := range d.Buckets {
		if v := get(&d.Buckets[i]); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// clean removes control characters from text read from the network or a
// log before it is placed in the page (HTML escaping is the template's).
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return -1
		}
		return r
	}, s)
}
