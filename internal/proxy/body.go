package proxy

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"
)

// DefaultMaxBody is the request body limit when [Config.MaxBody] is zero:
// 32 MiB, the Messages API's own limit.
const DefaultMaxBody = 32 << 20

// exactBodyMax is the largest Content-Length allocated in advance.
const exactBodyMax = 1 << 20

// errBodyTooLarge reports a request body over the limit.
var errBodyTooLarge = errors.New("proxy: request body too large")

// readBody reads r.Body whole, up to max bytes, so that it can be sent again
// on a retry. It returns errBodyTooLarge when the body is over the limit,
// whether the Content-Length says so or the bytes do.
//
// The bytes are not pooled: http.Transport may go on reading a request body
// after RoundTrip has returned (when the upstream answers before the body is
// sent), so a buffer cannot safely be reused without a Close to wait for, and
// a body with a Close of our own would not be recognised as in memory, which
// makes http.Transport flush the headers in a write of their own.
//
// The bytes held are counted in mem: a body announced by its
// Content-Length reserves it all before the first byte is read, a chunked
// one as its bytes arrive, and errMemoryFull ends the read when they do
// not fit. The caller gives back *held once the request is done.
func readBody(w http.ResponseWriter, r *http.Request, max int64, mem *memBudget, held *int64) ([]byte, error) {
	if r.ContentLength > max {
		return nil, errBodyTooLarge
	}
	mr := &meteredReader{r: http.MaxBytesReader(w, r.Body, max), b: mem}
	defer func() { *held = mr.held }()
	if r.ContentLength > 0 {
		if !mem.take(r.ContentLength) {
			return nil, errMemoryFull
		}
		mr.held = r.ContentLength
	}
	body := io.Reader(mr)
	// A body of known, modest size is read into one exact allocation; a
	// bigger one grows as its bytes arrive, so that a client that only
	// announces 32 MiB does not get them reserved.
	if r.ContentLength > 0 && r.ContentLength <= exactBodyMax {
		b := make([]byte, r.ContentLength)
		if _, err := io.ReadFull(body, b); err != nil {
			return nil, bodyErr(err)
		}
		return b, nil
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(body); err != nil {
		return nil, bodyErr(err)
	}
	return buf.Bytes(), nil
}

func bodyErr(err error) error {
	if errors.Is(err, errMemoryFull) {
		return err
	}
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return errBodyTooLarge
	}
	return err
}

// copyBufSize is the size of the buffers answers of known length are copied
// with: big enough for a JSON answer in one read.
const copyBufSize = 16 << 10

// streamBufSize is the size of the buffers streamed answers (SSE, or no
// length) are copied with. A stream holds one only while bytes are flowing,
// not while it waits for the next event (see copyBody); it is bigger than
// the upstream connection's read buffer (connBufSize), so that what one
// read from the connection brings fits in one.
const streamBufSize = 4 << 10

// copyBufPool and streamBufPool hold the buffers used to copy response
// bodies.
var (
	copyBufPool   = sync.Pool{New: func() any { b := make([]byte, copyBufSize); return &b }}
	streamBufPool = sync.Pool{New: func() any { b := make([]byte, streamBufSize); return &b }}
)
