package status

import (
	"cmp"
	"slices"
	"time"
)

// Point is a number of local failures at a time (a step of a timeline).
type Point struct {
	At time.Time
	N  int64
}

// Attribution says how many local failures fall inside incident windows.
type Attribution struct {
	// Total is the number of failures considered, Inside those in at least
	// one incident's window.
	Total, Inside int64
	// Since is the time of the first failure considered; zero when none.
	Since time.Time
	// Incident is the incident holding the most failures; nil when none
	// holds any. Count is how many it holds.
	Incident *Incident
	Count    int64
}

// Attribute counts the points that fall in the windows of incidents (open
// ones last until now).
func Attribute(points []Point, incidents []Incident, now time.Time) Attribution {
	var a Attribution
	per := make([]int64, len(incidents))
	for _, p := range points {
		if p.N <= 0 {
			continue
		}
		a.Total += p.N
		if a.Since.IsZero() || p.At.Before(a.Since) {
			a.Since = p.At.UTC()
		}
		inside := false
		for i := range incidents {
			if incidents[i].Contains(p.At, now) {
				per[i] += p.N
				inside = true
			}
		}
		if inside {
			a.Inside += p.N
		}
	}
	best := -1
	for i, n := range per {
		if n > 0 && (best < 0 || n > per[best]) {
			best = i
		}
	}
	if best >= 0 {
		a.Incident, a.Count = &incidents[best], per[best]
	}
	return a
}

// Overlapping returns the incidents whose window meets [from, to), oldest
// first, each once (an incident listed both as open and in the history
// counts once).
func Overlapping(incidents []Incident, from, to, now time.Time) []Incident {
	seen := map[string]bool{}
	out := []Incident{}
	for _, in := range incidents {
		if seen[in.ID] {
			continue
		}
		if in.End(now).After(from) && (to.IsZero() || in.Start().Before(to)) {
			seen[in.ID] = true
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b Incident) int { return cmp.Or(a.Start().Compare(b.Start()), cmp.Compare(a.ID, b.ID)) })
	return out
}
