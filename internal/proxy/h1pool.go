package proxy

import (
	"context"
	"net"
	"net/url"
	"sync"
	"time"
)

// peekAfter is how long a connection must have been idle before it is
// checked for a close by the upstream (see h1Conn.alive) as it is taken
// from the pool. Upstreams close idle connections after seconds (Node
// after 5, nginx after 75), so under load, when connections are idle for
// microseconds, the check and its system call are skipped; a connection
// the upstream closed sooner fails its attempt like any other lost
// connection, and is retried as the policy says.
const peekAfter = 100 * time.Millisecond

// h1Pool keeps the idle connections of the direct HTTP/1.1 path (see
// [UpstreamTransport]) and dials new ones. The most recently used idle
// connection is taken first; one idle for longer than idleTimeout is
// closed, by a timer that runs only while connections are idle.
type h1Pool struct {
	dial          func(ctx context.Context, network, addr string) (net.Conn, error)
	maxIdle       int
	idleTimeout   time.Duration
	peekAfter     time.Duration // see the constant; tests set 0
	headerTimeout time.Duration // the wait for a response head

	mu   sync.Mutex
	idle map[string][]*h1Conn // by address, oldest first
	n    int                  // idle connections, all addresses
	reap *time.Timer          // set while n > 0
}

// addrOf is the address a URL's requests are sent to: its host, with port
// 80 when it names none.
func addrOf(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	return u.Host + ":80"
}

// get returns an idle connection to addr that is still open, or a new one.
// reused says which, and idle how long a reused one waited.
func (p *h1Pool) get(ctx context.Context, addr string) (c *h1Conn, reused bool, idle time.Duration, err error) {
	now := time.Now()
	p.mu.Lock()
	for {
		list := p.idle[addr]
		if len(list) == 0 {
			break
		}
		c = list[len(list)-1]
		list[len(list)-1] = nil
		p.idle[addr] = list[:len(list)-1]
		p.n--
		p.mu.Unlock()
		if idle = now.Sub(c.idleAt); idle < p.idleTimeout && (idle < p.peekAfter || c.alive()) {
			return c, true, idle, nil
		}
		c.close()
		p.mu.Lock()
	}
	p.mu.Unlock()
	conn, err := p.dial(ctx, "tcp", addr)
	if err != nil {
		return nil, false, 0, err
	}
	return newH1Conn(conn, p, addr), false, 0, nil
}

// put keeps c for the next request to its address, or closes it when
// maxIdle connections are idle already.
func (p *h1Pool) put(c *h1Conn) {
	c.idleAt = time.Now()
	p.mu.Lock()
	if p.n >= p.maxIdle {
		p.mu.Unlock()
		c.close()
		return
	}
	if p.idle == nil {
		p.idle = make(map[string][]*h1Conn)
	}
	p.idle[c.addr] = append(p.idle[c.addr], c)
	p.n++
	if p.reap == nil {
		p.reap = time.AfterFunc(p.idleTimeout, p.reapIdle)
	}
	p.mu.Unlock()
}

// reapIdle closes the connections idle for idleTimeout or longer and sets
// the timer again for the oldest of the others.
func (p *h1Pool) reapIdle() {
	now := time.Now()
	var old []*h1Conn
	p.mu.Lock()
	var next time.Time
	for addr, list := range p.idle {
		i := 0
		for i < len(list) && now.Sub(list[i].idleAt) >= p.idleTimeout {
			i++
		}
		old = append(old, list[:i]...)
		clear(list[:i])
		list = list[i:]
		p.n -= i
		if len(list) == 0 {
			delete(p.idle, addr)
			continue
		}
		p.idle[addr] = list
		if next.IsZero() || list[0].idleAt.Before(next) {
			next = list[0].idleAt
		}
	}
	switch {
	case p.n > 0 && p.reap == nil: // closeIdle ran meanwhile, and put since
		p.reap = time.AfterFunc(next.Add(p.idleTimeout).Sub(now), p.reapIdle)
	case p.n > 0:
		p.reap.Reset(next.Add(p.idleTimeout).Sub(now))
	default:
		p.reap = nil
	}
	p.mu.Unlock()
	for _, c := range old {
		c.close()
	}
}

// closeIdle closes every idle connection.
func (p *h1Pool) closeIdle() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.n = nil, 0
	if p.reap != nil {
		p.reap.Stop()
		p.reap = nil
	}
	p.mu.Unlock()
	for _, list := range idle {
		for _, c := range list {
			c.close()
		}
	}
}
