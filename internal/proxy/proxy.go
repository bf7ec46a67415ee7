package proxy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	prom "github.com/ccerr/ccerr/internal/metrics"
	"github.com/ccerr/ccerr/internal/redact"
	"github.com/ccerr/ccerr/retry"
)

// Config configures a [Proxy]. Only Upstream is required; every other zero
// value means the default named on the field.
type Config struct {
	// Upstream is the base URL every request is forwarded to, such as
	// https://api.anthropic.com. A path in it is prefixed to request paths.
	Upstream string
	// MaxBody is the largest request body accepted, in bytes; bodies are
	// buffered whole so that retries can resend them, and a larger one is
	// answered 413 without being forwarded. Zero means [DefaultMaxBody].
	MaxBody int64
	// Policy is the retry policy. If nil, the retry package's default
	// (Claude Code's own policy) is used.
	Policy *retry.Policy
	// Transport performs each upstream attempt. If nil, the proxy builds one
	// with [NewUpstreamTransport](CAFile, MaxIdleConns).
	Transport http.RoundTripper
	// CAFile names a PEM file of extra root certificates trusted for the
	// upstream, besides the system's. Ignored when Transport is set.
	CAFile string
	// MaxIdleConns is the number of idle upstream connections kept; size it
	// for the expected concurrency. Zero means [DefaultMaxConnsPerHost].
	// Ignored when Transport is set.
	MaxIdleConns int
	// BudgetRatio is the share of recent requests that may be retried
	// (retries ≤ ratio × requests over the last 10 s). Zero means
	// [DefaultBudgetRatio]; a negative value turns the budget off.
	BudgetRatio float64
	// BudgetMinPerSecond is the retry rate always allowed, however few the
	// requests. Zero means [DefaultBudgetMinPerSecond]; negative means none.
	BudgetMinPerSecond float64
	// Logger receives one line per request and the server's events. If nil,
	// nothing is logged.
	Logger *slog.Logger
	// Metrics is the set the proxy's metrics are registered in and what
	// /metrics serves (with the process series). If nil, a new set is
	// made.
	Metrics *prom.Set
	// MaxBufferedBody bounds the request body bytes held in memory at
	// once, across requests; a request that does not fit is answered 503
	// with retry-after and not forwarded. Zero means
	// [DefaultMaxBufferedBody]; it must be at least MaxBody.
	MaxBufferedBody int64
	// ClientTimeout is the timeout assumed for clients that do not announce
	// their own in X-Stainless-Timeout (Claude Code and the Anthropic SDKs
	// do): the whole retry series of a request is fitted inside the
	// client's timeout, so that the proxy gives up, with the real cause,
	// before the client's own timer fires and it retries on top. Zero
	// means no bound for such clients.
	ClientTimeout time.Duration
	// DrainTimeout is how long [Proxy.Serve] lets requests in flight finish
	// after its context ends. Zero means 30 s.
	DrainTimeout time.Duration
	// Now is the clock of the retry budget. If nil, time.Now is used.
	Now func() time.Time
}

// Proxy is a reverse proxy to one Claude API upstream that retries failures
// the way Claude Code does, as long as nothing has been sent to the client.
// Create it with [New]; it is safe for concurrent use.
type Proxy struct {
	target   *url.URL
	joinPath bool // target has a path to prefix
	maxBody  int64
	drain    time.Duration
	clientTO time.Duration
	mem      *memBudget
	// writeIdle cuts an answer whose client has taken nothing for this
	// long (streamIdleTimeout; tests shorten it).
	writeIdle time.Duration

	ownBase *UpstreamTransport // the transport New built, closed by Close
	rt      *retry.Transport
	policy  *retry.Policy // nil: the retry package's default
	budget  *budget
	m       *metrics
	reg     *prom.Set
	log     *slog.Logger
	handler http.Handler
}

