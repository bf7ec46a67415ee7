package proxy

import (
	"io"
	"sync"
	"time"
)

// logBufferSize is how many bytes of log lines a [LogWriter] gathers before
// it writes them out whatever the time.
const logBufferSize = 64 << 10

// LogWriter gathers log lines and writes them to W in batches: when
// logBufferSize bytes are waiting, at every interval, and on Flush and
// Close. One line per request costs a system call per request otherwise,
// a large share of a proxy's work. Lines are never split. Use it where no
// one watches line by line (a pipe or a file), not on a terminal.
type LogWriter struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	err  error
	stop chan struct{}
	done chan struct{}
}

// NewLogWriter returns a LogWriter that writes to w at least every
// interval. It starts a goroutine, which Close ends.
func NewLogWriter(w io.Writer, interval time.Duration) *LogWriter {
	lw := &LogWriter{w: w, buf: make([]byte, 0, logBufferSize), stop: make(chan struct{}), done: make(chan struct{})}
	go lw.loop(interval)
	return lw
}

func (lw *LogWriter) loop(interval time.Duration) {
	defer close(lw.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-lw.stop:
			return
		case <-t.C:
			_ = lw.Flush()
		}
	}
}

// Write adds p to the buffer, writing the buffer out first if p would not
// fit. It returns the first error of an earlier write, if any.
func (lw *LogWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	if lw.err != nil {
		return 0, lw.err
	}
	if len(lw.buf)+len(p) > logBufferSize {
		lw.flushLocked()
		if len(p) > logBufferSize {
			_, lw.err = lw.w.Write(p)
			return len(p), lw.err
		}
	}
	lw.buf = append(lw.buf, p...)
	return len(p), nil
}

// Flush writes out what is buffered.
func (lw *LogWriter) Flush() error {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.flushLocked()
	return lw.err
}

func (lw *LogWriter) flushLocked() {
	if len(lw.buf) == 0 || lw.err != nil {
		return
	}
	_, lw.err = lw.w.Write(lw.buf)
	lw.buf = lw.buf[:0]
}

// Close stops the timer and writes out what is buffered. Writes after
// Close go straight to the buffer and are written only by another Flush.
func (lw *LogWriter) Close() error {
	select {
	case <-lw.stop:
	default:
		close(lw.stop)
	}
	<-lw.done
	return lw.Flush()
}
