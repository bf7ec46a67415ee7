package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/loopback"
	"github.com/ccerr/ccerr/internal/proxy"
	"github.com/ccerr/ccerr/retry"
)

// proxyOptions are the settings of `ccerr proxy`.
type proxyOptions struct {
	Upstream       string
	Listen         string
	AllowRemote    bool
	MaxBody        string
	MaxBuffered    string
	CAFile         string
	LogFormat      string
	LogLevel       string
	DrainTimeout   time.Duration
	ClientTimeout  time.Duration
	RetryBudget    float64
	RetryBudgetMin float64
	MaxIdleConns   int
	Procs          int

	// fromEnv maps the flags set from the environment to their variables,
	// so that errors name what the user actually wrote.
	fromEnv map[string]string
}

// src names where a flag's value came from: "--max-body" or
// "CCERR_PROXY_MAX_BODY".
func (o *proxyOptions) src(flag string) string {
	if env, ok := o.fromEnv[flag]; ok {
		return env
	}
	return "--" + flag
}

// proxyEnvPrefix prefixes the environment variable of every proxy flag:
// --max-body is CCERR_PROXY_MAX_BODY.
const proxyEnvPrefix = "CCERR_PROXY_"

// logFlushInterval is the longest a log line waits when stderr is not a
// terminal.
const logFlushInterval = 200 * time.Millisecond

// proxyProcs is the GOMAXPROCS the proxy sets, or 0 to leave Go's: the
// --procs value when given; else, unless GOMAXPROCS is set, half of avail
// (the CPUs Go would use), and at least 1.
func proxyProcs(flag int, envSet bool, avail int) int {
	switch {
	case flag > 0:
		return flag
	case envSet:
		return 0
	}
	return max(1, avail/2)
}

// proxyGCPercent is the garbage collector's target while the proxy runs,
// unless GOGC is set.
const proxyGCPercent = 400