// New checks cfg and returns a Proxy.
func New(cfg Config) (*Proxy, error) {
	target, err := parseUpstream(cfg.Upstream)
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		target:    target,
		joinPath:  target.Path != "" && target.Path != "/",
		maxBody:   cfg.MaxBody,
		drain:     cfg.DrainTimeout,
		clientTO:  cfg.ClientTimeout,
		writeIdle: streamIdleTimeout,
		policy:    cfg.Policy,
		log:       cfg.Logger,
		reg:       cfg.Metrics,
	}
	if p.maxBody == 0 {
		p.maxBody = DefaultMaxBody
	}
	if p.maxBody < 0 {
		return nil, fmt.Errorf("proxy: MaxBody %d is negative", p.maxBody)
	}
	if p.drain == 0 {
		p.drain = 30 * time.Second
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.reg == nil {
		p.reg = prom.NewSet()
	}
	ratio, minRate := cfg.BudgetRatio, cfg.BudgetMinPerSecond
	if ratio == 0 {
		ratio = DefaultBudgetRatio
	}
	if minRate == 0 {
		minRate = DefaultBudgetMinPerSecond
	}
	p.budget = newBudget(ratio, minRate, cfg.Now)
	p.m = newMetrics(p.reg)
	memLimit := cfg.MaxBufferedBody
	if memLimit == 0 {
		memLimit = max(DefaultMaxBufferedBody, p.maxBody)
	}
	if memLimit < p.maxBody {
		return nil, fmt.Errorf("proxy: MaxBufferedBody %d is below MaxBody %d", memLimit, p.maxBody)
	}
	p.mem = &memBudget{limit: memLimit, m: p.m}
	p.m.bufferedLimit.Set(float64(memLimit))

	base := cfg.Transport
	if base == nil {
		t, err := NewUpstreamTransport(cfg.CAFile, cfg.MaxIdleConns)
		if err != nil {
			return nil, err
		}
		p.ownBase, base = t, t
	}
	p.rt = &retry.Transport{
		Base:       &attemptTransport{base: base, m: p.m},
		Policy:     cfg.Policy,
		OnRetry:    p.onRetry,
		AllowRetry: p.allowRetry,
	}
	p.handler = p.routes()
	return p, nil
}

// parseUpstream checks the upstream URL: http or https, a host, no query
// or fragment.
func parseUpstream(s string) (*url.URL, error) {
	if s == "" {
		return nil, errors.New("proxy: no upstream URL")
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse quotes the whole input, which may carry a key in
		// its user information or query: keep only the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("proxy: upstream URL does not parse: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("proxy: upstream URL %q: scheme must be http or https", redact.URL(u))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("proxy: upstream URL %q has no host", redact.URL(u))
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("proxy: upstream URL %q: port %s is not between 1 and 65535", redact.URL(u), port)
		}
	}
	if u.User != nil {
		return nil, fmt.Errorf("proxy: upstream URL %q: credentials in the URL are not supported; clients send their own", redact.URL(u))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("proxy: upstream URL %q: a query or fragment is not supported", redact.URL(u))
	}
	return u, nil
}

// Upstream returns the upstream URL.
func (p *Proxy) Upstream() string { return p.target.String() }

// Close releases the idle upstream connections of the transport [New]
// built. Requests in flight are not affected.
func (p *Proxy) Close() {
	if p.ownBase != nil {
		p.ownBase.CloseIdleConnections()
	}
}

// ServeHTTP forwards r to the upstream and streams the answer back. It
// serves every path; [Proxy.Handler] adds /metrics and /healthz.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	st := newState()
	status := p.serve(w, r, st)
	p.m.request(status)
	p.logRequest(r, st, status, time.Since(start))
	abort := st.abort
	st.free()
	if abort {
		// As httputil.ReverseProxy does: the server closes the connection
		// without a clean end of the response.
		panic(http.ErrAbortHandler)
	}
}

