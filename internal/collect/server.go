package collect

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ccerr/ccerr/internal/store"
)

// Defaults of [Config].
const (
	DefaultMaxBody    = 8 << 20  // bytes of a request body as sent
	DefaultMaxDecoded = 32 << 20 // bytes of a body once decompressed
	DefaultCommitWait = 10 * time.Second
	DefaultDrain      = 10 * time.Second
)

// Config configures a [Server]. The zero value of every field but Store
// works.
type Config struct {
	// Store keeps the failures. Required.
	Store *store.Store
	// Token, when set, must arrive with every request but /healthz: as
	// "Authorization: Bearer <token>" (what Claude Code sends when
	// OTEL_EXPORTER_OTLP_HEADERS is "Authorization=Bearer <token>"), as the
	// password of HTTP basic authentication (for a browser), or as gRPC
	// metadata authorization: Bearer <token>. Empty means no token.
	Token string
	// KeepEmails keeps user.email. By default e-mail addresses are dropped
	// before anything is stored.
	KeepEmails bool
	// MaxBody bounds a request body as sent; 0 means [DefaultMaxBody].
	MaxBody int64
	// MaxDecoded bounds a body once decompressed, and a gRPC message; 0
	// means [DefaultMaxDecoded].
	MaxDecoded int64
	// CommitWait bounds how long a request waits for its batch to be
	// committed before it is answered 503; 0 means [DefaultCommitWait].
	CommitWait time.Duration
	// Drain bounds how long requests in flight may go on at shutdown; 0
	// means [DefaultDrain].
	Drain time.Duration
	// ModelLabels caps the distinct model labels of the metrics; 0 means
	// [DefaultModelLabels].
	ModelLabels int
	// Logger receives one line per rejected request and per store error.
	// Nil means no logging.
	Logger *slog.Logger
	// Now is the clock of the read API's default time range; nil means
	// time.Now.
	Now func() time.Time
}

// Server receives Claude Code's telemetry and hook records, and serves
// what it stored.
type Server struct {
	// Page, when set, is served at "/" and below paths the server does not
	// otherwise handle (the report page). Set it before Serve.
	Page http.Handler

	cfg     Config
	metrics *collectMetrics
	commits []*committer // one writer per shard of sessions
	started sync.Once
	stop    context.CancelFunc // stops the committer
	stopped chan struct{}      // closed when the committer has stopped
	ctx     context.Context    // the committer's
}

// New checks cfg and returns a server.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("collect: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxDecoded <= 0 {
		cfg.MaxDecoded = DefaultMaxDecoded
	}
	if cfg.CommitWait <= 0 {
		cfg.CommitWait = DefaultCommitWait
	}
	if cfg.Drain <= 0 {
		cfg.Drain = DefaultDrain
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	m := newMetrics(cfg.ModelLabels)
	ctx, stop := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, metrics: m, ctx: ctx, stop: stop, stopped: make(chan struct{})}
	for range cfg.Store.Writers() {
		s.commits = append(s.commits, newCommitter(cfg.Store, m))
	}
	return s, nil
}

// Handler returns the HTTP interface: POST /v1/logs, /v1/metrics and
// /v1/hook; GET /api/errors, /metrics and /healthz; and [Server.Page] at "/".
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/logs", s.handleLogs)
	mux.HandleFunc("POST /v1/metrics", s.handleMetrics)
	mux.HandleFunc("POST /v1/hook", s.handleHook)
	mux.HandleFunc("GET /api/errors", s.handleErrors)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		s.metrics.write(w)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if s.Page != nil {
			s.Page.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
	healthz := func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" && r.Method == http.MethodGet {
			healthz(w, r)
			return
		}
		if !s.authorized(r.Header.Get("Authorization")) {
			s.metrics.reject(rejectAuth)
			w.Header().Set("WWW-Authenticate", `Basic realm="ccerr collect"`)
			http.Error(w, "collect: missing or wrong token: send Authorization: Bearer <token> (for Claude Code: OTEL_EXPORTER_OTLP_HEADERS=\"Authorization=Bearer <token>\")", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// authorized checks an Authorization header against the token: Bearer
// <token>, or Basic with the token as password.
func (s *Server) authorized(h string) bool {
	if s.cfg.Token == "" {
		return true
	}
	scheme, cred, _ := strings.Cut(strings.TrimSpace(h), " ")
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
	case "basic":
		b, err := base64.StdEncoding.DecodeString(cred)
		if err != nil {
			return false
		}
		_, cred, _ = strings.Cut(string(b), ":")
	default:
		return false
	}
	return subtle.ConstantTimeCompare([]byte(cred), []byte(s.cfg.Token)) == 1
}

// start starts the committer, once.
func (s *Server) start() {
	s.started.Do(func() {
		var wg sync.WaitGroup
		for _, c := range s.commits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.run(s.ctx)
			}()
		}
		go func() {
			wg.Wait()
			close(s.stopped)
		}()
	})
}

// Close stops the committer, after the batch it is committing; batches
// still queued are refused (their senders send them again). Close does not
// close the store. Serve calls it on its way out; a caller of [Server.Handler]
// calls it once no request is in flight.
func (s *Server) Close() {
	s.started.Do(func() { close(s.stopped) }) // never started: nothing to wait for
	s.stop()
	<-s.stopped
}

// httpServer is an HTTP server for h with the collector's bounds: on the
// request head, the whole request, the answer, idle connections and header
// size; its errors go to the log as warnings.
func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
}

// Serve answers HTTP on httpLn and gRPC on grpcLn (either may be nil) until
// ctx is done, then lets requests in flight finish for up to Config.Drain
// and commits what they sent.
func (s *Server) Serve(ctx context.Context, httpLn, grpcLn net.Listener) error {
	defer s.Close()
	s.start()

	errc := make(chan error, 2)
	var hs *http.Server
	if httpLn != nil {
		hs = s.httpServer(s.Handler())
		go func() { errc <- hs.Serve(httpLn) }()
	}
	var gs *http.Server
	if grpcLn != nil {
		gs = s.grpcServer()
		go func() { errc <- gs.Serve(grpcLn) }()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.Drain)
	defer cancel()
	for _, srv := range []*http.Server{hs, gs} {
		if srv != nil {
			if serr := srv.Shutdown(drain); serr != nil {
				srv.Close()
			}
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
