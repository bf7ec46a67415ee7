package proxy

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// arrivals is a response body whose bytes come in arrivals: a Read returns
// what is at hand of the current arrival without waiting, and waits (here:
// moves on to the next arrival) only when nothing is. It notes the length
// of the buffer of each read that had to wait, and what the client had
// been sent by then.
type arrivals struct {
	parts   [][]byte
	atHand  []byte
	waits   []int    // len(p) of each read that waited
	sentNow []string // what the client had been flushed at each wait
	client  *flushRecorder
}

func (a *arrivals) Read(p []byte) (int, error) {
	if len(a.atHand) == 0 {
		a.waits = append(a.waits, len(p))
		a.sentNow = append(a.sentNow, a.client.flushed.String())
		if len(a.parts) == 0 {
			return 0, io.EOF
		}
		a.atHand, a.parts = a.parts[0], a.parts[1:]
	}
	n := copy(p, a.atHand)
	a.atHand = a.atHand[n:]
	return n, nil
}

// flushRecorder is a ResponseWriter whose bytes reach the client (flushed)
// only when flushed.
type flushRecorder struct {
	h                http.Header
	pending, flushed bytes.Buffer
	flushes          int
}

func (r *flushRecorder) Header() http.Header         { return r.h }
func (r *flushRecorder) WriteHeader(int)             {}
func (r *flushRecorder) Write(p []byte) (int, error) { return r.pending.Write(p) }
func (r *flushRecorder) Flush() {
	r.flushes++
	_, _ = r.pending.WriteTo(&r.flushed)
}
func (r *flushRecorder) SetWriteDeadline(time.Time) error { return nil }

// A stream waits for the upstream's next bytes without holding a copy
// buffer: every read that has to wait is given one byte of room, not a
// pooled buffer. And everything that came before a wait has been flushed
// to the client by then, so no event is held back, however its bytes are
// split across reads and buffers (arrivals bigger than the pooled buffer
// included). (The one case where a stream waits holding its buffer is
// when the byte it waited for was the last one at hand: an event one byte
// long, or one that ends one byte past a full buffer; the sizes here
// avoid it.)
func TestStreamWaitsWithoutBuffer(t *testing.T) {
	sizes := []int{47, 300, streamBufSize - 1, streamBufSize, streamBufSize + 3, 3*streamBufSize + 5, 2}
	var parts [][]byte
	var all strings.Builder
	for i, n := range sizes {
		b := bytes.Repeat([]byte{'a' + byte(i)}, n)
		parts = append(parts, b)
		all.Write(b)
	}
	client := &flushRecorder{h: http.Header{}}
	body := &arrivals{parts: parts, client: client}
	p := &Proxy{writeIdle: time.Minute}
	st := newState()
	defer st.free()
	if err := p.copyBody(client, body, true, true, st); err != nil {
		t.Fatal(err)
	}
	if client.flushed.String() != all.String() || client.pending.Len() != 0 {
		t.Fatalf("client got %d bytes (%d unflushed), want %d", client.flushed.Len(), client.pending.Len(), all.Len())
	}
	if len(body.waits) != len(sizes)+1 {
		t.Fatalf("%d reads waited, want %d (one per arrival and the end)", len(body.waits), len(sizes)+1)
	}
	sent := 0
	for i, n := range body.waits {
		if n != 1 {
			t.Errorf("wait %d: the read was given %d bytes of room; a waiting stream must hold no buffer", i+1, n)
		}
		if got := len(body.sentNow[i]); got != sent {
			t.Errorf("wait %d: the client had %d bytes when the stream began to wait, want all %d that came", i+1, got, sent)
		}
		if i < len(sizes) {
			sent += sizes[i]
		}
	}
}

// An answer of known length is copied as it was: with a full-size buffer
// and no flush per read.
func TestKnownLengthCopiedWhole(t *testing.T) {
	client := &flushRecorder{h: http.Header{}}
	body := &arrivals{parts: [][]byte{[]byte(strings.Repeat("x", 40000))}, client: client}
	p := &Proxy{writeIdle: time.Minute}
	st := newState()
	defer st.free()
	if err := p.copyBody(client, body, false, false, st); err != nil {
		t.Fatal(err)
	}
	if client.flushed.Len() != 40000 || client.flushes != 1 {
		t.Errorf("client got %d bytes in %d flushes, want 40000 in 1", client.flushed.Len(), client.flushes)
	}
	if len(body.waits) != 2 || body.waits[0] != copyBufSize {
		t.Errorf("reads that waited: %v, want two of %d bytes", body.waits, copyBufSize)
	}
}
