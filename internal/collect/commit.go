package collect

import (
	"context"
	"errors"
	"hash/fnv"
	"time"

	"github.com/ccerr/ccerr/internal/store"
)

// errBusy is returned when a batch cannot be committed in time; the sender
// should send it again (the store drops what it has already applied).
var errBusy = errors.New("collect: the store did not commit in time; send again")

// maxGroup bounds how many requests one commit serves.
const maxGroup = 256

// pending is one request's batch waiting for its commit.
type pending struct {
	batch store.Batch
	done  chan error // receives once: nil after the commit, or why not
}

// committer applies the batches of concurrent requests in shared
// transactions (group commit): one writer, one commit for everything that
// arrived while the previous commit ran.
type committer struct {
	st      *store.Store
	in      chan *pending
	metrics *collectMetrics
}

func newCommitter(st *store.Store, m *collectMetrics) *committer {
	return &committer{st: st, in: make(chan *pending, maxGroup), metrics: m}
}

// run commits until ctx is done; batches still queued then get an error.
func (c *committer) run(ctx context.Context) {
	group := make([]*pending, 0, maxGroup)
	for {
		select {
		case <-ctx.Done():
			for {
				select {
				case p := <-c.in:
					p.done <- errBusy
				default:
					return
				}
			}
		case p := <-c.in:
			group = append(group[:0], p)
		more:
			for len(group) < maxGroup {
				select {
				case p := <-c.in:
					group = append(group, p)
				default:
					break more
				}
			}
			c.commit(ctx, group)
		}
	}
}

func (c *committer) commit(ctx context.Context, group []*pending) {
	bs := make([]store.Batch, len(group))
	for i, p := range group {
		bs[i] = p.batch
	}
	start := time.Now()
	res, err := c.st.ApplyAll(ctx, bs)
	if err == nil {
		c.metrics.applied(res, time.Since(start))
		for _, p := range group {
			p.done <- nil
		}
		return
	}
	if len(group) == 1 {
		group[0].done <- err
		return
	}
	// One bad batch must not fail the others: apply each on its own.
	for _, p := range group {
		start := time.Now()
		res, err := c.st.Apply(ctx, p.batch)
		if err == nil {
			c.metrics.applied(res, time.Since(start))
		}
		p.done <- err
	}
}

// submit queues a batch and waits for its commit, at most wait.
func (c *committer) submit(ctx context.Context, b store.Batch, wait time.Duration) error {
	p := &pending{batch: b, done: make(chan error, 1)}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case c.in <- p:
	case <-t.C:
		return errBusy
	case <-ctx.Done():
		return context.Cause(ctx)
	}
	select {
	case err := <-p.done:
		return err
	case <-t.C:
		return errBusy
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// shard picks the writer of a batch by its first session, so that the
// events of one session are always applied by one writer, in order: the
// counting rule joins an api_error, its exhausted event and its hook record
// by reading what was applied before.
func shard(b store.Batch, n int) int {
	if n <= 1 {
		return 0
	}
	var session string
	switch {
	case len(b.Events) > 0:
		session = b.Events[0].Session
	case len(b.Sessions) > 0:
		session = b.Sessions[0].ID
	}
	h := fnv.New32a()
	h.Write([]byte(session))
	return int(h.Sum32() % uint32(n))
}
