package proxy

import (
	"fmt"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/net/http/httpguts"
)

// shortBody is how much of an answer is held back before its head goes
// out: an answer the handler finishes within it gets a Content-Length,
// a longer one is chunked (net/http holds the same amount).
const shortBody = 2 << 10

// responseWriter is the http.ResponseWriter of an h1Server's request. It
// also has the methods http.ResponseController looks for: FlushError and
// SetWriteDeadline. One per connection, reset for each request; a handler
// must not keep it, or its header map, after it returns.
type responseWriter struct {
	c   *serverConn
	req *http.Request

	header      http.Header
	status      int
	wroteHeader bool
	committed   bool // the head is in c.bw
	head        []byte
	hasDate     bool
	chunked     bool
	bodyless    bool  // HEAD, or a status without a body
	cl          int64 // the Content-Length the handler set; -1 if none
	written     int64
	pending     []byte // the body held back before the head goes out
	trailers    []string
	closeAfter  bool
	err         error // the first write error; every later write returns it
}

func (w *responseWriter) reset(req *http.Request) {
	h := w.header
	if h == nil {
		h = make(http.Header, 16)
	} else {
		clear(h)
	}
	*w = responseWriter{c: w.c, req: req, header: h, head: w.head[:0], pending: w.pending[:0], trailers: w.trailers[:0], cl: -1}
}

// Header returns the header map of the answer.
func (w *responseWriter) Header() http.Header { return w.header }

// WriteHeader sets the status. The head is put together now, from the
// header map as it is, and goes out with the first bytes of the body, a
// flush, or the end of the answer. A 1xx status other than 101 goes out at
// once, and the final status is still to come.
func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.head = appendStatusLine(w.head[:0], w.req, code)
		w.head = w.appendFields(w.head, false)
		w.head = append(w.head, "\r\n"...)
		if _, err := w.c.bw.Write(w.head); err == nil {
			w.err = w.c.bw.Flush()
		} else {
			w.err = err
		}
		w.head = w.head[:0]
		return
	}
	w.wroteHeader = true
	w.status = code
	w.hasDate = false
	w.bodyless = w.req.Method == http.MethodHead || !bodyAllowed(code)
	w.head = appendStatusLine(w.head[:0], w.req, code)
	w.head = w.appendFields(w.head, true)
}

// appendFields appends the header map's fields, less those the framing
// decides (Content-Length, Transfer-Encoding, Connection), noting them.
// Invalid names are dropped and line breaks in values become spaces, as
// net/http does.
func (w *responseWriter) appendFields(b []byte, final bool) []byte {
	for k, vv := range w.header {
		switch k {
		case "Content-Length":
			if final && len(vv) > 0 {
				if n, err := strconv.ParseInt(textproto.TrimString(vv[0]), 10, 64); err == nil && n >= 0 {
					w.cl = n
				}
			}
			continue
		case "Transfer-Encoding":
			continue
		case "Connection":
			if final {
				for _, v := range vv {
					if httpguts.HeaderValuesContainsToken([]string{v}, "close") {
						w.closeAfter = true
					}
				}
			}
			continue
		case "Trailer":
			if final {
				for _, v := range vv {
					for name := range strings.SplitSeq(v, ",") {
						if name = textproto.TrimString(name); name != "" {
							w.trailers = append(w.trailers, http.CanonicalHeaderKey(name))
						}
					}
				}
			}
		case "Date":
			w.hasDate = true
		}
		if strings.HasPrefix(k, http.TrailerPrefix) || !httpguts.ValidHeaderFieldName(k) {
			continue
		}
		for _, v := range vv {
			b = appendField(b, k, v)
		}
	}
	return b
}

// newlineToSpace turns line breaks in a header value into spaces.
var newlineToSpace = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

func appendField(b []byte, k, v string) []byte {
	if strings.ContainsAny(v, "\r\n") {
		v = newlineToSpace.Replace(v)
	}
	b = append(b, k...)
	b = append(b, ": "...)
	b = append(b, textproto.TrimString(v)...)
	return append(b, "\r\n"...)
}

func appendStatusLine(b []byte, req *http.Request, code int) []byte {
	if req.ProtoAtLeast(1, 1) {
		b = append(b, "HTTP/1.1 "...)
	} else {
		b = append(b, "HTTP/1.0 "...)
	}
	b = strconv.AppendInt(b, int64(code), 10)
	b = append(b, ' ')
	if text := http.StatusText(code); text != "" {
		b = append(b, text...)
	} else {
		b = append(b, "status code "...)
		b = strconv.AppendInt(b, int64(code), 10)
	}
	return append(b, "\r\n"...)
}