// serve does the work of ServeHTTP and returns the status sent to the
// client: 499 when the client went away before any answer.
func (p *Proxy) serve(w http.ResponseWriter, r *http.Request, st *state) int {
	if status, ok := p.refuse(w, r); !ok {
		return status
	}
	p.budget.request()
	p.m.inflight.Inc()
	defer p.m.inflight.Dec()

	// The whole retry series must end before the client's own timeout, or
	// the client retries on top of the proxy's retries (FACTS §9.5). The
	// time the body takes to arrive counts.
	if budget := p.clientBudget(r.Header); budget > 0 {
		st.budget = budget
		st.deadline = time.Now().Add(budget - answerMargin(budget))
	}

	var hb *heldBody
	if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
		var held int64
		body, err := readBody(w, r, p.maxBody, p.mem, &held)
		hb = &heldBody{mem: p.mem, n: held, b: body}
		defer hb.end()
		switch {
		case errors.Is(err, errMemoryFull):
			// The proxy's own overload: the client may try again shortly.
			p.m.bodyRefused.Inc()
			id := string(catalog.ServerError)
			st.addFailure(id)
			h := w.Header()
			h.Set(headerError, id)
			h.Set("Retry-After", "1")
			h.Set("Connection", "close")
			writeAPIError(w, statusLocalOverload, "api_error", fmt.Sprintf("ccerr proxy: too many request bodies in memory at once (limit %d bytes), so this one was not forwarded; try again in a moment", p.mem.limit))
			return statusLocalOverload
		case errors.Is(err, errBodyTooLarge):
			st.addFailure(string(catalog.RequestTooLarge))
			writeAPIError(w, http.StatusRequestEntityTooLarge, "request_too_large", tooLargeMessage)
			return http.StatusRequestEntityTooLarge
		case err != nil:
			// Never return without an answer: net/http would send an empty
			// 200 for a request that was not forwarded. A client that is
			// still there (one that half-closed, say) reads why.
			status, msg := http.StatusBadRequest, "ccerr proxy: the request body ended early or is malformed, so it was not forwarded: "
			if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
				status, msg = http.StatusRequestTimeout, "ccerr proxy: the request body did not arrive in time, so it was not forwarded: "
			}
			w.Header().Set("Connection", "close")
			writeAPIError(w, status, "invalid_request_error", msg+err.Error())
			if r.Context().Err() != nil {
				st.clientGone = true
				return statusClientGone
			}
			return status
		}
		st.body = hb
	}

	ctx := context.WithValue(r.Context(), stateKey{}, st)
	if hb == nil {
		// With a body, each attempt gets a trace of its own (see
		// attemptTransport).
		ctx = httptrace.WithClientTrace(ctx, st.trace())
	}
	var budgetTimer *time.Timer
	if st.budget > 0 {
		var cancel context.CancelCauseFunc
		ctx, cancel = context.WithCancelCause(ctx)
		defer cancel(nil)
		budgetTimer = time.AfterFunc(time.Until(st.deadline), func() { cancel(errClientBudget) })
		defer budgetTimer.Stop()
	}
	out := r.WithContext(ctx) // shallow copy; the inbound request is not used again
	out.RequestURI = ""
	out.Host = "" // the URL's host, i.e. the upstream's
	out.URL = p.targetURL(r.URL)
	out.Close = false
	out.TransferEncoding = nil
	out.Trailer = nil
	removeHopRequestHeaders(out.Header)
	// The body is read whole before anything goes upstream, so there is
	// nothing to wait for a 100 Continue about (net/http answered the
	// client's Expect itself).
	delete(out.Header, "Expect")
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header["User-Agent"] = nil // net/http would add its own
	}
	if hb != nil {
		out.ContentLength = int64(len(hb.b))
		out.GetBody = hb.getBody
		out.Body, _ = out.GetBody()
	} else {
		out.ContentLength = 0
		out.Body = nil
		out.GetBody = nil
	}

	resp, err := p.rt.RoundTrip(out)
	if hb != nil && err == nil && resp.StatusCode < 400 {
		// No retry can follow: the body is let go as soon as no attempt
		// holds it, however long the answer runs. (A failure is classified
		// once more, which reads the model from the body; its answer is
		// short.)
		hb.answerBegan()
	}
	if budgetTimer != nil {
		// The answer has begun: its body may take as long as it takes.
		budgetTimer.Stop()
	}
	if err != nil {
		if errors.Is(context.Cause(ctx), errClientBudget) && r.Context().Err() == nil {
			err = &retry.Error{Failure: &classify.Failure{ID: catalog.RequestTimeout, Err: err}, Last: err, Attempts: st.attempts}
		}
		return p.writeTransportError(w, r, st, err)
	}
	return p.writeResponse(w, r, st, resp)
}

// statusClientGone is logged (nginx's convention) when the client closed
// the connection before it got an answer.
const statusClientGone = 499

