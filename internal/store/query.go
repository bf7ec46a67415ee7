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

// where is the WHERE clause of a filter, with ? placeholders, and its
// arguments: values only ever travel as arguments, never in the SQL text.
func (f Filter) where() (string, []any) {
	since, until := f.bounds()
	w, args := "at_ms >= ? AND at_ms < ?", []any{since, until}
	for _, c := range []struct{ col, val string }{{"entry", string(f.ID)}, {"user_id", f.User}, {"model", f.Model}} {
		if c.val != "" {
			w += " AND " + c.col + " = ?"
			args = append(args, c.val)
		}
	}
	return w, args
}

// Query returns the failures of the filter's time range, narrowed by its
// entry, user and model, grouped by catalog id and by f.By, most frequent
// first (for [ByHour], oldest hour first).
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
	// Distinct counts cost a third more; the hours of a timeline do not
	// show them.
	distinct := `COUNT(DISTINCT session), COUNT(DISTINCT CASE WHEN user_id <> '' THEN user_id END)`
	if f.By == ByHour {
		distinct = `0, 0`
	}
	where, args := f.where()
	q := rebind(s.dialect, fmt.Sprintf(`SELECT %s AS k, entry, side, COUNT(*), SUM(final), SUM(retried), MIN(at_ms), MAX(at_ms), %s
		FROM failures WHERE %s
		GROUP BY k, entry, side ORDER BY %s`, key, distinct, where, order))
	rows, err := s.db.QueryContext(ctx, q, args...)
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
		if err := rows.Scan(&k, &entry, &side, &r.Count, &r.Final, &r.Retried, &first, &last, &r.Sessions, &r.Users); err != nil {
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

// Values returns the distinct user ids ([ByUser]) or models ([ByModel])
// of the filter's failures, most failures first, at most limit of them
// (limit <= 0: all). Empty values are left out. A page lists them as the
// choices of its filters.
func (s *Store) Values(ctx context.Context, f Filter, by By, limit int) ([]string, error) {
	var col string
	switch by {
	case ByUser:
		col = "user_id"
	case ByModel:
		col = "model"
	default:
		return nil, fmt.Errorf("store: values of %q: want user or model", by)
	}
	where, args := f.where()
	q := fmt.Sprintf(`SELECT %s FROM failures WHERE %s AND %s <> '' GROUP BY %s ORDER BY COUNT(*) DESC, %s`, col, where, col, col, col)
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, rebind(s.dialect, q), args...)
	if err != nil {
		return nil, fmt.Errorf("store: values: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: values: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Sessions returns how many sessions were active in the filter's range (seen
// at least once in it, as far as first and last sightings tell), of the
// filter's user when it names one. ID and Model do not narrow it: a
// session is counted whatever failed in it.
func (s *Store) Sessions(ctx context.Context, f Filter) (int64, error) {
	since, until := f.bounds()
	q, args := s.q.sessionsSince, []any{since, until}
	if f.User != "" {
		q, args = s.q.sessionsOfUser, append(args, f.User)
	}
	var n int64
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
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
