package proxy

import (
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/redact"
)

// logRequest writes the one line logged per request: method, path (never
// the query, which could carry a secret), status, attempts, duration, the
// catalog id of each failure, and the upstream's request id. Header values
// are never logged, except at debug level with credentials redacted.
func (p *Proxy) logRequest(r *http.Request, st *state, status int, d time.Duration) {
	level := slog.LevelInfo
	if status >= 500 || st.abort {
		level = slog.LevelWarn
	}
	ctx := r.Context()
	if !p.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 12)
	attrs = append(attrs,
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", status),
		slog.Int("attempts", st.attempts),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
	)
	if len(st.failures) > 0 {
		attrs = append(attrs, slog.String("failures", strings.Join(st.failures, ",")))
	}
	if st.requestID != "" {
		attrs = append(attrs, slog.String("request_id", st.requestID))
	}
	if st.budgetDenied {
		attrs = append(attrs, slog.Bool("budget_exhausted", true))
	}
	if st.clientGone {
		attrs = append(attrs, slog.Bool("client_gone", true))
	}
	if st.abort {
		attrs = append(attrs, slog.Bool("stream_interrupted", true))
	}
	if st.err != nil {
		attrs = append(attrs, slog.String("error", redact.Text(st.err.Error())))
	}
	if p.log.Enabled(ctx, slog.LevelDebug) {
		attrs = append(attrs, slog.Any("headers", redactedHeaders(r.Header)))
	}
	p.log.LogAttrs(ctx, level, "request", attrs...)
}

// redactedHeaders renders h for a debug log, credentials masked by the one
// rule of [redact.Header] (by name and by the shape of the value).
func redactedHeaders(h http.Header) slog.Value {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	attrs := make([]slog.Attr, 0, len(keys))
	for _, k := range keys {
		attrs = append(attrs, slog.String(k, redact.Header(k, strings.Join(h[k], ", "))))
	}
	return slog.GroupValue(attrs...)
}
