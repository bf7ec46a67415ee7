package report

import (
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/status"
)

// Meta is what a page needs besides the counts.
type Meta struct {
	Lang    string
	Version string
	Now     time.Time
	Catalog *catalog.Catalog
	// Incidents and StatusErr come from the status page (see [Data]).
	Incidents []status.Incident
	StatusErr string
}

// ScanStep is the timeline step a scan is run with for the page
// ([scan.Options.Timeline]); the page regroups it by day for long periods.
const ScanStep = time.Hour

// FromScan builds the page's data from a scan run with a timeline. The
// table is the scan's errors table, so its numbers are `scan --json`'s.
func FromScan(r *scan.Report, m Meta) *Data {
	d := &Data{Lang: m.Lang, Source: FromScanSource, Version: m.Version, Now: m.Now.UTC(), Since: r.Since, Until: r.Until,
		Catalog: m.Catalog, Incidents: m.Incidents, StatusErr: m.StatusErr}
	var lo, hi time.Time
	for _, row := range r.Timeline {
		if lo.IsZero() || row.Start.Before(lo) {
			lo = row.Start
		}
		if row.Start.After(hi) {
			hi = row.Start
		}
	}
	if d.Since.IsZero() {
		d.Since = lo
	}
	if d.Until.IsZero() && !hi.IsZero() {
		d.Until = hi.Add(ScanStep)
	}
	d.Step = StepFor(d.Since, d.Until)
	// Regroup the hours into the page's step, one bucket per step and id.
	type key struct {
		start time.Time
		id    catalog.ID
	}
	at := map[key]int{}
	for _, row := range r.Timeline {
		k := key{row.Start.Truncate(d.Step), row.ID}
		i, ok := at[k]
		if !ok {
			i = len(d.Buckets)
			at[k] = i
			d.Buckets = append(d.Buckets, Bucket{Start: k.start, ID: row.ID})
		}
		d.Buckets[i].Final += row.Final
		d.Buckets[i].Retried += row.Retries
	}
	for _, e := range r.Errors {
		d.Entries = append(d.Entries, Entry{ID: e.ID, Final: e.Final, Retried: e.Retries,
			Sessions: int64(e.Sessions), Users: -1, First: e.First, Last: e.Last})
	}
	return d
}
