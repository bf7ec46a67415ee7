package mock

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/loopback"
)

// Defaults for the zero values of [Config].
const (
	DefaultAddr      = "127.0.0.1:0"
	DefaultSlowDelay = time.Second
	DefaultBodyLimit = 64 << 10
)

// maxSequences bounds the distinct sequences one server counts, so that
// clients naming new ones cannot grow it without end.
const maxSequences = 1024

// maxBody is the largest request body the mock reads; anything longer gets
// the API's 413, as the real API would answer (FACTS §2: 32 MB).
const maxBody = 32 << 20

// Config configures a [Server]. The zero value serves ok on a random
// loopback port.
type Config struct {
	// Scenario is a scenario name or a comma-separated sequence of names
	// ("overloaded,overloaded,ok"): the n-th request gets the n-th scenario
	// and every request after the last gets the last. Empty means "ok".
	Scenario string
	// Addr is the address to listen on. Empty means 127.0.0.1 with a random
	// port. A host is required: the mock never listens on every interface
	// unless the caller names one (e.g. "0.0.0.0:8788").
	Addr string
	// TLS serves HTTPS with a freshly generated self-signed certificate.
	// A sequence that contains "tls" (or an entry served by a self-signed
	// certificate) turns it on.
	TLS bool
	// Log, when set, receives one JSON line per request, secrets masked.
	Log io.Writer
	// SlowDelay is how long the slow scenario waits before answering.
	// Zero means DefaultSlowDelay.
	SlowDelay time.Duration
	// BodyLimit is how many bytes of each request body [Request.Body] keeps
	// (and the mock parses for "stream" and "model"). Zero means
	// DefaultBodyLimit; negative keeps none.
	BodyLimit int
	// MaxRequests bounds how many requests [Server.Requests] keeps, oldest
	// dropped first. Zero keeps all; negative keeps none (for long runs).
	MaxRequests int
	// Catalog supplies the catalog entries served as scenarios. Nil means
	// the embedded catalog.
	Catalog *catalog.Catalog
	// Strict validates each request as the API does before the scenario
	// plays, and answers one the API would refuse with its status and error
	// body (see strict.go); thinking blocks it returns are signed, and only
	// its own signatures verify. SigningKey is that key; nil means a random
	// one per server.
	Strict     bool
	SigningKey []byte
}

// Server is a fake Claude Messages API. It answers POST /v1/messages (with
// or without ?beta=true) with its configured scenario, and POST
// /scenario/<name>/v1/messages with <name>, which may itself be a sequence;
// each distinct sequence keeps its own count. Every other path gets a 404
// error body.
type Server struct {
	// URL is the base URL, http://ipaddr:port or https://…, with no
	// trailing slash. Empty until the server is started.
	URL string

	cfg       Config
	set       *scenarioSet
	seq       []*scenario
	tls       bool
	cert      *x509.Certificate
	tlsConfig *tls.Config

	ln      net.Listener
	srv     *http.Server
	handler http.Handler
	started bool

	done      chan struct{} // closed when the server stops: releases hang and stall
	closeOnce sync.Once
	handlers  activity       // running handlers, awaited by Close
	conns     sync.WaitGroup // open connections, awaited by Close
	connMu    sync.Mutex     // guards closing and counted
	closing   bool
	counted   map[net.Conn]bool // connections added to conns

	ids atomic.Int64 // request ids handed out

	strict *strictState // set when Config.Strict

	mu       sync.Mutex
	counters map[string]*atomic.Int64 // per sequence spec
	parsed   map[string][]*scenario   // sequences named in paths
	reqs     []Request
	logMu    sync.Mutex
}

var (
	defaultSetOnce sync.Once
	defaultSetVal  *scenarioSet
	defaultSetErr  error
)

func defaultSet() (*scenarioSet, error) {
	defaultSetOnce.Do(func() {
		c, err := catalog.Default()
		if err != nil {
			defaultSetErr = fmt.Errorf("mock: %w", err)
			return
		}
		defaultSetVal = newScenarioSet(c.Entries())
	})
	return defaultSetVal, defaultSetErr
}

