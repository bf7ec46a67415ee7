package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// queries are the statements Apply and Query use, in the store's dialect.
type queries struct {
	markSeen, insertFailure               string
	findOpen, adoptTelemetry              string
	findForExhausted, enrichExhausted     string
	findForHook, enrichHook, markNotFinal string
	upsertSession, sessionsSince          string
}

func newQueries(d dialect) queries {
	r := func(q string) string { return rebind(d, q) }
	return queries{
		markSeen: r(`INSERT INTO seen (session, prompt, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
		insertFailure: r(`INSERT INTO failures (session, prompt, seq, xseq, entry, side, model, user_id, email, org,
			status, message, hook_error, attempts, retry_ms, duration_ms, request_id, version,
			final, retried, via_otel, via_hook, at_ms, recv_ms)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		// A failure known so far only from a hook record or an
		// api_retries_exhausted, waiting for its api_error.
		findOpen: r(`SELECT fid FROM failures WHERE session = ? AND prompt = ? AND seq IS NULL AND via_otel = 0 ORDER BY fid DESC LIMIT 1`),
		adoptTelemetry: r(`UPDATE failures SET seq = ?, via_otel = 1,
			entry = CASE WHEN entry = '' THEN ? ELSE entry END,
			side = CASE WHEN entry = '' THEN ? ELSE side END,
			model = CASE WHEN model = '' THEN ? ELSE model END,
			status = CASE WHEN status = 0 THEN ? ELSE status END,
			attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END,
			retried = CASE WHEN ? > 1 THEN 1 ELSE retried END,
			user_id = ?, email = ?, org = ?, request_id = ?, version = ?, duration_ms = ?
			WHERE fid = ?`),
		// The api_error an api_retries_exhausted follows: the latest one
		// before it in the same prompt that no exhausted event enriched yet.
		findForExhausted: r(`SELECT fid FROM failures WHERE session = ? AND prompt = ? AND xseq IS NULL
			AND (seq IS NULL OR seq < ?) ORDER BY seq DESC, fid DESC LIMIT 1`),
		enrichExhausted: r(`UPDATE failures SET xseq = ?, retried = CASE WHEN ? > 1 THEN 1 ELSE retried END,
			attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END, retry_ms = ?,
			status = CASE WHEN status = 0 THEN ? ELSE status END
			WHERE fid = ?`),
		// The telemetry failure a hook record is: the latest in the prompt
		// that no hook record claimed yet.
		findForHook: r(`SELECT fid FROM failures WHERE session = ? AND prompt = ? AND via_hook = 0 ORDER BY fid DESC LIMIT 1`),
		enrichHook: r(`UPDATE failures SET via_hook = 1, final = 1, hook_error = ?,
			entry = CASE WHEN entry = '' THEN ? ELSE entry END,
			side = CASE WHEN entry = '' THEN ? ELSE side END
			WHERE fid = ?`),
		markNotFinal: r(`UPDATE failures SET final = 0 WHERE session = ? AND prompt = ? AND final = 1 AND via_hook = 0
			AND seq IS NOT NULL AND seq < ?`),
		upsertSession: r(`INSERT INTO sessions (session, user_id, first_ms, last_ms) VALUES (?, ?, ?, ?)
			ON CONFLICT (session) DO UPDATE SET
			first_ms = CASE WHEN excluded.first_ms < sessions.first_ms THEN excluded.first_ms ELSE sessions.first_ms END,
			last_ms = CASE WHEN excluded.last_ms > sessions.last_ms THEN excluded.last_ms ELSE sessions.last_ms END,
			user_id = CASE WHEN sessions.user_id = '' THEN excluded.user_id ELSE sessions.user_id END`),
		sessionsSince: r(`SELECT COUNT(*) FROM sessions WHERE last_ms >= ? AND first_ms < ?`),
	}
}

// hookSeq is the seq under which a hook record is marked seen: one hook
// record per session and prompt.
const hookSeq = -1

// Apply applies a batch in one transaction and returns once it is committed.
// When it returns an error nothing of the batch was kept, and the sender
// should send it again.
func (s *Store) Apply(ctx context.Context, b Batch) (Result, error) {
	return s.ApplyAll(ctx, []Batch{b})
}

// ApplyAll applies several batches in one transaction (group commit): one
// commit for many senders. The result adds up all of them.
func (s *Store) ApplyAll(ctx context.Context, bs []Batch) (Result, error) {
	var res Result
	now := time.Now()
	var evs []Event
	var sessions []Session
	for _, b := range bs {
		evs = append(evs, b.Events...)
		sessions = append(sessions, b.Sessions...)
	}
	// Telemetry in order of session and sequence, hook records after the
	// telemetry of their session.
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if a.Session != b.Session {
			return a.Session < b.Session
		}
		if (a.Kind == KindHook) != (b.Kind == KindHook) {
			return b.Kind == KindHook
		}
		return a.Seq < b.Seq
	})

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Result{}, fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	a := &applier{ctx: ctx, tx: tx, q: &s.q, now: now, stmts: map[string]*sql.Stmt{}}
	defer a.close()

	seenSessions := map[string]Session{}
	addSession := func(ss Session) {
		if ss.ID == "" {
			return
		}
		if ss.At.IsZero() {
			ss.At = now
		}
		old, ok := seenSessions[ss.ID]
		if ok && old.User != "" {
			ss.User = old.User
		}
		seenSessions[ss.ID] = ss
	}
	for _, ss := range sessions {
		addSession(ss)
	}
	for i := range evs {
		e := &evs[i]
		if e.Session == "" {
			res.Dropped++
			continue
		}
		addSession(Session{ID: e.Session, User: e.User, At: e.At})
		if err := a.event(e, &res); err != nil {
			return Result{}, fmt.Errorf("store: %w", err)
		}
	}
	ids := make([]string, 0, len(seenSessions))
	for id := range seenSessions {
		ids = append(ids, id)
	}
	sort.Strings(ids) // one lock order for concurrent PostgreSQL writers
	for _, id := range ids {
		ss := seenSessions[id]
		ms := ss.At.UnixMilli()
		if err := a.exec(a.q.upsertSession, ss.ID, ss.User, ms, ms); err != nil {
			return Result{}, fmt.Errorf("store: session: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Result{}, fmt.Errorf("store: commit: %w", err)
	}
	return res, nil
}

// applier applies the events of one transaction.
type applier struct {
	ctx   context.Context
	tx    *sql.Tx
	q     *queries
	now   time.Time
	stmts map[string]*sql.Stmt
}

func (a *applier) stmt(q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[q]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(a.ctx, q)
	if err != nil {
		return nil, err
	}
	a.stmts[q] = st
	return st, nil
}

func (a *applier) close() {
	for _, st := range a.stmts {
		st.Close()
	}
}

func (a *applier) exec(q string, args ...any) error {
	_, err := a.execN(q, args...)
	return err
}

func (a *applier) execN(q string, args ...any) (int64, error) {
	st, err := a.stmt(q)
	if err != nil {
		return 0, err
	}
	r, err := st.ExecContext(a.ctx, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// find returns the fid the query selects, or 0 for none.
func (a *applier) find(q string, args ...any) (int64, error) {
	st, err := a.stmt(q)
	if err != nil {
		return 0, err
	}
	var fid int64
	err = st.QueryRowContext(a.ctx, args...).Scan(&fid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return fid, err
}

// seen marks the event applied and reports whether it had been before.
func (a *applier) seen(session, prompt string, seq int64) (bool, error) {
	n, err := a.execN(a.q.markSeen, session, prompt, seq)
	return n == 0, err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (a *applier) event(e *Event, res *Result) error {
	at := e.At
	if at.IsZero() {
		at = a.now
	}
	switch e.Kind {
	case KindSuccess:
		// Idempotent, so not marked seen: successes are many and need no key.
		return a.exec(a.q.markNotFinal, e.Session, e.Prompt, e.Seq)
	case KindError, KindExhausted, KindHook:
	default:
		return fmt.Errorf("event kind %d unknown", e.Kind)
	}
	seq := e.Seq
	if e.Kind == KindHook {
		seq = hookSeq
	}
	dup, err := a.seen(e.Session, e.Prompt, seq)
	if err != nil {
		return err
	}
	if dup {
		res.Duplicates++
		return nil
	}
	switch e.Kind {
	case KindError:
		fid, err := a.find(a.q.findOpen, e.Session, e.Prompt)
		if err != nil {
			return err
		}
		if fid != 0 {
			res.Merged++
			return a.exec(a.q.adoptTelemetry, e.Seq, string(e.ID), string(e.Side), e.Model, e.Status,
				e.Attempts, e.Attempts, e.Attempts, e.User, e.Email, e.Org, e.RequestID, e.Version, e.DurationMS, fid)
		}
		return a.insert(e, at, sql.NullInt64{Int64: e.Seq, Valid: true}, sql.NullInt64{}, true, false, res)
	case KindExhausted:
		fid, err := a.find(a.q.findForExhausted, e.Session, e.Prompt, e.Seq)
		if err != nil {
			return err
		}
		if fid != 0 {
			res.Merged++
			return a.exec(a.q.enrichExhausted, e.Seq, e.Attempts, e.Attempts, e.Attempts, e.RetryMS, e.Status, fid)
		}
		// Its api_error has not arrived: count the failure now; the
		// api_error, when it comes, adopts this row.
		return a.insert(e, at, sql.NullInt64{}, sql.NullInt64{Int64: e.Seq, Valid: true}, false, false, res)
	default: // KindHook
		fid, err := a.find(a.q.findForHook, e.Session, e.Prompt)
		if err != nil {
			return err
		}
		if fid != 0 {
			res.Merged++
			return a.exec(a.q.enrichHook, e.HookError, string(e.ID), string(e.Side), fid)
		}
		return a.insert(e, at, sql.NullInt64{}, sql.NullInt64{}, false, true, res)
	}
}

func (a *applier) insert(e *Event, at time.Time, seq, xseq sql.NullInt64, viaOtel, viaHook bool, res *Result) error {
	err := a.exec(a.q.insertFailure, e.Session, e.Prompt, seq, xseq, string(e.ID), string(e.Side), e.Model,
		e.User, e.Email, e.Org, e.Status, e.Message, e.HookError, e.Attempts, e.RetryMS, e.DurationMS,
		e.RequestID, e.Version, 1, b2i(e.Attempts > 1), b2i(viaOtel), b2i(viaHook), at.UnixMilli(), a.now.UnixMilli())
	if err != nil {
		return err
	}
	res.Counted = append(res.Counted, Counted{ID: e.ID, Side: e.Side, Model: e.Model})
	return nil
}
