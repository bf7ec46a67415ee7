package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// defaultModel answers requests that name no model.
const defaultModel = "claude-sonnet-5-5"

// The API's answer to a body over its limit (FACTS §1, request-too-large).
const (
	tooLargeType    = "request_too_large"
	tooLargeMessage = "Request exceeds the maximum allowed number of bytes."
)

// exchange is one request being answered.
type exchange struct {
	w      http.ResponseWriter
	r      *http.Request
	id     string // request id
	model  string
	stream bool
	answer *answer // a strict server's reply to a valid request
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.enter()
	defer s.handlers.leave()

	rec := Request{
		Time:   time.Now(),
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		Header: r.Header.Clone(),
	}
	if rc, ok := r.Context().Value(connKey{}).(*rawConn); ok {
		rec.RawHeader = rc.takeHeader(r.Method + " " + r.RequestURI + " " + r.Proto + "\r\n")
		defer rc.resume()
	}
	x := &exchange{w: w, r: r, id: fmt.Sprintf("req_mock%06d", s.ids.Add(1))}
	rec.RequestID = x.id

	rt := s.route(r.URL.Path)
	if !rt.known {
		rec.Status = http.StatusNotFound
		s.finish(rec)
		x.writeError(http.StatusNotFound, "not_found_error", "mock: no such endpoint; the mock serves POST /v1/messages and POST /scenario/<name>/v1/messages", nil)
		return
	}
	if r.Method != http.MethodPost {
		rec.Status = http.StatusMethodNotAllowed
		s.finish(rec)
		w.Header().Set("Allow", http.MethodPost)
		x.writeError(http.StatusMethodNotAllowed, "invalid_request_error", "mock: /v1/messages takes POST", nil)
		return
	}

	limit := s.cfg.BodyLimit
	if s.strict != nil {
		limit = maxBody // strict validation reads the whole body
	}
	body, size, err := readBody(w, r, limit)
	rec.Body, rec.BodySize = keep(body, s.cfg.BodyLimit), size
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			rec.Status = http.StatusRequestEntityTooLarge
			s.finish(rec)
			x.writeError(http.StatusRequestEntityTooLarge, tooLargeType, tooLargeMessage, nil)
			return
		}
		// The body ended early, did not parse, or stopped arriving. Never
		// return without an answer: net/http would send an empty 200. A
		// client that went away does not read this; one that half-closed
		// does.
		status, msg := http.StatusBadRequest, "mock: the request body ended early or is malformed: "
		if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
			status, msg = http.StatusRequestTimeout, "mock: the request body did not arrive in time: "
		}
		rec.Status = status
		s.finish(rec)
		w.Header().Set("Connection", "close")
		x.writeError(status, "invalid_request_error", msg+err.Error(), nil)
		return
	}
	if rt.err != nil {
		rec.Status = http.StatusBadRequest
		s.finish(rec)
		x.writeError(http.StatusBadRequest, "invalid_request_error", rt.err.Error(), nil)
		return
	}
	x.model, x.stream = parseBody(body, size)
	if s.strict != nil && s.strictCheck(x, &rec, body) {
		return
	}

	sc := s.next(rt.spec, rt.seq)
	rec.Scenario, rec.Status = sc.Name, sc.Status
	s.finish(rec)
	s.play(x, sc)
}

// play answers one request as the scenario says.
func (s *Server) play(x *exchange, sc *scenario) {
	switch sc.do {
	case doOK:
		x.writeOK()
	case doSlow:
		t := time.NewTimer(s.cfg.SlowDelay)
		defer t.Stop()
		select {
		case <-t.C:
			x.writeOK()
		case <-x.r.Context().Done():
		case <-s.done:
			x.abandon()
		}
	case doReset:
		x.reset()
	case doHang:
		s.hold(x)
	case doStall:
		_ = x.startSSE().rc.Flush()
		s.hold(x)
	case doStreamError:
		if !x.stream {
			// There is no stream to break: a non-streaming request fails
			// the way an overloaded API fails it. Claude Code re-sends a
			// broken stream this way and must meet the same overload.
			x.writeError(529, "overloaded_error", "Overloaded", nil)
			return
		}
		sse := x.startSSE()
		x.streamHead(sse)
		sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": 0,
			"delta": map[string]any{"type": "text_delta", "text": "Partial answer"}})
		sse.event("error", errorEvent("overloaded_error", "Overloaded"))
	case doHTTPError:
		x.writeTrigger(sc.trigger)
	case doStreamTrig:
		if !x.stream {
			x.writeError(sc.trigger.Status, sc.trigger.ErrorType, sc.trigger.APIMessage, sc.trigger.Headers)
			return
		}
		sse := x.startSSE()
		sse.event("message_start", x.messageStart())
		sse.event("error", errorEvent(sc.trigger.ErrorType, sc.trigger.APIMessage))
	}
}