// NewUnstarted returns a server that is configured but not listening, like
// httptest.NewUnstartedServer: its [Server.Handler] can be used on its own,
// and [Server.Start] starts it. An unknown or unservable scenario is an
// error that lists the valid ones.
func NewUnstarted(cfg Config) (*Server, error) {
	var set *scenarioSet
	if cfg.Catalog != nil {
		set = newScenarioSet(cfg.Catalog.Entries())
	} else {
		var err error
		if set, err = defaultSet(); err != nil {
			return nil, err
		}
	}
	return newServer(cfg, set)
}

// newServer builds an unstarted server over a scenario set.
func newServer(cfg Config, set *scenarioSet) (*Server, error) {
	seq, err := set.parse(cfg.Scenario)
	if err != nil {
		return nil, err
	}
	if cfg.SlowDelay <= 0 {
		cfg.SlowDelay = DefaultSlowDelay
	}
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = DefaultBodyLimit
	}
	s := &Server{
		cfg:      cfg,
		set:      set,
		seq:      seq,
		tls:      cfg.TLS || needsTLS(seq),
		done:     make(chan struct{}),
		counters: map[string]*atomic.Int64{},
		parsed:   map[string][]*scenario{},
		counted:  map[net.Conn]bool{},
	}
	if cfg.Strict {
		s.strict = newStrict(cfg.SigningKey)
	}
	s.handler = http.HandlerFunc(s.serveHTTP)
	return s, nil
}

// New starts a server for cfg and returns it, listening. Close it when done.
func New(cfg Config) (*Server, error) {
	s, err := NewUnstarted(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Start(); err != nil {
		return nil, err
	}
	return s, nil
}

// NewServer starts a loopback server for a scenario (or sequence) and panics
// on error, like httptest.NewServer. It is meant for tests:
//
//	srv := mock.NewServer("overloaded,ok")
//	defer srv.Close()
func NewServer(scenario string) *Server {
	s, err := New(Config{Scenario: scenario})
	if err != nil {
		panic(err)
	}
	return s
}

// Start listens on the configured address and serves in the background.
func (s *Server) Start() error {
	if s.started {
		return errors.New("mock: server already started")
	}
	addr := s.cfg.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("mock: listen address %q: %w", addr, err)
	}
	if host == "" {
		return fmt.Errorf("mock: listen address %q has no host; name one, e.g. 127.0.0.1%s", addr, addr)
	}
	if s.tls {
		if err := s.makeCert(); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("mock: %w", err)
	}
	s.started = true
	s.ln = &rawListener{Listener: ln, tls: s.tlsConfig}
	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    maxRawHeader,
		ConnContext:       connContext,
		ConnState:         s.connState,
		ErrorLog:          discardLog,
	}
	scheme := "http"
	if s.tls {
		scheme = "https"
	}
	s.URL = scheme + "://" + loopback.Dialable(ln.Addr().String())
	go func() { _ = s.srv.Serve(s.ln) }()
	return nil
}

// Handler returns the server's handler. It records requests and plays the
// scenario like the listening server does, so it can be mounted elsewhere
// or called in memory. Without this package's listener, [Request.RawHeader]
// stays empty and the reset scenario needs a ResponseWriter that can be
// hijacked.
func (s *Server) Handler() http.Handler { return s.handler }

// Addr is the address the server is bound to once started (nil before
// Start). A listener on every interface reports 0.0.0.0 or [::] here, while
// URL names a dialable loopback address.
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// TLS reports whether the server serves HTTPS.
func (s *Server) TLS() bool { return s.tls }

// Certificate returns the self-signed certificate of a TLS server, or nil.
func (s *Server) Certificate() *x509.Certificate { return s.cert }

// Client returns an HTTP client for the server. For a TLS server it trusts
// the server's certificate, which the default client does not (that is the
// point of the tls scenario).
func (s *Server) Client() *http.Client {
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: time.Minute,
		ForceAttemptHTTP2:     false,
	}
	if s.cert != nil {
		pool := x509.NewCertPool()
		pool.AddCert(s.cert)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr}
}

