package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/status"
)

// Chart geometry, shared with page.js through the page's data.
const (
	chartW, chartH                     = 960, 300
	marginL, marginR, marginT, marginB = 64, 44, 22, 46
	maxTicks                           = 8
	timeLayout                         = "2006-01-02 15:04"
)

// view is the page's content, computed once from a Data.
type view struct {
	d       *Data
	from    time.Time
	to      time.Time
	step    time.Duration
	n       int         // steps drawn
	entries []viewEntry // table order
	index   map[catalog.ID]int
	models  []string
	users   []string
	cells   map[cellKey]*cell // per step and entry
	bands   []band
	inside  []bool // per step: overlaps an incident
	them    int64
	total   int64
}

type cellKey struct{ i, e int }

type cell struct{ final, retried int64 }

type viewEntry struct {
	Entry
	colour string
	side   catalog.Side
	entry  *catalog.Entry // nil when the catalog does not know the id
}

// band is an incident drawn over the timeline, in steps from the start.
type band struct {
	inc    status.Incident
	i0, i1 float64
}

func newView(d *Data) *view {
	v := &view{d: d, step: d.step(), index: map[catalog.ID]int{}, cells: map[cellKey]*cell{}}
	v.from, v.to = d.span()
	v.n = int(v.to.Sub(v.from) / v.step)
	v.n = max(v.n, 1)
	entries := slices.Clone(d.Entries)
	slices.SortStableFunc(entries, func(a, b Entry) int { return cmp.Or(cmp.Compare(b.Count(), a.Count()), cmp.Compare(a.ID, b.ID)) })
	for _, e := range entries {
		v.addEntry(e)
	}
	for _, b := range d.Buckets {
		if _, ok := v.index[b.ID]; !ok { // a bucket whose entry the table lacks
			v.addEntry(Entry{ID: b.ID, Sessions: -1, Users: -1})
		}
	}
	v.models, v.users = d.Choices.Models, d.Choices.Users
	if v.models == nil {
		v.models = d.distinct(func(b *Bucket) string { return b.Model })
	}
	if v.users == nil {
		v.users = d.distinct(func(b *Bucket) string { return b.User })
	}

	now := d.Now
	for _, in := range status.Overlapping(d.Incidents, v.from, v.to, now) {
		i0 := float64(in.Start().Sub(v.from)) / float64(v.step)
		i1 := float64(in.End(now).Sub(v.from)) / float64(v.step)
		v.bands = append(v.bands, band{inc: in, i0: max(i0, 0), i1: min(i1, float64(v.n))})
	}
	v.inside = make([]bool, v.n)
	for i := range v.inside {
		s, e := v.from.Add(time.Duration(i)*v.step), v.from.Add(time.Duration(i+1)*v.step)
		for _, b := range v.bands {
			if b.inc.Start().Before(e) && b.inc.End(now).After(s) {
				v.inside[i] = true
			}
		}
	}

	for _, b := range d.Buckets {
		i := v.stepOf(b.Start)
		if i < 0 {
			continue
		}
		e := v.index[b.ID]
		c := v.cells[cellKey{i, e}]
		if c == nil {
			c = &cell{}
			v.cells[cellKey{i, e}] = c
		}
		c.final += b.Final
		c.retried += b.Retried
	}
	for k, c := range v.cells {
		n := c.final + c.retried
		v.total += n
		if v.entries[k.e].side == catalog.SideAnthropic || v.inside[k.i] {
			v.them += n
		}
	}
	return v
}

func (v *view) addEntry(e Entry) {
	ve := viewEntry{Entry: e, colour: seriesColour(len(v.entries))}
	if v.d.Catalog != nil {
		if ce, ok := v.d.Catalog.Lookup(e.ID); ok {
			ve.entry, ve.side = ce, ce.Side
		}
	}
	v.index[e.ID] = len(v.entries)
	v.entries = append(v.entries, ve)
}

// stepOf is the index of the step holding t, or -1 outside the span.
func (v *view) stepOf(t time.Time) int {
	if t.Before(v.from) || !t.Before(v.to) {
		return -1
	}
	return int(t.Sub(v.from) / v.step)
}
