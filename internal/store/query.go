package store

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// hourMS is an hour in milliseconds, the width of a [ByHour] group.
const hourMS = int64(time.Hour / time.Millisecond)

// bounds turns a filter's times into milliseconds, unbounded ends as the
// extremes.
func (f Filter) bounds() (since, until int64) {
	since, until = math.MinInt64, math.MaxInt64
	if !f.Since.IsZero() {
		since = f.Since.UnixMilli()
	}
	if !f.Until.IsZero() {
		until = f.Until.UnixMilli()
	}
	return since, until
}

// Query returns the failures of the filter's time range grouped by catalog
// id and by f.By, most frequent first (for [ByHour], oldest hour first).
func (s *Store) Query(ctx context.Context, f Filter) ([]Row, error) {
	var key, order string
	switch f.By {
	case "", ByID:
		key, order = "''", "COUNT(*) DESC, entry"
	case ByUser:
		key, order = "user_id", "COUNT(*) DESC, k, entry"
	case ByModel:
		key, order = "model", "COUNT(*) DESC, k, entry"
	case ByHour:
		// Integer division on a non-negative BIGINT in both dialects.
		key, order = fmt.Sprintf("(at_ms / %d)", hourMS), "k, COUNT(*) DESC, entry"
	default:
		return nil, fmt.Errorf("store: group by %q: want id, user, model or hour", f.By)
	}
	q := rebind(s.dialect, fmt.Sprintf(`SELECT %s AS k, entry, side, COUNT(*), SUM(final), SUM(retried), MIN(at_ms), MAX(at_ms)
		FROM failures WHERE at_ms >= ? AND at_ms < ?
		GROUP BY k, entry, side ORDER BY %s`, key, order))
	since, until := f.bounds()
	rows, err := s.db.QueryContext(ctx, q, since, until)
	if err != nil {
		return nil, fmt.Errorf("store: query: %w", err)
	}
	defer rows.Close()
	out := []Row{}
	for rows.Next() {
		var (
			k           any
			entry, side string
			r           Row
			first, last int64
		)
		if err := rows.Scan(&k, &entry, &side, &r.Count, &r.Final, &r.Retried, &first, &last); err != nil {
			return nil, fmt.Errorf("store: query: %w", err)
		}
		r.ID, r.Side = catalog.ID(entry), catalog.Side(side)
		r.FirstSeen, r.LastSeen = time.UnixMilli(first).UTC(), time.UnixMilli(last).UTC()
		switch f.By {
		case ByUser:
			r.User = asString(k)
		case ByModel:
			r.Model = asString(k)
		case ByHour:
			r.Hour = time.UnixMilli(asInt(k) * hourMS).UTC()
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Sessions returns how many sessions were active in the filter's range (seen
// at least once in it, as far as first and last sightings tell).
func (s *Store) Sessions(ctx context.Context, f Filter) (int64, error) {
	since, until := f.bounds()
	var n int64
	if err := s.db.QueryRowContext(ctx, s.q.sessionsSince, since, until).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: sessions: %w", err)
	}
	return n, nil
}

func asString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

func asInt(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case int:
		return int64(v)
	case float64:
		return int64(v)
	}
	return 0
}
