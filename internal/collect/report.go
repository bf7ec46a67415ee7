package collect

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/store"
	"github.com/ccerr/ccerr/internal/ui"
)

// DefaultSince is the time range /api/errors reads when no since is given.
const DefaultSince = 24 * time.Hour

// Report is what /api/errors answers: the failures of a time range, grouped.
type Report struct {
	// Since and Until are the range read (Until exclusive); a zero Until
	// (left out of the JSON) is no upper bound.
	Since time.Time `json:"since"`
	Until time.Time `json:"until,omitzero"`
	// By is the grouping.
	By store.By `json:"by"`
	// Sessions is how many Claude Code sessions were seen in the range
	// (from logs and metrics): the denominator of a rate.
	Sessions int64 `json:"sessions"`
	// Failures is the total count over Rows.
	Failures int64 `json:"failures"`
	// Rows are the groups, each with its catalog id.
	Rows []store.Row `json:"rows"`
}

// Read builds a report from a store. It is the function behind
// /api/errors, for callers that render the same data another way.
func Read(ctx context.Context, st *store.Store, f store.Filter) (Report, error) {
	if f.By == "" {
		f.By = store.ByID
	}
	rows, err := st.Query(ctx, f)
	if err != nil {
		return Report{}, err
	}
	n, err := st.Sessions(ctx, f)
	if err != nil {
		return Report{}, err
	}
	r := Report{Since: f.Since.UTC(), Until: f.Until.UTC(), By: f.By, Sessions: n, Rows: rows}
	for _, row := range rows {
		r.Failures += row.Count
	}
	return r, nil
}

// Report reads the server's store; see [Read].
func (s *Server) Report(ctx context.Context, f store.Filter) (Report, error) {
	return Read(ctx, s.cfg.Store, f)
}

// ParseTime reads a time bound: RFC 3339 ("2026-12-05T11:00:00Z"), a date
// ("2026-12-05", midnight UTC), or a duration before now ("90m", "24h",
// "7d").
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 && n <= 36500 {
			return now.Add(-time.Duration(n) * 24 * time.Hour), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2026-12-05T11:00:00Z), a date (2026-12-05) or a duration before now (24h, 7d)", s)
}

// FilterFromQuery reads since, until and by from URL query values.
func FilterFromQuery(get func(string) string, now time.Time) (store.Filter, error) {
	f := store.Filter{Since: now.Add(-DefaultSince)}
	if v := get("since"); v != "" {
		t, err := ParseTime(v, now)
		if err != nil {
			return f, fmt.Errorf("since: %w", err)
		}
		f.Since = t
	}
	if v := get("until"); v != "" {
		t, err := ParseTime(v, now)
		if err != nil {
			return f, fmt.Errorf("until: %w", err)
		}
		f.Until = t
	}
	switch by := store.By(get("by")); by {
	case "", store.ByID, store.ByUser, store.ByModel, store.ByHour:
		f.By = by
	default:
		return f, fmt.Errorf("by=%q: want id, user, model or hour", by)
	}
	if f.By == "" {
		f.By = store.ByID
	}
	return f, nil
}

func (s *Server) handleErrors(w http.ResponseWriter, r *http.Request) {
	f, err := FilterFromQuery(r.URL.Query().Get, s.cfg.Now())
	if err != nil {
		http.Error(w, "collect: "+err.Error(), http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.CommitWait)
	defer cancel()
	rep, err := s.Report(ctx, f)
	if err != nil {
		s.cfg.Logger.Error("store", "err", err.Error())
		http.Error(w, "collect: reading the store failed", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", typeJSON)
	_ = ui.WriteJSON(w, rep) // the client hung up: nothing more to tell it
}