// refuse answers requests the proxy does not forward: CONNECT,
// absolute-form URLs that name another host, and paths whose ".." segments
// (plain or escaped) would leave the upstream's path prefix; it resolves the
// dot segments of the others. It reports whether r may go on.
func (p *Proxy) refuse(w http.ResponseWriter, r *http.Request) (int, bool) {
	if r.Method == http.MethodConnect {
		st := http.StatusMethodNotAllowed
		writeAPIError(w, st, "invalid_request_error", "ccerr proxy: CONNECT is refused; this is a reverse proxy for "+p.target.Host+", not an open proxy")
		return st, false
	}
	if r.URL.Host != "" && !sameHost(r.URL, p.target) {
		st := http.StatusForbidden
		writeAPIError(w, st, "permission_error", "ccerr proxy: requests for other hosts are refused; this proxy forwards only to "+p.target.Host)
		return st, false
	}
	if !strings.HasPrefix(r.URL.Path, "/") {
		st := http.StatusBadRequest
		writeAPIError(w, st, "invalid_request_error", "ccerr proxy: the request target must be a path")
		return st, false
	}
	clean, changed, ok := cleanPath(r.URL.Path)
	if !ok {
		st := http.StatusBadRequest
		writeAPIError(w, st, "invalid_request_error", "ccerr proxy: the path climbs out of the upstream's base path with \"..\"; it is refused")
		return st, false
	}
	if changed {
		// r.URL is the inbound request's own; serve builds the outbound
		// URL from it, and nothing reads the original path afterwards.
		r.URL.Path, r.URL.RawPath = clean, ""
	}
	return 0, true
}

// sameHost reports whether an absolute-form request URL names the upstream
// (host and port, with the scheme's default port filled in).
func sameHost(u, target *url.URL) bool {
	return strings.EqualFold(u.Hostname(), target.Hostname()) && portOf(u) == portOf(target)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// targetURL is the upstream URL for a request URL: the upstream's scheme and
// host, its path joined with the request's, and the request's query.
func (p *Proxy) targetURL(in *url.URL) *url.URL {
	u := &url.URL{
		Scheme:   p.target.Scheme,
		Host:     p.target.Host,
		Path:     in.Path,
		RawPath:  in.RawPath,
		RawQuery: in.RawQuery,
	}
	if p.joinPath {
		u.Path, u.RawPath = joinURLPath(p.target, in)
	}
	return u
}

// joinURLPath joins the upstream path and the request path with exactly one
// slash, keeping an escaped form when either has one.
func joinURLPath(a, b *url.URL) (path, rawpath string) {
	if a.RawPath == "" && b.RawPath == "" {
		return singleJoin(a.Path, b.Path), ""
	}
	apath, bpath := a.EscapedPath(), b.EscapedPath()
	return singleJoin(a.Path, b.Path), singleJoin(apath, bpath)
}

func singleJoin(a, b string) string {
	as, bs := strings.HasSuffix(a, "/"), strings.HasPrefix(b, "/")
	switch {
	case as && bs:
		return a + b[1:]
	case !as && !bs:
		return a + "/" + b
	}
	return a + b
}

// onRetry records a failed attempt that will be retried.
func (p *Proxy) onRetry(req *http.Request, ev retry.Event) {
	p.m.retries.Inc()
	if ev.Failure != nil {
		p.m.failures.WithLabelValues(failureID(ev.Failure)).Inc()
		if st := stateFrom(req.Context()); st != nil {
			st.addFailure(failureID(ev.Failure))
		}
	}
}

// allowRetry is the retry budget's gate. It also stops at once when the
// proxy ran out of file descriptors: retrying would only take more.
func (p *Proxy) allowRetry(req *http.Request, ev retry.Event) bool {
	st := stateFrom(req.Context())
	if st != nil && (st.localOverload || !st.fitsBudget(ev.Delay)) {
		return false
	}
	if p.budget.allowRetry() {
		return true
	}
	p.m.budgetExhausted.Inc()
	if st != nil {
		st.budgetDenied = true
	}
	return false
}

// noID is what failureID gives when no catalog entry fits: a metrics
// label and a log value, never an x-ccerr-error.
const noID = "unknown"

// failureID is the catalog id of f, or noID when no entry fits.
func failureID(f *classify.Failure) string {
	if f == nil || f.ID == "" {
		return noID
	}
	return string(f.ID)
}

// attemptTransport counts and times each upstream attempt.
type attemptTransport struct {
	base http.RoundTripper
	m    *metrics
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := stateFrom(req.Context())
	var ba *bodyAttempt
	if st != nil {
		st.attempts++
		if st.body != nil {
			if ba = st.body.attempt(); ba != nil {
				req = req.WithContext(httptrace.WithClientTrace(req.Context(), ba.trace(st.tr.GotConn)))
			}
		}
	}
	t.m.attempts.Inc()
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	if ba != nil {
		ba.returned(err)
	}
	took := time.Since(start)
	t.m.upstreamLatency.Observe(took.Seconds())
	if st := stateFrom(req.Context()); st != nil {
		st.lastAttempt = took
		if err != nil && outOfFiles(err) {
			st.localOverload = true
		}
	}
	return resp, err
}
