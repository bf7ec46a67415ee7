package proxy

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/retry"
)

// Headers the proxy adds to say what it did.
const (
	headerAttempts    = "X-Ccerr-Attempts"
	headerError       = "X-Ccerr-Error"
	headerShouldRetry = "X-Should-Retry"
)

// maxRetryAfter is the longest wait the proxy passes on: Claude Code gives
// up at once on a retry-after over 60 s (FACTS §3).
const maxRetryAfter = 60 * time.Second

// maxErrorPeek bounds how much of an error response is read to classify it.
const maxErrorPeek = 64 << 10

// streamIdleTimeout cuts a response, streamed or not, whose client has read
// nothing for this long, so a stuck client does not hold an upstream
// answer forever.
const streamIdleTimeout = 5 * time.Minute

var attemptStrings = func() (s [32]string) {
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func attemptsValue(n int) []string {
	if n >= 0 && n < len(attemptStrings) {
		return []string{attemptStrings[n]}
	}
	return []string{strconv.Itoa(n)}
}

// writeResponse sends the upstream's final response to the client: status,
// headers (less hop-by-hop ones) and body unchanged, plus the proxy's own
// headers. An error status also gets, when the proxy gave up on it,
// x-should-retry: false and a retry-after of at most 60 s.
func (p *Proxy) writeResponse(w http.ResponseWriter, r *http.Request, st *state, resp *http.Response) int {
	defer resp.Body.Close()
	st.requestID = resp.Header.Get("Request-Id")
	removeHopHeaders(resp.Header)
	for _, name := range connNames(st.conn) {
		resp.Header.Del(name)
	}
	h := w.Header()
	copyHeader(h, resp.Header)
	if len(resp.Trailer) > 0 {
		names := make([]string, 0, len(resp.Trailer))
		for k := range resp.Trailer {
			names = append(names, k)
		}
		h["Trailer"] = []string{strings.Join(names, ", ")}
	}
	// The retry package's count, the one ping reports too; the proxy's own
	// count stands in for a response that did not come through it.
	if n := retry.Attempts(resp, nil); n > 0 {
		st.attempts = n
	}
	h[headerAttempts] = attemptsValue(st.attempts)

	var body io.Reader = resp.Body
	if resp.StatusCode >= 400 {
		peek, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorPeek))
		body = io.MultiReader(bytes.NewReader(peek), resp.Body)
		f := classify.Response(resp, peek)
		id := failureID(f)
		st.addFailure(id)
		p.m.failures.WithLabelValues(id).Inc()
		if isID(id) {
			h.Set(headerError, id)
		}
		if p.gaveUp(st, f) {
			h.Set(headerShouldRetry, "false")
			clampRetryAfter(h, time.Now())
			if f != nil && f.ID == catalog.Overloaded && resp.StatusCode == 529 && (st.attempts > 1 || st.budgetDenied || st.deadlineStop) {
				// A storm absorbed: say so in the words that make Claude
				// Code print its "Repeated 529" sentence, not the single
				// 529's "server-side issue".
				msg := "ccerr proxy: Repeated 529 Overloaded errors — the upstream answered 529 to " + plural(st.attempts, "attempt")
				if f.APIMessage != "" {
					msg += "; the last said: " + f.APIMessage
				}
				h.Del("Content-Encoding")
				h.Del("Content-Length")
				writeAPIError(w, resp.StatusCode, "overloaded_error", msg)
				return resp.StatusCode
			}
		}
	}

	w.WriteHeader(resp.StatusCode)
	stream := isEventStream(resp.Header)
	flush := stream || resp.ContentLength == -1
	if flush {
		// The client learns at once that its stream has begun, even if the
		// first event takes a while.
		_ = http.NewResponseController(w).Flush()
	}
	err := p.copyBody(w, body, flush, stream, st)
	if err != nil {
		if r.Context().Err() != nil {
			st.clientGone = true
			return resp.StatusCode
		}
		// The upstream failed after the status went out: nothing can be
		// retried now. Cut the client's connection too, so that it sees the
		// failure as it happened rather than a clean, truncated end.
		id := string(streamFailureID(err))
		st.addFailure(id)
		p.m.failures.WithLabelValues(id).Inc()
		st.abort = true
		st.err = err
		return resp.StatusCode
	}
	if len(resp.Trailer) > 0 {
		for k, vv := range resp.Trailer {
			h[k] = vv
		}
	}
	return resp.StatusCode
}