// Close stops the server at once: it releases held requests (hang, stall,
// slow), closes every connection and waits for the handlers and connection
// goroutines to end.
func (s *Server) Close() {
	s.stop()
	if s.srv != nil {
		_ = s.srv.Close()
	}
	s.handlers.wait()
	s.conns.Wait()
}

// stop marks the server as stopping and releases held requests.
func (s *Server) stop() {
	s.closeOnce.Do(func() {
		s.connMu.Lock()
		s.closing = true
		s.connMu.Unlock()
		close(s.done)
	})
}

// connState counts connections so that Close can wait for their goroutines
// (net/http may linger on one to avoid a reset, see closeWriteAndWait).
func (s *Server) connState(c net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		s.connMu.Lock()
		defer s.connMu.Unlock()
		if s.closing {
			// Accepted as the server stopped: Close may already be waiting.
			_ = c.Close()
			return
		}
		s.conns.Add(1)
		s.counted[c] = true
	case http.StateHijacked, http.StateClosed:
		s.connMu.Lock()
		defer s.connMu.Unlock()
		if s.counted[c] {
			delete(s.counted, c)
			s.conns.Done()
		}
	}
}

// Shutdown stops the server gracefully: it stops accepting, releases held
// requests, and waits for responses in flight until ctx ends, then closes
// what remains.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stop()
	var err error
	if s.srv != nil {
		err = s.srv.Shutdown(ctx)
	}
	if err != nil {
		s.Close()
		return fmt.Errorf("mock: shutdown: %w", err)
	}
	s.handlers.wait()
	s.conns.Wait()
	return nil
}

// Requests returns a copy of the requests recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.reqs))
	copy(out, s.reqs)
	return out
}

// next returns the scenario for the next request of a sequence.
func (s *Server) next(spec string, seq []*scenario) *scenario {
	s.mu.Lock()
	c, ok := s.counters[spec]
	if !ok {
		c = new(atomic.Int64)
		s.counters[spec] = c
	}
	s.mu.Unlock()
	n := int(c.Add(1)) - 1
	return seq[min(n, len(seq)-1)]
}

// route is where a path leads.
type route struct {
	known bool        // the path is one the mock serves
	spec  string      // the sequence named in the path; "" for the default
	seq   []*scenario // the parsed sequence
	err   error       // the sequence named in the path is not valid
}

// route finds the sequence a path asks for.
func (s *Server) route(path string) route {
	if path == "/v1/messages" {
		return route{known: true, seq: s.seq}
	}
	rest, found := strings.CutPrefix(path, "/scenario/")
	if !found {
		return route{}
	}
	spec, found := strings.CutSuffix(rest, "/v1/messages")
	if !found || spec == "" || strings.Contains(spec, "/") {
		return route{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq, ok := s.parsed[spec]; ok {
		return route{known: true, spec: spec, seq: seq}
	}
	seq, err := s.set.parse(spec)
	if err == nil && len(s.parsed) >= maxSequences {
		err = fmt.Errorf("mock: more than %d distinct sequences on one server", maxSequences)
	}
	if err != nil {
		return route{known: true, spec: spec, err: err}
	}
	s.parsed[spec] = seq
	return route{known: true, spec: spec, seq: seq}
}

func (s *Server) record(r Request) {
	if s.cfg.MaxRequests < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
	if m := s.cfg.MaxRequests; m > 0 && len(s.reqs) > m {
		s.reqs = append(s.reqs[:0:0], s.reqs[len(s.reqs)-m:]...)
	}
}

// activity counts running handlers. Unlike a sync.WaitGroup it may be
// entered while someone waits (a handler mounted elsewhere can start as
// the server closes); such late handlers find the server stopped and
// return at once.
type activity struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

func (a *activity) enter() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n == 0 {
		a.idle = make(chan struct{})
	}
	a.n++
}

func (a *activity) leave() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.n--
	if a.n == 0 {
		close(a.idle)
	}
}

// wait returns when no handler is running.
func (a *activity) wait() {
	a.mu.Lock()
	if a.n == 0 {
		a.mu.Unlock()
		return
	}
	idle := a.idle
	a.mu.Unlock()
	<-idle
}