func newProxyCmd(f *Factory) *cobra.Command {
	opts := &proxyOptions{}
	cmd := &cobra.Command{
		Use:   "proxy",
		Short: core.Short("proxy"),
		Long: strings.TrimSpace(`
Run a local gateway that any Claude API client can use as its base URL.
Each request goes to the one upstream with its headers and body untouched;
failures that happen before the answer starts (5xx, 529, temporary 429s,
dropped or refused connections, per-attempt timeouts) are retried the way
Claude Code retries them, within a budget of 20% of recent requests. Once
any byte of an answer has reached the client nothing is retried: a stream
that breaks reaches the client as it broke.

When the proxy gives up it passes on the upstream's last answer and adds
x-should-retry: false (so the client does not retry on top of it), caps
retry-after at 60 seconds, and says what it did in x-ccerr-attempts and
x-ccerr-error (the catalog id; see 'ccerr explain <id>'). Its own answers
are worded so that Claude Code still names the real cause: a storm of 529s
as "Repeated 529 Overloaded errors", no connection as 424 "Unable to
connect to API (CODE)", no answer in time as 408 "Request timed out".

The retries of a request always end before the client's own timeout, read
from X-Stainless-Timeout (Claude Code sends API_TIMEOUT_MS there) or, for
clients that send none, --client-timeout: the proxy answers in time with
the real cause instead of letting the client time out and send again.

The proxy listens on 127.0.0.1:8787 unless told otherwise, and only on
loopback without --allow-remote. It is not an open proxy: CONNECT and
requests for other hosts are refused. GET /metrics serves Prometheus
metrics and GET /healthz answers "ok". SIGINT or SIGTERM stops it after
the requests in flight finish (up to --drain-timeout).

Every flag can also be set in the environment as CCERR_PROXY_<FLAG>, e.g.
CCERR_PROXY_UPSTREAM or CCERR_PROXY_MAX_BODY; a flag on the command line
wins. The retry policy reads CLAUDE_CODE_MAX_RETRIES (retries per request)
and API_TIMEOUT_MS (per-attempt timeout), as Claude Code does. Extra CA
certificates for the upstream come from --ca-file, else NODE_EXTRA_CA_CERTS.

Unless GOGC is set, the proxy runs Go's garbage collector at GOGC=400
rather than 100: its live heap is small, and collecting less often buys
throughput for a few MiB of memory. Set GOGC to choose another value.

Unless --procs or GOMAXPROCS says otherwise, the proxy runs Go code on
half of the CPUs it may use, and at least one. It usually shares the
machine with the clients it serves, and on a busy machine fewer scheduler
threads answer both faster and more evenly (measured: docs/proxy.md). One
CPU forwards well over ten thousand requests a second.`),
		Example: `  # Put Claude Code behind the proxy
  ccerr proxy --upstream https://api.anthropic.com &
  ANTHROPIC_BASE_URL=http://127.0.0.1:8787 claude

  # JSON logs, another port, a corporate CA for a TLS-inspecting gateway
  ccerr proxy --listen 127.0.0.1:9000 --log-format json --ca-file corp-ca.pem

  # Try it against the fake API
  ccerr mock --scenario overloaded,overloaded,ok &
  ccerr proxy --upstream http://127.0.0.1:8788`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fromEnv, err := flagsFromEnv(cmd.Flags(), f.IO.Getenv)
			if err != nil {
				return err
			}
			opts.fromEnv = fromEnv
			return runProxy(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Upstream, "upstream", "https://api.anthropic.com", "base URL of the Claude API to forward to")
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:8787", "address to listen on, host:port")
	fl.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a --listen address that is not loopback (anyone who reaches it can use the proxy)")
	fl.StringVar(&opts.MaxBody, "max-body", "32MiB", "largest request body; larger ones get a 413 and are not forwarded")
	fl.StringVar(&opts.MaxBuffered, "max-buffered-body", "256MiB", "request body bytes held in memory at once, across requests; past it requests get 503 to retry")
	fl.StringVar(&opts.CAFile, "ca-file", "", "PEM file of extra CA certificates to trust for the upstream (default $NODE_EXTRA_CA_CERTS)")
	fl.StringVar(&opts.LogFormat, "log-format", "text", "log format on stderr: text or json")
	fl.StringVar(&opts.LogLevel, "log-level", "info", "least severe log level: debug, info, warn or error (info logs one line per request)")
	fl.DurationVar(&opts.ClientTimeout, "client-timeout", 10*time.Minute, "for clients that send no X-Stainless-Timeout: how long they wait, so the retries end before they give up (0: no bound)")
	fl.DurationVar(&opts.DrainTimeout, "drain-timeout", 30*time.Second, "on SIGINT/SIGTERM, how long requests in flight may go on")
	fl.Float64Var(&opts.RetryBudget, "retry-budget", proxy.DefaultBudgetRatio, "retries allowed as a share of recent requests; negative turns the budget off")
	fl.Float64Var(&opts.RetryBudgetMin, "retry-budget-min", proxy.DefaultBudgetMinPerSecond, "retries per second always allowed, however few the requests")
	fl.IntVar(&opts.MaxIdleConns, "max-idle-conns", proxy.DefaultMaxConnsPerHost, "idle upstream connections kept; at least the expected concurrency")
	fl.IntVar(&opts.Procs, "procs", 0, "CPUs that run the proxy's Go code at once (GOMAXPROCS); 0: half of those it may use, at least 1, unless GOMAXPROCS is set")
	_ = cmd.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("log-level", cobra.FixedCompletions([]string{"debug", "info", "warn", "error"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// flagsFromEnv sets each flag not given on the command line from its
// CCERR_PROXY_* variable, when that is set, and returns which it set.
func flagsFromEnv(fs *pflag.FlagSet, getenv func(string) string) (map[string]string, error) {
	var err error
	set := map[string]string{}
	fs.VisitAll(func(fl *pflag.Flag) {
		if err != nil || fl.Changed || fl.Name == "help" {
			return
		}
		name := proxyEnvPrefix + strings.ToUpper(strings.ReplaceAll(fl.Name, "-", "_"))
		if v := getenv(name); v != "" {
			if serr := fs.Set(fl.Name, v); serr != nil {
				err = usagef("%s=%q: %v", name, v, serr)
				return
			}
			set[fl.Name] = name
		}
	})
	return set, err
}

// proxyConfig checks opts and turns them into the proxy's configuration.
func proxyConfig(f *Factory, opts *proxyOptions, logger *slog.Logger) (proxy.Config, error) {
	maxBody, err := proxy.ParseSize(opts.MaxBody)
	if err != nil {
		return proxy.Config{}, usagef("%s: %v", opts.src("max-body"), err)
	}
	if maxBody <= 0 {
		return proxy.Config{}, usagef("%s must be more than 0", opts.src("max-body"))
	}
	maxBuffered, err := proxy.ParseSize(opts.MaxBuffered)
	if err != nil {
		return proxy.Config{}, usagef("%s: %v", opts.src("max-buffered-body"), err)
	}
	if maxBuffered < maxBody {
		return proxy.Config{}, usagef("%s must be at least %s (%s)", opts.src("max-buffered-body"), opts.src("max-body"), opts.MaxBody)
	}
	if opts.DrainTimeout <= 0 {
		return proxy.Config{}, usagef("%s must be more than 0, not %s", opts.src("drain-timeout"), opts.DrainTimeout)
	}
	if opts.ClientTimeout < 0 {
		return proxy.Config{}, usagef("%s must not be negative, not %s", opts.src("client-timeout"), opts.ClientTimeout)
	}
	if opts.RetryBudget == 0 || opts.RetryBudget > 1 {
		return proxy.Config{}, usagef("%s must be in (0, 1], or negative to turn the budget off, not %g", opts.src("retry-budget"), opts.RetryBudget)
	}
	if opts.RetryBudgetMin < 0 {
		return proxy.Config{}, usagef("%s must not be negative, not %g", opts.src("retry-budget-min"), opts.RetryBudgetMin)
	}
	if opts.MaxIdleConns <= 0 {
		return proxy.Config{}, usagef("%s must be more than 0, not %d", opts.src("max-idle-conns"), opts.MaxIdleConns)
	}
	if opts.Procs < 0 {
		return proxy.Config{}, usagef("%s must not be negative, not %d", opts.src("procs"), opts.Procs)
	}
	if _, _, err := net.SplitHostPort(opts.Listen); err != nil {
		return proxy.Config{}, usagef("%s %q: want host:port, e.g. 127.0.0.1:8787", opts.src("listen"), opts.Listen)
	}
	caFile := opts.CAFile
	if caFile == "" {
		caFile = f.IO.Getenv("NODE_EXTRA_CA_CERTS")
	}
	policy, warnings := retry.PolicyFromEnv(f.IO.Getenv)
	for _, w := range warnings {
		logger.Warn(w)
	}
	minRate := opts.RetryBudgetMin
	if minRate == 0 {
		minRate = -1 // Config's zero means the default; the user asked for none
	}
	return proxy.Config{
		Upstream:           opts.Upstream,
		MaxBody:            maxBody,
		MaxBufferedBody:    maxBuffered,
		Policy:             policy,
		CAFile:             caFile,
		MaxIdleConns:       opts.MaxIdleConns,
		BudgetRatio:        opts.RetryBudget,
		BudgetMinPerSecond: minRate,
		Logger:             logger,
		DrainTimeout:       opts.DrainTimeout,
		ClientTimeout:      opts.ClientTimeout,
	}, nil
}

// newProxyLogger builds the slog logger writing to w.
func newProxyLogger(w io.Writer, opts *proxyOptions) (*slog.Logger, error) {
	format, level := opts.LogFormat, opts.LogLevel
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("%s must be debug, info, warn or error, not %q", opts.src("log-level"), level)
	}
	ho := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, ho)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, ho)), nil
	}
	return nil, usagef("%s must be text or json, not %q", opts.src("log-format"), format)
}