// bodyAllowed reports whether an answer with this status may have a body.
func bodyAllowed(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// Write writes body bytes: held back while the answer is short, then
// through the connection's buffer, chunked when no length was set.
func (w *responseWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.err != nil {
		return 0, w.err
	}
	if w.bodyless {
		if w.req.Method == http.MethodHead {
			return len(p), nil
		}
		return 0, http.ErrBodyNotAllowed
	}
	if w.cl >= 0 && w.written+int64(len(p)) > w.cl {
		return 0, http.ErrContentLength
	}
	w.written += int64(len(p))
	if !w.committed && len(w.pending)+len(p) <= shortBody {
		w.pending = append(w.pending, p...)
		return len(p), nil
	}
	w.sendHead(false)
	w.send(p)
	if w.err != nil {
		return 0, w.err
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (w *responseWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// send writes body bytes after the head, framed.
func (w *responseWriter) send(p []byte) {
	if w.err != nil || len(p) == 0 {
		return
	}
	bw := w.c.bw
	if w.chunked {
		var hex [16]byte
		_, _ = bw.Write(strconv.AppendInt(hex[:0], int64(len(p)), 16))
		_, _ = bw.WriteString("\r\n")
	}
	if _, err := bw.Write(p); err != nil {
		w.err = err
		return
	}
	if w.chunked {
		if _, err := bw.WriteString("\r\n"); err != nil {
			w.err = err
		}
	}
}

// commit puts the head into the connection's buffer, with the framing:
// the Content-Length the handler set or, at the end of a short answer,
// the length of what it wrote; chunked otherwise (or, for HTTP/1.0, the
// end of the connection).
func (w *responseWriter) commit(end bool) {
	if w.committed {
		return
	}
	w.committed = true
	req := w.req
	if req.Close || !req.ProtoAtLeast(1, 1) || w.c.srv.down.Load() {
		w.closeAfter = true
	}
	b := w.head
	switch {
	case w.bodyless:
		if w.cl >= 0 && req.Method == http.MethodHead {
			b = appendContentLength(b, w.cl)
		}
	case w.cl >= 0:
		b = appendContentLength(b, w.cl)
	case end && len(w.trailers) == 0:
		w.cl = int64(len(w.pending))
		b = appendContentLength(b, w.cl)
	case req.ProtoAtLeast(1, 1):
		w.chunked = true
		b = append(b, "Transfer-Encoding: chunked\r\n"...)
	default:
		w.closeAfter = true
	}
	if w.closeAfter {
		b = append(b, "Connection: close\r\n"...)
	}
	if !w.hasDate {
		b = append(b, "Date: "...)
		b = append(b, httpDate()...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	w.head = b
	if w.err == nil {
		if _, err := w.c.bw.Write(b); err != nil {
			w.err = err
		}
	}
}

func appendContentLength(b []byte, n int64) []byte {
	b = append(b, "Content-Length: "...)
	b = strconv.AppendInt(b, n, 10)
	return append(b, "\r\n"...)
}

// sendHead puts the head into the connection's buffer, once, with the body
// held back until then; end says the handler has returned (see commit).
func (w *responseWriter) sendHead(end bool) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.committed {
		w.commit(end)
		w.send(w.pending)
		w.pending = w.pending[:0]
	}
}

// Flush sends the head and what is buffered to the client.
func (w *responseWriter) Flush() { _ = w.FlushError() }

// FlushError is Flush, with its error (http.ResponseController uses it).
func (w *responseWriter) FlushError() error {
	w.sendHead(false)
	if w.err != nil {
		return w.err
	}
	if err := w.c.bw.Flush(); err != nil {
		w.err = err
	}
	return w.err
}

// SetWriteDeadline sets the connection's write deadline (for
// http.ResponseController).
func (w *responseWriter) SetWriteDeadline(t time.Time) error { return w.c.rwc.SetWriteDeadline(t) }

// finish ends the answer once the handler has returned: the head, if it
// has not gone, what is held back, the last chunk and the trailers. An
// answer shorter than its Content-Length closes the connection.
func (w *responseWriter) finish() error {
	w.sendHead(true)
	if w.chunked && w.err == nil {
		b := append(w.head[:0], "0\r\n"...)
		for _, k := range w.trailers {
			for _, v := range w.header[k] {
				b = appendField(b, k, v)
			}
		}
		for k, vv := range w.header {
			if name, ok := strings.CutPrefix(k, http.TrailerPrefix); ok {
				for _, v := range vv {
					b = appendField(b, name, v)
				}
			}
		}
		b = append(b, "\r\n"...)
		w.head = b
		if _, err := w.c.bw.Write(b); err != nil {
			w.err = err
		}
	}
	if w.err == nil && w.c.bw.Buffered() > 0 {
		// The handler has returned, and with it any write deadline it
		// kept: the end of the answer gets one of its own, so that a
		// client that reads nothing cannot hold the connection.
		_ = w.c.rwc.SetWriteDeadline(time.Now().Add(w.c.srv.idleTimeout))
		w.err = w.c.bw.Flush()
		_ = w.c.rwc.SetWriteDeadline(time.Time{})
	}
	if !w.bodyless && !w.chunked && w.cl >= 0 && w.written != w.cl {
		w.closeAfter = true
	}
	return w.err
}

// dateCache holds the Date header's value for the current second.
var dateCache atomic.Pointer[cachedDate]

type cachedDate struct {
	sec int64
	s   string
}

// httpDate is the current time in the Date header's format, formatted
// once a second.
func httpDate() string {
	now := time.Now()
	if d := dateCache.Load(); d != nil && d.sec == now.Unix() {
		return d.s
	}
	d := &cachedDate{sec: now.Unix(), s: now.UTC().Format(http.TimeFormat)}
	dateCache.Store(d)
	return d.s
}
