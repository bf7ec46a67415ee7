package proxy

import (
	"errors"
	"io"
	"sync"
)

// DefaultMaxBufferedBody is the bound on the request body bytes held in
// memory at once, across requests, when [Config.MaxBufferedBody] is zero:
// eight bodies at the API's 32 MiB limit.
const DefaultMaxBufferedBody = 8 * DefaultMaxBody

// errMemoryFull reports a request body that does not fit beside the ones
// already held.
var errMemoryFull = errors.New("proxy: request bodies in memory are at their limit")

// memBudget counts the request body bytes held in memory, so that many
// large uploads at once cannot take the process's memory. It is safe for
// concurrent use.
type memBudget struct {
	limit int64
	m     *metrics

	mu   sync.Mutex
	used int64
}

// take reserves n bytes and reports whether they fit.
func (b *memBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.limit-b.used {
		return false
	}
	b.used += n
	b.m.buffered.Set(float64(b.used))
	return true
}

// give returns n bytes.
func (b *memBudget) give(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	b.m.buffered.Set(float64(b.used))
}

// meteredReader reserves memory in a memBudget for the bytes it reads
// beyond what was reserved up front, and fails with errMemoryFull when they
// do not fit. held is what it has reserved in all.
type meteredReader struct {
	r    io.Reader
	b    *memBudget
	read int64
	held int64
}

func (m *meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.read += int64(n)
	if extra := m.read - m.held; extra > 0 {
		// Reserve in steps, so that a body of small reads takes the lock
		// now and then, not at every read.
		step := max(extra, 64<<10)
		if !m.b.take(step) {
			if !m.b.take(extra) {
				return n, errMemoryFull
			}
			step = extra
		}
		m.held += step
	}
	return n, err
}