// copyBody copies the response body to the client with a pooled buffer. When
// flush is set every chunk is flushed as it arrives; for an event stream,
// each chunk is also checked for an SSE error event. For every answer,
// streamed or not, the client's write deadline is pushed forward at every
// chunk, so that a client that stops reading is cut after writeIdle.
//
// A flushed answer (a stream) spends most of its life waiting for the
// upstream's next event, so it waits without a buffer: it reads one byte
// (into the request's state), and only once that has come takes a pooled
// buffer for what is at hand with it, and gives the buffer back before it
// waits again. (The read after the one byte waits holding the buffer only
// when that byte was the last one at hand: an event one byte long, or one
// that ends one byte past a full buffer.)
func (p *Proxy) copyBody(w http.ResponseWriter, body io.Reader, flush, stream bool, st *state) error {
	rc := http.NewResponseController(w)
	// The connection may carry other requests after this one; the deadline
	// pushed forward for each chunk must not outlive the answer.
	defer func() { _ = rc.SetWriteDeadline(time.Time{}) }()
	if !flush {
		bufp := copyBufPool.Get().(*[]byte)
		defer copyBufPool.Put(bufp)
		buf := *bufp
		for {
			n, rerr := body.Read(buf)
			if n > 0 {
				_ = rc.SetWriteDeadline(time.Now().Add(p.writeIdle))
				if _, werr := w.Write(buf[:n]); werr != nil {
					return werr
				}
			}
			if rerr != nil {
				return p.endBody(rc, rerr)
			}
		}
	}
	for {
		n, rerr := body.Read(st.first[:])
		if n > 0 {
			if err := p.copyAtHand(w, rc, body, stream, st, &rerr); err != nil {
				return err
			}
		}
		if rerr != nil {
			return p.endBody(rc, rerr)
		}
	}
}

// copyAtHand sends st.first and the bytes at hand after it, read into a
// pooled buffer given back on return, and flushes them. A read error is
// left in *rerr.
func (p *Proxy) copyAtHand(w http.ResponseWriter, rc *http.ResponseController, body io.Reader, stream bool, st *state, rerr *error) error {
	bufp := streamBufPool.Get().(*[]byte)
	defer streamBufPool.Put(bufp)
	buf := *bufp
	buf[0] = st.first[0]
	n := 1
	if *rerr == nil {
		var m int
		m, *rerr = body.Read(buf[1:])
		n += m
	}
	chunk := buf[:n]
	_ = rc.SetWriteDeadline(time.Now().Add(p.writeIdle))
	if stream {
		p.noteStreamError(chunk, st)
	}
	if _, err := w.Write(chunk); err != nil {
		return err
	}
	return rc.Flush()
}

// endBody ends the copy of a body whose read returned rerr: io.EOF ends it
// well once what is still buffered has gone out (while the write deadline
// holds); any other error is returned.
func (p *Proxy) endBody(rc *http.ResponseController, rerr error) error {
	if rerr != io.EOF {
		return rerr
	}
	if ferr := rc.Flush(); ferr != nil && !errors.Is(ferr, http.ErrNotSupported) {
		return ferr
	}
	return nil
}

var sseError = []byte("event: error\n")

// noteStreamError records the catalog id of an SSE error event passing
// through (best effort: an event split across two reads is missed).
func (p *Proxy) noteStreamError(chunk []byte, st *state) {
	i := bytes.Index(chunk, sseError)
	if i < 0 {
		return
	}
	rest := chunk[i+len(sseError):]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	rest = bytes.TrimPrefix(rest, []byte("data:"))
	id := failureID(classify.Stream(bytes.TrimSpace(rest)))
	st.addFailure(id)
	p.m.failures.WithLabelValues(id).Inc()
}

// isEventStream reports whether the response is Server-Sent Events.
func isEventStream(h http.Header) bool {
	const sse = "text/event-stream"
	ct := h.Get("Content-Type")
	if len(ct) < len(sse) || !strings.EqualFold(ct[:len(sse)], sse) {
		return false // the common case, decided without parsing
	}
	mt, _, _ := mime.ParseMediaType(ct)
	return mt == sse
}

// gaveUp reports whether the final failure f is one the proxy's retries
// were meant to absorb, so that the client should not retry it again: the
// proxy retried, the budget stopped it, or the retry policy counts it as
// transient (then only its limits, such as a retry-after over 60 s, kept
// it from retrying).
func (p *Proxy) gaveUp(st *state, f *classify.Failure) bool {
	if st.attempts > 1 || st.budgetDenied || st.deadlineStop {
		return true
	}
	if f == nil {
		return false
	}
	if p.policy != nil && p.policy.Retryable != nil {
		return p.policy.Retryable(f)
	}
	return retry.DefaultRetryable(f)
}

// clampRetryAfter caps retry-after at 60 s and retry-after-ms at 60000.
func clampRetryAfter(h http.Header, now time.Time) {
	if v := h.Get("Retry-After"); v != "" {
		if classify.ParseRetryAfter(http.Header{"Retry-After": {v}}, now) > maxRetryAfter {
			h.Set("Retry-After", strconv.Itoa(int(maxRetryAfter/time.Second)))
		}
	}
	if v := h.Get("Retry-After-Ms"); v != "" {
		if classify.ParseRetryAfter(http.Header{"Retry-After-Ms": {v}}, now) > maxRetryAfter {
			h.Set("Retry-After-Ms", strconv.Itoa(int(maxRetryAfter/time.Millisecond)))
		}
	}
}