func runProxy(ctx context.Context, f *Factory, opts *proxyOptions) error {
	logOut := f.IO.Err
	if !f.IO.ErrTTY {
		// Into a pipe or file, log lines go out in batches: a write per
		// request would cost more than the proxying itself.
		lw := proxy.NewLogWriter(f.IO.Err, logFlushInterval)
		defer lw.Close()
		logOut = lw
	}
	logger, err := newProxyLogger(logOut, opts)
	if err != nil {
		return err
	}
	cfg, err := proxyConfig(f, opts, logger)
	if err != nil {
		return err
	}
	p, err := proxy.New(cfg)
	if err != nil {
		return usagef("%v", err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if f.IO.Getenv("GOGC") == "" {
		// The proxy's live heap is small and its garbage per request
		// constant; collecting less often buys about a fifth more
		// throughput for a few MiB (measured with bench/proxy.sh).
		debug.SetGCPercent(proxyGCPercent)
	}
	if n := proxyProcs(opts.Procs, f.IO.Getenv("GOMAXPROCS") != "", runtime.GOMAXPROCS(0)); n > 0 {
		runtime.GOMAXPROCS(n)
	}
	logger.Info("proxy scheduler", "gomaxprocs", runtime.GOMAXPROCS(0))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := loopback.Listen(ctx, opts.Listen, opts.AllowRemote)
	if nl, ok := errors.AsType[*loopback.NotLoopbackError](err); ok {
		if nl.Bound != nl.Addr {
			return usagef("%s %q is bound to %s, which is not a loopback address; add --allow-remote to accept clients from other machines", opts.src("listen"), opts.Listen, nl.Bound)
		}
		return usagef("%s %q is not a loopback address; add --allow-remote to accept clients from other machines", opts.src("listen"), opts.Listen)
	}
	if err != nil {
		return fmt.Errorf("proxy: %w", err)
	}
	if !loopback.Bound(ln) {
		logger.Warn("listening beyond loopback: anyone who can reach this address can send requests through the proxy", "addr", ln.Addr().String())
	}
	addr := loopback.Dialable(ln.Addr().String())
	fmt.Fprintf(f.IO.Err, "ccerr proxy: forwarding http://%s to %s\n  export ANTHROPIC_BASE_URL=http://%s\n", addr, p.Upstream(), addr)
	if err := p.Serve(ctx, ln); err != nil {
		return err
	}
	return nil
}
