package proxy

import (
	"errors"
	"io"
	"net/http/httptrace"
	"testing"
)

// A held body is let go, and its bytes given back to the budget, as soon
// as the answer has begun and no attempt's reader can still be read; not
// before, and never twice.
func TestHeldBodyLetGo(t *testing.T) {
	writeOK := httptrace.WroteRequestInfo{}
	writeFailed := httptrace.WroteRequestInfo{Err: errors.New("broken pipe")}
	dialFailed := errors.New("connection refused")
	tests := []struct {
		name string
		// run plays the attempts; it returns whether the bytes must be
		// back once the answer began.
		run func(t *testing.T, h *heldBody) bool
	}{
		{"one attempt, written", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.wrote(writeOK)
			a.returned(nil)
			if a.readers[0].Len() != 0 {
				t.Error("the written reader was not emptied")
			}
			return true
		}},
		{"answer before the write ended: given back when it ends", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.returned(nil)
			h.answerBegan()
			if h.given {
				t.Error("given back while an attempt was still writing")
			}
			a.wrote(writeOK)
			return true
		}},
		{"a retry after a written attempt, the classifier reading the body between", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.wrote(writeOK)
			a.returned(nil)
			if rc, err := h.getBody(); err != nil {
				t.Fatal(err)
			} else {
				_, _ = io.ReadAll(rc)
			}
			b := attemptOf(t, h)
			b.wrote(writeOK)
			b.returned(nil)
			return true
		}},
		{"a retry after an attempt that failed to connect", func(t *testing.T, h *heldBody) bool {
			attemptOf(t, h).returned(dialFailed)
			a := attemptOf(t, h)
			a.wrote(writeOK)
			a.returned(nil)
			return true
		}},
		{"hook called twice", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.wrote(writeOK)
			a.wrote(writeOK)
			a.returned(dialFailed)
			return true
		}},
		{"a failed write keeps its reader: net/http may send it again", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.wrote(writeFailed)
			a.returned(nil)
			if a.readers[0].Len() == 0 {
				t.Error("a reader whose write failed was emptied")
			}
			return false
		}},
		{"an attempt net/http sent again on a new connection keeps its readers", func(t *testing.T, h *heldBody) bool {
			a := attemptOf(t, h)
			a.wrote(writeFailed)
			if _, err := h.getBody(); err != nil { // net/http's rewind
				t.Fatal(err)
			}
			a.wrote(writeOK)
			a.returned(nil)
			if len(a.readers) != 2 || a.readers[0].Len() == 0 || a.readers[1].Len() == 0 {
				t.Error("a reader of an attempt sent twice was emptied")
			}
			return false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(Config{Upstream: "http://upstream.invalid", Transport: &fakeUpstream{}})
			if err != nil {
				t.Fatal(err)
			}
			mem := p.mem
			if !mem.take(10) {
				t.Fatal("take")
			}
			h := &heldBody{mem: mem, n: 10, b: []byte("0123456789")}
			want := tt.run(t, h)
			h.answerBegan()
			if h.b != nil {
				t.Error("the body is still referenced once the answer began")
			}
			if _, err := h.getBody(); !errors.Is(err, errBodyGone) {
				t.Errorf("getBody after the answer began: %v, want errBodyGone", err)
			}
			if got := usedOf(mem); (got == 0) != want {
				t.Errorf("bytes held once the answer began: %d; want them given back: %v", got, want)
			}
			h.end()
			h.end()
			if got := usedOf(mem); got != 0 {
				t.Errorf("bytes held after the end: %d, want 0 (given back once)", got)
			}
		})
	}
}

// attemptOf makes a reader as the retry transport does (GetBody) and binds
// it to an attempt as attemptTransport does; the reader reads the whole
// body.
func attemptOf(t *testing.T, h *heldBody) *bodyAttempt {
	t.Helper()
	rc, err := h.getBody()
	if err != nil {
		t.Fatal(err)
	}
	a := h.attempt()
	if a == nil {
		t.Fatal("no reader to bind")
	}
	if b, _ := io.ReadAll(rc); string(b) != "0123456789" {
		t.Fatalf("reader gave %q", b)
	}
	if _, err := a.readers[0].Seek(0, io.SeekStart); err != nil { // so that emptying it shows
		t.Fatal(err)
	}
	if h.attempt() != nil {
		t.Fatal("one reader bound twice")
	}
	return a
}

func usedOf(m *memBudget) int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.used
}
