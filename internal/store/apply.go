package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// queries are the statements Apply and Query use, in the store's dialect.
type queries struct {
	dialect                       dialect
	insertFailure, insertIfNoOpen string
	adoptTelemetry                string
	enrichExhausted, enrichHook   string
	markNotFinal                  string
	upsertSession, sessionsSince  string
	sessionsOfUser                string
}

func newQueries(d dialect) queries {
	r := func(q string) string { return rebind(d, q) }
	const cols = `session, prompt, seq, xseq, entry, side, model, user_id, email, org,
		status, message, hook_error, attempts, retry_ms, duration_ms, request_id, version,
		final, retried, via_otel, via_hook, at_ms, recv_ms`
	// The casts give PostgreSQL the parameters' types, which an INSERT …
	// SELECT does not; SQLite takes them as they are.
	const castValues = `CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT),
		CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),
		CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS BIGINT),
		CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS INTEGER),
		CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT)`
	// open is the failure known so far only from a hook record or an
	// api_retries_exhausted, waiting for its api_error.
	const open = `session = ? AND prompt = ? AND seq IS NULL AND via_otel = 0`
	return queries{
		dialect:       d,
		insertFailure: r(`INSERT INTO failures (` + cols + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		// The common case of an api_error in one statement: a new failure,
		// unless one is open for its prompt.
		insertIfNoOpen: r(`INSERT INTO failures (` + cols + `) SELECT ` + castValues + `
			WHERE NOT EXISTS (SELECT 1 FROM failures WHERE ` + open + `)`),
		adoptTelemetry: r(`UPDATE failures SET seq = ?, via_otel = 1,
			entry = CASE WHEN entry = '' THEN ? ELSE entry END,
			side = CASE WHEN entry = '' THEN ? ELSE side END,
			model = CASE WHEN model = '' THEN ? ELSE model END,
			status = CASE WHEN status = 0 THEN ? ELSE status END,
			attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END,
			retried = CASE WHEN ? > 1 THEN 1 ELSE retried END,
			user_id = ?, email = ?, org = ?, request_id = ?, version = ?, duration_ms = ?
			WHERE fid = (SELECT fid FROM failures WHERE ` + open + ` ORDER BY fid DESC LIMIT 1)`),
		// An api_retries_exhausted enriches the api_error it follows: the
		// latest one before it in the same prompt that no exhausted event
		// enriched yet, else a failure known only from its hook record.
		// (COALESCE: PostgreSQL sorts NULL first in DESC, SQLite last.)
		enrichExhausted: r(`UPDATE failures SET xseq = ?, retried = CASE WHEN ? > 1 THEN 1 ELSE retried END,
			attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END, retry_ms = ?,
			status = CASE WHEN status = 0 THEN ? ELSE status END
			WHERE fid = (SELECT fid FROM failures WHERE session = ? AND prompt = ? AND xseq IS NULL
			AND (seq IS NULL OR seq < ?) ORDER BY COALESCE(seq, -2) DESC, fid DESC LIMIT 1)`),
		// A hook record is the latest failure of its prompt that no hook
		// record claimed yet.
		enrichHook: r(`UPDATE failures SET via_hook = 1, final = 1, hook_error = ?,
			entry = CASE WHEN entry = '' THEN ? ELSE entry END,
			side = CASE WHEN entry = '' THEN ? ELSE side END
			WHERE fid = (SELECT fid FROM failures WHERE session = ? AND prompt = ? AND via_hook = 0 ORDER BY fid DESC LIMIT 1)`),
		markNotFinal: r(`UPDATE failures SET final = 0 WHERE session = ? AND prompt = ? AND final = 1 AND via_hook = 0
			AND seq IS NOT NULL AND seq < ?`),
		upsertSession: r(`INSERT INTO sessions (session, user_id, first_ms, last_ms) VALUES (?, ?, ?, ?)
			ON CONFLICT (session) DO UPDATE SET
			first_ms = CASE WHEN excluded.first_ms < sessions.first_ms THEN excluded.first_ms ELSE sessions.first_ms END,
			last_ms = CASE WHEN excluded.last_ms > sessions.last_ms THEN excluded.last_ms ELSE sessions.last_ms END,
			user_id = CASE WHEN sessions.user_id = '' THEN excluded.user_id ELSE sessions.user_id END`),
		sessionsSince:  r(`SELECT COUNT(*) FROM sessions WHERE last_ms >= ? AND first_ms < ?`),
		sessionsOfUser: r(`SELECT COUNT(*) FROM sessions WHERE last_ms >= ? AND first_ms < ? AND user_id = ?`),
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
	fresh, err := a.markSeen(evs)
	if err != nil {
		return Result{}, fmt.Errorf("store: %w", err)
	}
	for i := range evs {
		e := &evs[i]
		if e.Session == "" {
			res.Dropped++
			continue
		}
		addSession(Session{ID: e.Session, User: e.User, At: e.At})
		if e.Kind != KindSuccess && !fresh[i] {
			res.Duplicates++
			continue
		}
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

// seenKey identifies an event for deduplication.
type seenKey struct {
	session, prompt string
	seq             int64
}

func keyOf(e *Event) seenKey {
	if e.Kind == KindHook {
		return seenKey{e.Session, e.Prompt, hookSeq}
	}
	return seenKey{e.Session, e.Prompt, e.Seq}
}

// seenChunk is how many events one INSERT into seen carries.
const seenChunk = 100

// markSeen marks the events applied, a chunk per statement, and reports
// for each whether it is new: not applied before, and not an earlier event
// of the same batch.
func (a *applier) markSeen(evs []Event) ([]bool, error) {
	fresh := make([]bool, len(evs))
	first := map[seenKey]int{}
	var todo []seenKey
	for i := range evs {
		e := &evs[i]
		if e.Session == "" || e.Kind == KindSuccess {
			continue
		}
		k := keyOf(e)
		if _, ok := first[k]; ok {
			continue // a duplicate inside the batch
		}
		first[k] = i
		todo = append(todo, k)
	}
	for len(todo) > 0 {
		n := min(len(todo), seenChunk)
		chunk := todo[:n]
		todo = todo[n:]
		var q strings.Builder
		q.WriteString("INSERT INTO seen (session, prompt, seq) VALUES ")
		args := make([]any, 0, 3*n)
		for j, k := range chunk {
			if j > 0 {
				q.WriteByte(',')
			}
			q.WriteString("(?, ?, ?)")
			args = append(args, k.session, k.prompt, k.seq)
		}
		q.WriteString(" ON CONFLICT DO NOTHING RETURNING session, prompt, seq")
		rows, err := a.tx.QueryContext(a.ctx, rebind(a.q.dialect, q.String()), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k seenKey
			if err := rows.Scan(&k.session, &k.prompt, &k.seq); err != nil {
				rows.Close()
				return nil, err
			}
			if i, ok := first[k]; ok {
				fresh[i] = true
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return fresh, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// event applies one event not applied before.
func (a *applier) event(e *Event, res *Result) error {
	at := e.At
	if at.IsZero() {
		at = a.now
	}
	switch e.Kind {
	case KindSuccess:
		// Idempotent, so not marked seen: successes are many and need no key.
		return a.exec(a.q.markNotFinal, e.Session, e.Prompt, e.Seq)
	case KindError:
		n, err := a.execN(a.q.insertIfNoOpen, a.row(e, at, sql.NullInt64{Int64: e.Seq, Valid: true}, sql.NullInt64{}, true, false, e.Session, e.Prompt)...)
		if err != nil {
			return err
		}
		if n == 1 {
			res.Counted = append(res.Counted, Counted{ID: e.ID, Side: e.Side, Model: e.Model})
			return nil
		}
		// A failure of this prompt was open (from its hook record or its
		// exhausted event): this api_error is that failure.
		res.Merged++
		return a.exec(a.q.adoptTelemetry, e.Seq, string(e.ID), string(e.Side), e.Model, e.Status,
			e.Attempts, e.Attempts, e.Attempts, e.User, e.Email, e.Org, e.RequestID, e.Version, e.DurationMS,
			e.Session, e.Prompt)
	case KindExhausted:
		n, err := a.execN(a.q.enrichExhausted, e.Seq, e.Attempts, e.Attempts, e.Attempts, e.RetryMS, e.Status,
			e.Session, e.Prompt, e.Seq)
		if err != nil || n == 1 {
			if n == 1 {
				res.Merged++
			}
			return err
		}
		// Its api_error has not arrived: count the failure now; the
		// api_error, when it comes, adopts this row.
		return a.insert(e, at, sql.NullInt64{}, sql.NullInt64{Int64: e.Seq, Valid: true}, false, false, res)
	case KindHook:
		n, err := a.execN(a.q.enrichHook, e.HookError, string(e.ID), string(e.Side), e.Session, e.Prompt)
		if err != nil || n == 1 {
			if n == 1 {
				res.Merged++
			}
			return err
		}
		return a.insert(e, at, sql.NullInt64{}, sql.NullInt64{}, false, true, res)
	}
	return fmt.Errorf("event kind %d unknown", e.Kind)
}

// row is the values of a new failure, in the order of the failures columns,
// followed by extra.
func (a *applier) row(e *Event, at time.Time, seq, xseq sql.NullInt64, viaOtel, viaHook bool, extra ...any) []any {
	return append([]any{e.Session, e.Prompt, seq, xseq, string(e.ID), string(e.Side), e.Model,
		e.User, e.Email, e.Org, e.Status, e.Message, e.HookError, e.Attempts, e.RetryMS, e.DurationMS,
		e.RequestID, e.Version, 1, b2i(e.Attempts > 1), b2i(viaOtel), b2i(viaHook), at.UnixMilli(), a.now.UnixMilli()}, extra...)
}

func (a *applier) insert(e *Event, at time.Time, seq, xseq sql.NullInt64, viaOtel, viaHook bool, res *Result) error {
	err := a.exec(a.q.insertFailure, a.row(e, at, seq, xseq, viaOtel, viaHook)...)
	if err != nil {
		return err
	}
	res.Counted = append(res.Counted, Counted{ID: e.ID, Side: e.Side, Model: e.Model})
	return nil
}
