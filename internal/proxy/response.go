package proxy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
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

// streamIdleTimeout cuts a streamed response whose client has read nothing
// for this long, so a stuck client does not hold an upstream stream forever.
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
	h[headerAttempts] = attemptsValue(st.attempts)

	var body io.Reader = resp.Body
	if resp.StatusCode >= 400 {
		peek, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorPeek))
		body = io.MultiReader(bytes.NewReader(peek), resp.Body)
		f := classify.Response(resp, peek)
		id := failureID(f)
		st.addFailure(id)
		p.m.failures.WithLabelValues(id).Inc()
		h.Set(headerError, id)
		if p.gaveUp(st, f) {
			h.Set(headerShouldRetry, "false")
			clampRetryAfter(h, time.Now())
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
		f := classify.Err(err)
		id := "stream-interrupted"
		if f != nil && f.ID != "" {
			id = string(f.ID)
		}
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
// each chunk is also checked for an SSE error event, and the client's write
// deadline is pushed forward at every chunk.
func (p *Proxy) copyBody(w http.ResponseWriter, body io.Reader, flush, stream bool, st *state) error {
	bufp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bufp)
	buf := *bufp
	var rc *http.ResponseController
	if flush {
		rc = http.NewResponseController(w)
	}
	if stream {
		// The connection may carry other requests after this one; the
		// deadline pushed forward for each event must not outlive the stream.
		defer func() { _ = rc.SetWriteDeadline(time.Time{}) }()
	}
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if stream {
				_ = rc.SetWriteDeadline(time.Now().Add(streamIdleTimeout))
				p.noteStreamError(chunk, st)
			}
			if _, werr := w.Write(chunk); werr != nil {
				return werr
			}
			if flush {
				if ferr := rc.Flush(); ferr != nil {
					return ferr
				}
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
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
	if st.attempts > 1 || st.budgetDenied {
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

// writeTransportError answers a request whose every attempt failed without
// a response: 504 timeout_error after timeouts, 502 api_error otherwise,
// with x-should-retry: false, since the proxy already retried.
func (p *Proxy) writeTransportError(w http.ResponseWriter, r *http.Request, st *state, err error) int {
	if r.Context().Err() != nil {
		st.clientGone = true
		return statusClientGone
	}
	var f *classify.Failure
	if re, ok := errors.AsType[*retry.Error](err); ok {
		f = re.Failure
	}
	if f == nil {
		f = classify.Err(err)
	}
	id := failureID(f)
	st.addFailure(id)
	p.m.failures.WithLabelValues(id).Inc()
	st.err = err

	status, typ := http.StatusBadGateway, "api_error"
	if id == string(catalog.RequestTimeout) {
		status, typ = http.StatusGatewayTimeout, "timeout_error"
	}
	h := w.Header()
	h[headerAttempts] = attemptsValue(st.attempts)
	h.Set(headerError, id)
	h.Set(headerShouldRetry, "false")
	reason := err.Error()
	if f != nil && f.Message != "" {
		reason = f.Message
	}
	writeAPIError(w, status, typ, fmt.Sprintf("ccerr proxy: no response from the upstream after %d attempt(s): %s", st.attempts, reason))
	return status
}
