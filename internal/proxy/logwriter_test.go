package proxy

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the LogWriter's goroutine.
type lockedBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes++
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestLogWriterBatches(t *testing.T) {
	var out lockedBuffer
	lw := NewLogWriter(&out, time.Hour) // the ticker never fires here
	for range 100 {
		lw.Write([]byte("a line\n"))
	}
	if got := out.String(); got != "" {
		t.Fatalf("written before a flush: %q", got)
	}
	if err := lw.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), strings.Repeat("a line\n", 100); got != want {
		t.Errorf("after Close got %d bytes, want %d", len(got), len(want))
	}
	if out.writes != 1 {
		t.Errorf("%d writes, want 1", out.writes)
	}
}

func TestLogWriterFullBuffer(t *testing.T) {
	var out lockedBuffer
	lw := NewLogWriter(&out, time.Hour)
	defer lw.Close()
	line := []byte(strings.Repeat("x", 1000) + "\n")
	for range 100 { // 100 KB: more than one buffer
		lw.Write(line)
	}
	got := out.String()
	if len(got) == 0 || len(got)%len(line) != 0 {
		t.Errorf("wrote %d bytes: not whole lines, or nothing", len(got))
	}
	big := []byte(strings.Repeat("y", 2*logBufferSize) + "\n")
	lw.Write(big)
	if !strings.HasSuffix(out.String(), string(big)) {
		t.Error("a line bigger than the buffer was not written through")
	}
}

type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, errors.New("disk full") }

func TestLogWriterError(t *testing.T) {
	lw := NewLogWriter(failWriter{}, time.Hour)
	lw.Write([]byte("line\n"))
	if err := lw.Close(); err == nil {
		t.Fatal("Close did not report the write error")
	}
	if _, err := lw.Write([]byte("more\n")); err == nil {
		t.Error("Write after a failed write did not report it")
	}
}