// hold keeps a request open without answering until the client goes away
// or the server stops.
func (s *Server) hold(x *exchange) {
	select {
	case <-x.r.Context().Done():
	case <-s.done:
		x.abandon()
	}
}

// abandon closes the connection without finishing the response, so that a
// server stopping does not turn a held request into an empty 200.
func (x *exchange) abandon() {
	if conn, _, err := http.NewResponseController(x.w).Hijack(); err == nil {
		_ = conn.Close()
	}
}

// reset closes the connection with an RST: SO_LINGER 0 makes close discard
// the unsent data and reset instead of the orderly FIN.
func (x *exchange) reset() {
	conn, _, err := http.NewResponseController(x.w).Hijack()
	if err != nil {
		// Not on a real connection (in-memory use): the nearest thing is to
		// abort the handler, which makes net/http drop the connection.
		panic(http.ErrAbortHandler)
	}
	if tc, ok := tcpConn(conn); ok {
		_ = tc.SetLinger(0)
		_ = tc.Close()
	}
	_ = conn.Close()
}

// readBody reads the whole request body (up to maxBody), keeping the first
// limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int) ([]byte, int64, error) {
	if r.Body == nil {
		return nil, 0, nil
	}
	if r.ContentLength > maxBody {
		// Refused by what it announces, before a byte is read.
		return nil, r.ContentLength, &http.MaxBytesError{Limit: maxBody}
	}
	kw := &keepWriter{limit: limit}
	n, err := io.Copy(kw, http.MaxBytesReader(w, r.Body, maxBody))
	return kw.buf.Bytes(), n, err
}

// keepWriter keeps the first limit bytes written and counts the rest.
type keepWriter struct {
	buf   bytes.Buffer
	limit int
}

func (k *keepWriter) Write(p []byte) (int, error) {
	if room := k.limit - k.buf.Len(); room > 0 {
		k.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// parseBody reads the two fields the mock answers by. A body cut off by the
// keep limit, or not JSON, counts as a non-streaming request for the
// default model.
func parseBody(body []byte, size int64) (model string, stream bool) {
	var req struct {
		Model  string `json:"model"`
		Stream bool   `json:"stream"`
	}
	if int64(len(body)) == size {
		_ = json.Unmarshal(body, &req)
	}
	if req.Model == "" {
		req.Model = defaultModel
	}
	return req.Model, req.Stream
}

// errorBody is the API's error body (FACTS §2).
type errorBody struct {
	Type  string `json:"type"`
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
	RequestID string `json:"request_id,omitempty"`
}

func newErrorBody(errType, msg, id string) errorBody {
	b := errorBody{Type: "error", RequestID: id}
	b.Error.Type, b.Error.Message = errType, msg
	return b
}

func errorEvent(errType, msg string) errorBody { return newErrorBody(errType, msg, "") }

// writeError writes a JSON error body with the request-id header, then the
// extra headers.
func (x *exchange) writeError(status int, errType, msg string, extra map[string]string) {
	data, _ := json.Marshal(newErrorBody(errType, msg, x.id))
	x.writeJSON(status, data, extra)
}

// writeJSON writes a JSON body as the API does: Content-Type, the
// request-id header, then the extra headers.
func (x *exchange) writeJSON(status int, data []byte, extra map[string]string) {
	h := x.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("request-id", x.id)
	for k, v := range extra {
		h.Set(k, v)
	}
	x.w.WriteHeader(status)
	_, _ = x.w.Write(data)
}

// writeTrigger serves an HTTP trigger. A trigger with its own Body is
// served as is: a JSON body with a request-id header, as the API would send
// it, and anything else (an HTML page from an edge proxy) without one, as
// such pages come.
func (x *exchange) writeTrigger(t *catalog.Trigger) {
	if t.Body == "" {
		x.writeError(t.Status, t.ErrorType, t.APIMessage, t.Headers)
		return
	}
	h := x.w.Header()
	switch {
	case strings.HasPrefix(strings.TrimSpace(t.Body), "<"):
		h.Set("Content-Type", "text/html; charset=utf-8")
	case json.Valid([]byte(t.Body)):
		h.Set("Content-Type", "application/json")
		h.Set("request-id", x.id)
	default:
		h.Set("Content-Type", "text/plain; charset=utf-8")
	}
	for k, v := range t.Headers {
		h.Set(k, v)
	}
	x.w.WriteHeader(t.Status)
	_, _ = io.WriteString(x.w, t.Body)
}
