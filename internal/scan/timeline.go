package scan

import (
	"cmp"
	"slices"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// TimelineRow counts one error id in one step of the timeline (an hour, a
// minute: [Options.Timeline]). Count is Final + Retries.
type TimelineRow struct {
	// Start is the beginning of the step, in UTC.
	Start   time.Time  `json:"start"`
	ID      catalog.ID `json:"id"`
	Final   int64      `json:"final"`
	Retries int64      `json:"retries"`
	Count   int64      `json:"count"`
}

// stepKey is one cell of the timeline: a step (as Unix seconds of its
// start) and an id.
type stepKey struct {
	start int64
	id    catalog.ID
}

// timeline counts events per step and id. A nil map (the step is zero)
// counts nothing, so a scan that asks for no timeline pays one branch per
// event.
type timeline struct {
	step  time.Duration
	cells map[stepKey]*counts
}

func newTimeline(step time.Duration) timeline {
	if step <= 0 {
		return timeline{}
	}
	return timeline{step: step, cells: map[stepKey]*counts{}}
}

// add counts an event that carries a time; events without one have no
// place on a timeline.
func (tl *timeline) add(e *event) {
	if tl.cells == nil || e.time.IsZero() {
		return
	}
	k := stepKey{e.time.UTC().Truncate(tl.step).Unix(), e.id}
	c := tl.cells[k]
	if c == nil {
		c = &counts{}
		tl.cells[k] = c
	}
	c.add(e.kind)
}

func (tl *timeline) merge(o *timeline) {
	if tl.cells == nil {
		return
	}
	for k, oc := range o.cells {
		if c := tl.cells[k]; c != nil {
			c.merge(*oc)
		} else {
			tl.cells[k] = oc
		}
	}
}

// rows returns the cells oldest first, then by id; nil when no timeline
// was asked for.
func (tl *timeline) rows() []TimelineRow {
	if tl.cells == nil {
		return nil
	}
	out := make([]TimelineRow, 0, len(tl.cells))
	for k, c := range tl.cells {
		out = append(out, TimelineRow{Start: time.Unix(k.start, 0).UTC(), ID: k.id,
			Final: c.final, Retries: c.retries, Count: c.total()})
	}
	slices.SortFunc(out, func(a, b TimelineRow) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return out
}
