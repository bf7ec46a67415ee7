package probe

import (
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Claude Code's byte-stream idle rule, as read from the 2.1.332 binary: an
// answer that sends no byte for this long is abandoned. The default applies
// to the first-party API; CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS replaces it,
// CLAUDE_STREAM_IDLE_TIMEOUT_MS (when the byte variable is unset) replaces it
// by at least 300 s, and the result is kept between 10 s and 30 min.
const (
	DefaultIdleTimeout = 180 * time.Second
	minIdleTimeout     = 10 * time.Second
	maxIdleTimeout     = 30 * time.Minute
	minStreamIdle      = 300 * time.Second

	EnvByteStreamIdle = "CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS"
	EnvStreamIdle     = "CLAUDE_STREAM_IDLE_TIMEOUT_MS"
)

// IdleTimeout is how long a probe waits for the next byte of an answer
// whose headers have arrived: Claude Code's byte-stream idle timeout (see
// the constants), and never longer than attempt, the per-attempt bound of
// API_TIMEOUT_MS (zero means none), since Claude Code reports a stalled
// request with the API_TIMEOUT_MS message ("Request timed out", FACTS §1).
func IdleTimeout(getenv func(string) string, attempt time.Duration) time.Duration {
	idle := DefaultIdleTimeout
	if getenv != nil {
		if ms, ok := millis(getenv(EnvByteStreamIdle)); ok && ms > 0 {
			idle = ms
		} else if ms, ok := millis(getenv(EnvStreamIdle)); ok {
			idle = max(ms, minStreamIdle)
		}
	}
	idle = min(max(idle, minIdleTimeout), maxIdleTimeout)
	if attempt > 0 {
		idle = min(idle, attempt)
	}
	return idle
}

// millis reads a whole number of milliseconds; ok is false when s is not one.
func millis(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return time.Duration(n) * time.Millisecond, true
}

// ErrIdle is the error of an answer that stopped arriving. It matches
// context.DeadlineExceeded with errors.Is and reports Timeout, so that
// classify.Err names it request-timeout.
var ErrIdle error = idleError{}

type idleError struct{}

func (idleError) Error() string        { return "the response stopped arriving" }
func (idleError) Timeout() bool        { return true }
func (idleError) Is(target error) bool { return target == context.DeadlineExceeded }

// ReadAll reads body to its end or to limit bytes, whichever comes first,
// and closes it. When no byte arrives for idle (zero means no bound) it
// closes the body and returns what came with [ErrIdle].
func ReadAll(body io.ReadCloser, limit int64, idle time.Duration) ([]byte, error) {
	defer body.Close()
	if idle <= 0 {
		return io.ReadAll(io.LimitReader(body, limit))
	}
	var stalled atomic.Bool
	var once sync.Once
	timer := time.AfterFunc(idle, func() {
		stalled.Store(true)
		once.Do(func() { body.Close() })
	})
	defer timer.Stop()
	r := &idleReader{r: body, reset: func() { timer.Reset(idle) }}
	b, err := io.ReadAll(io.LimitReader(r, limit))
	if stalled.Load() {
		return b, ErrIdle
	}
	return b, err
}

// idleReader restarts the idle timer on every read that returns data.
type idleReader struct {
	r     io.Reader
	reset func()
}

func (ir *idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.reset()
	}
	return n, err
}
