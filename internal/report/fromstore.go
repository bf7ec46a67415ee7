package report

import (
	"context"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/store"
)

// MaxChoices is the most users or models a filter from the store lists:
// the ones with most failures in the period (and the one chosen).
const MaxChoices = 200

// FromStore builds the page's data from the collect store for
// [since, until), cut in the store by f's entry, model and user; f's
// period is the caller's to turn into since. The table counts sessions and
// users per entry exactly, whatever the filter, and the filters offer the
// entries, models and users of the whole period. The data's Filter is f,
// so [Data.Apply] with f leaves it as it is.
func FromStore(ctx context.Context, st *store.Store, since, until time.Time, f Filter, m Meta) (*Data, error) {
	d := &Data{Lang: m.Lang, Source: FromCollectSource, Version: m.Version, Now: m.Now.UTC(), Since: since.UTC(), Until: until.UTC(),
		Catalog: m.Catalog, Incidents: m.Incidents, StatusErr: m.StatusErr, Users: true, Filter: f}
	if d.Until.IsZero() {
		d.Until = d.Now
	}
	period := store.Filter{Since: since, Until: until}
	cut := period
	cut.ID, cut.Model, cut.User = f.ID, f.Model, f.User
	cut.By = store.ByID
	rows, err := st.Query(ctx, cut)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		d.Entries = append(d.Entries, Entry{ID: r.ID, Final: r.Final, Retried: r.Count - r.Final, Sessions: r.Sessions, Users: r.Users,
			First: r.FirstSeen, Last: r.LastSeen})
	}
	if err := d.choices(ctx, st, period, rows, cut != period); err != nil {
		return nil, err
	}
	if d.Since.IsZero() {
		for _, e := range d.Entries {
			if d.Since.IsZero() || e.First.Before(d.Since) {
				d.Since = e.First
			}
		}
	}
	d.Step = StepFor(d.Since, d.Until)
	cut.By = store.ByHour
	hours, err := st.Query(ctx, cut)
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

// choices fills d.Choices from the whole period: its entries (rows when
// nothing was cut), and its models and users with most failures, keeping
// the chosen ones listed.
func (d *Data) choices(ctx context.Context, st *store.Store, period store.Filter, rows []store.Row, cut bool) error {
	if cut {
		period.By = store.ByID
		var err error
		if rows, err = st.Query(ctx, period); err != nil {
			return err
		}
	}
	d.Choices.IDs = []catalog.ID{}
	for _, r := range rows {
		if r.ID != "" { // "" is no filter; unmatched failures cannot be chosen
			d.Choices.IDs = append(d.Choices.IDs, r.ID)
		}
	}
	var err error
	if d.Choices.Models, err = st.Values(ctx, period, store.ByModel, MaxChoices); err != nil {
		return err
	}
	if d.Choices.Users, err = st.Values(ctx, period, store.ByUser, MaxChoices); err != nil {
		return err
	}
	d.Choices.IDs = keep(d.Choices.IDs, d.Filter.ID)
	d.Choices.Models = keep(d.Choices.Models, d.Filter.Model)
	d.Choices.Users = keep(d.Choices.Users, d.Filter.User)
	return nil
}

// keep returns vals with v added at the end when it is not empty and not
// already there: a chosen value stays in its list.
func keep[T comparable](vals []T, v T) []T {
	var zero T
	if v == zero {
		return vals
	}
	for _, x := range vals {
		if x == v {
			return vals
		}
	}
	return append(vals, v)
}