// Statuses of the proxy's own give-up answers. They are chosen for what
// Claude Code prints of them (docs/interop.md): after any 5xx it adds "This
// is a server-side issue", which would hide a connection failure or a
// timeout, so those get a 4xx, and Claude Code prints "API Error: <status>
// <message>" with the message naming the cause.
const (
	// statusUpstreamFailed: no connection to the upstream could be made or
	// kept (RFC 4918's 424 Failed Dependency: the request failed because
	// the one it depends on did).
	statusUpstreamFailed = http.StatusFailedDependency
	// statusUpstreamTimeout: the upstream sent no answer in time.
	statusUpstreamTimeout = http.StatusRequestTimeout
	// statusLocalOverload: the proxy itself is out of resources; the client
	// may try again.
	statusLocalOverload = http.StatusServiceUnavailable
)

// writeTransportError answers a request whose every attempt failed without
// a response, with x-should-retry: false since the proxy already retried
// (see giveUpAnswer), or 503 to be retried when the proxy itself ran out of
// file descriptors.
func (p *Proxy) writeTransportError(w http.ResponseWriter, r *http.Request, st *state, err error) int {
	if r.Context().Err() != nil {
		st.clientGone = true
		return statusClientGone
	}
	st.err = err
	h := w.Header()
	attempts := retry.Attempts(nil, err)
	if attempts == 0 {
		attempts = st.attempts
	}
	h[headerAttempts] = attemptsValue(attempts)
	if outOfFiles(err) {
		// Not the network, not the API: say so, and let the client retry.
		id := string(catalog.ServerError)
		st.addFailure(id)
		p.m.failures.WithLabelValues(id).Inc()
		h.Set(headerError, id)
		h.Set("Retry-After", "1")
		writeAPIError(w, statusLocalOverload, "api_error", "ccerr proxy: out of file descriptors ("+fdCode(err)+"): the proxy itself is overloaded, not the network or the API; try again in a moment, or raise its limit (ulimit -n)")
		return statusLocalOverload
	}
	var f *classify.Failure
	if re, ok := errors.AsType[*retry.Error](err); ok {
		f = re.Failure // the retry transport's verdict
	}
	if f == nil {
		f = classify.Err(err)
	}
	id := failureID(f)
	st.addFailure(id)
	p.m.failures.WithLabelValues(id).Inc()
	if isID(id) {
		h.Set(headerError, id)
	}
	h.Set(headerShouldRetry, "false")
	status, typ, msg := giveUpAnswer(f, attempts, st.budget)
	writeAPIError(w, status, typ, msg)
	return status
}

// giveUpAnswer is the status, error type and message of the proxy's answer
// when no attempt got a response. The message begins "ccerr proxy: " and
// then Claude Code's own words for the cause, so that what Claude Code
// prints names it: "Request timed out", "Unable to connect to API (CODE)",
// "Unable to connect to API: SSL certificate verification failed", or the
// host_not_allowed refusal.
func giveUpAnswer(f *classify.Failure, attempts int, budget time.Duration) (status int, typ, msg string) {
	n := plural(attempts, "attempt")
	var id catalog.ID
	code := ""
	if f != nil {
		id, code = f.ID, f.Code
	}
	switch id {
	case catalog.RequestTimeout:
		within := ""
		if budget > 0 {
			within = " within the client's " + budget.String() + " timeout"
		}
		return statusUpstreamTimeout, "timeout_error", "ccerr proxy: Request timed out — the upstream sent no answer in " + n + within + "."
	case catalog.TLSCertificate:
		return statusUpstreamFailed, "api_error", "ccerr proxy: Unable to connect to API: SSL certificate verification failed (" + orUnknown(code) + ") — the proxy does not trust the upstream's certificate; give it the CA with --ca-file."
	case catalog.HostNotAllowed:
		return statusUpstreamFailed, "permission_error", "ccerr proxy: 403 with x-deny-reason: host_not_allowed — the egress proxy between ccerr proxy and the upstream refused the upstream's host."
	}
	return statusUpstreamFailed, "api_error", "ccerr proxy: Unable to connect to API (" + orUnknown(code) + ") — no connection to the upstream held in " + n + "."
}

func orUnknown(code string) string {
	if code == "" {
		return "no error code"
	}
	return code
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// isID reports whether id, from failureID, is a catalog id: x-ccerr-error
// carries catalog ids only, so "unknown" (no entry fits) is not sent.
func isID(id string) bool { return id != noID }

// outOfFiles reports whether err is the process or the system running out
// of file descriptors.
func outOfFiles(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

func fdCode(err error) string {
	if errors.Is(err, syscall.ENFILE) {
		return "ENFILE"
	}
	return "EMFILE"
}

// streamFailureID names a failure after the answer began: by the error
// when it is one the catalog knows (a reset, a timeout), and otherwise
// connection-failed, the entry for a connection lost mid-response (Claude
// Code prints "Connection lost mid-response." for it; FACTS §1).
func streamFailureID(err error) catalog.ID {
	if f := classify.Err(err); f != nil && f.ID != "" {
		return f.ID
	}
	return catalog.ConnectionFailed
}
