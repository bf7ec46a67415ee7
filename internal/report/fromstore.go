package report

import (
	"context"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
)

// FromStore builds the page's data from the collect store for
// [since, until). The store groups by hour, by user or by model, each with
// the entry, but not by hour and user together: the buckets carry no model
// or user, so the page offers no model or user filter yet. The table
// counts users per entry; sessions are not known per entry.
func FromStore(ctx context.Context, st *store.Store, since, until time.Time, m Meta) (*Data, error) {
	d := &Data{Lang: m.Lang, Source: FromCollectSource, Version: m.Version, Now: m.Now.UTC(), Since: since.UTC(), Until: until.UTC(),
		Catalog: m.Catalog, Incidents: m.Incidents, StatusErr: m.StatusErr, Users: true}
	if d.Until.IsZero() {
		d.Until = d.Now
	}
	f := store.Filter{Since: since, Until: until}
	f.By = store.ByID
	rows, err := st.Query(ctx, f)
	if err != nil {
		return nil, err
	}
	users := map[catalog.ID]int64{}
	f.By = store.ByUser
	byUser, err := st.Query(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, r := range byUser {
		if r.User != "" {
			users[r.ID]++
		}
	}
	for _, r := range rows {
		d.Entries = append(d.Entries, Entry{ID: r.ID, Final: r.Final, Retried: r.Count - r.Final, Sessions: -1, Users: users[r.ID],
			First: r.FirstSeen, Last: r.LastSeen})
	}
	if d.Since.IsZero() {
		for _, e := range d.Entries {
			if d.Since.IsZero() || e.First.Before(d.Since) {
				d.Since = e.First
			}
		}
	}
	d.Step = StepFor(d.Since, d.Until)
	f.By = store.ByHour
	hours, err := st.Query(ctx, f)
	if err != nil {
		return nil, err
	}
	type key struct {
		start time.Time
		id    catalog.ID
	}
	at := map[key]int{}
	for _, r := range hours {
		k := key{r.Hour.Truncate(d.Step), r.ID}
		i, ok := at[k]
		if !ok {
			i = len(d.Buckets)
			at[k] = i
			d.Buckets = append(d.Buckets, Bucket{Start: k.start, ID: r.ID})
		}
		// Final counts failures that ended the turn; the rest were retried.
		d.Buckets[i].Final += r.Final
		d.Buckets[i].Retried += r.Count - r.Final
	}
	return d, nil
}
