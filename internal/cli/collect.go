package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/internal/collect"
	"github.com/ccerr/ccerr/internal/loopback"
	"github.com/ccerr/ccerr/internal/proxy"
	"github.com/ccerr/ccerr/internal/status"
	"github.com/ccerr/ccerr/internal/store"
)

// collectOptions are the settings of `ccerr collect`.
type collectOptions struct {
	// StatusURL is the status page the report page reads; "" for none.
	StatusURL   string
	Listen      string
	GRPCListen  string
	DB          string
	AllowRemote bool
	Token       string
	KeepEmails  bool
	MaxBody     string
	MaxDecoded  string
	ModelLabels int
	LogFormat   string
	Drain       time.Duration
}

// collectTokenEnv holds the token when --token is not given, so that it
// stays out of the process list.
const collectTokenEnv = "CCERR_COLLECT_TOKEN"

func newCollectCmd(f *Factory) *cobra.Command {
	opts := &collectOptions{}
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Receive Claude Code's error telemetry and hook records, classified",
		Long: strings.TrimSpace(`
Receive the failures Claude Code reports, name each one with its catalog
entry, and keep them: one place for every error a team meets.

Claude Code with telemetry on sends an OTLP log event for every failed
request (claude_code.api_error) and every exhausted retry series
(claude_code.api_retries_exhausted). ccerr collect takes them over
OTLP/HTTP (POST /v1/logs, JSON or protobuf, gzip or not) and OTLP/gRPC,
and 'ccerr hook stop-failure' records over POST /v1/hook. One api_error
is one failure; the exhausted event after it adds the attempts and the
retry time; a hook record and a telemetry event of the same session and
prompt are the same failure; a batch sent twice is counted once. A
request is answered only after what it carried is committed.

The failures go to a SQLite file in ccerr's data directory
($XDG_DATA_HOME/ccerr/ccerr.db, else ~/.local/share/ccerr/ccerr.db) or,
with --db postgres://…, to a PostgreSQL database that several collectors
behind a load balancer can share. E-mail addresses (user.email, sent for
subscription logins) are dropped unless --keep-emails.

Read them back with GET /api/errors?since=24h&by=id (or by=user, model,
hour): JSON rows of catalog id, count, final, retried, first and last
seen. GET /metrics serves Prometheus text with
ccerr_claude_code_errors_total{id,side,model}; GET /healthz answers "ok".

ccerr collect listens on loopback only (127.0.0.1:4318 for HTTP,
127.0.0.1:4317 for gRPC). Listening on any other address needs
--allow-remote AND a token (--token or CCERR_COLLECT_TOKEN); every
request must then carry "Authorization: Bearer <token>", which Claude
Code sends when OTEL_EXPORTER_OTLP_HEADERS is "Authorization=Bearer
<token>". Bodies are limited before and after decompression.`),
		Example: `  # Start the collector, then point Claude Code at it
  ccerr collect &
  export CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp
  export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318
  claude

  # What failed in the last day, by entry; by user
  curl -s 'http://127.0.0.1:4318/api/errors?since=24h'
  curl -s 'http://127.0.0.1:4318/api/errors?since=7d&by=user'

  # A team's collector on a shared PostgreSQL
  CCERR_COLLECT_TOKEN=… ccerr collect --listen 0.0.0.0:4318 --grpc-listen 0.0.0.0:4317 \
    --allow-remote --db postgres://ccerr@db.internal/ccerr`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !storeLinked() {
				return handOver(f, "ccerr collect")
			}
			return runCollect(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:4318", "address for OTLP/HTTP, the JSON API and /metrics, host:port")
	fl.StringVar(&opts.GRPCListen, "grpc-listen", "127.0.0.1:4317", `address for OTLP/gRPC, host:port; "off" for none`)
	fl.StringVar(&opts.DB, "db", "", "store: a SQLite file path, or postgres://… (default $XDG_DATA_HOME/ccerr/ccerr.db)")
	fl.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow addresses that are not loopback (a token is then required)")
	fl.StringVar(&opts.Token, "token", "", "token every request must carry as Authorization: Bearer <token> (default $CCERR_COLLECT_TOKEN)")
	fl.BoolVar(&opts.KeepEmails, "keep-emails", false, "store user.email; by default e-mail addresses are dropped")
	fl.StringVar(&opts.MaxBody, "max-body", "8MiB", "largest request body as sent")
	fl.StringVar(&opts.MaxDecoded, "max-decoded", "32MiB", "largest request body once decompressed, and largest gRPC message")
	fl.IntVar(&opts.ModelLabels, "model-labels", collect.DefaultModelLabels, `distinct model labels in /metrics before the rest are "other"`)
	fl.StringVar(&opts.LogFormat, "log-format", "text", "log format on stderr: text or json")
	fl.DurationVar(&opts.Drain, "drain-timeout", collect.DefaultDrain, "on SIGINT/SIGTERM, how long requests in flight may go on")
	fl.StringVar(&opts.StatusURL, "status-url", status.DefaultURL, `status page whose incidents the report page at / draws; "" for none`)
	_ = cmd.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// collectSettings checks opts: addresses, the token rule, sizes.
func collectSettings(f *Factory, opts *collectOptions) (collect.Config, error) {
	var cfg collect.Config
	if opts.Token == "" {
		opts.Token = f.IO.Getenv(collectTokenEnv)
	}
	remote := false
	for _, a := range []struct{ flag, addr string }{{"--listen", opts.Listen}, {"--grpc-listen", opts.GRPCListen}} {
		if a.flag == "--grpc-listen" && a.addr == "off" {
			continue
		}
		if _, _, err := net.SplitHostPort(a.addr); err != nil {
			return cfg, usagef("%s %q: want host:port, e.g. 127.0.0.1:4318", a.flag, a.addr)
		}
		if !loopback.Addr(a.addr) {
			remote = true
			if !opts.AllowRemote {
				return cfg, usagef("%s %q is not a loopback address; add --allow-remote and a token (--token or %s) to accept other machines", a.flag, a.addr, collectTokenEnv)
			}
		}
	}
	if remote && opts.Token == "" {
		return cfg, usagef("listening beyond loopback needs a token: set %s (or --token); Claude Code then sends it with OTEL_EXPORTER_OTLP_HEADERS=\"Authorization=Bearer <token>\"", collectTokenEnv)
	}
	maxBody, err := proxy.ParseSize(opts.MaxBody)
	if err != nil || maxBody <= 0 {
		return cfg, usagef("--max-body %q: want a size above 0 such as 8MiB", opts.MaxBody)
	}
	maxDecoded, err := proxy.ParseSize(opts.MaxDecoded)
	if err != nil || maxDecoded <= 0 || maxDecoded > 1<<30 {
		return cfg, usagef("--max-decoded %q: want a size above 0 and at most 1GiB, such as 32MiB", opts.MaxDecoded)
	}
	if opts.ModelLabels <= 0 {
		return cfg, usagef("--model-labels must be more than 0, not %d", opts.ModelLabels)
	}
	if opts.Drain <= 0 {
		return cfg, usagef("--drain-timeout must be more than 0, not %s", opts.Drain)
	}
	if opts.LogFormat != "text" && opts.LogFormat != "json" {
		return cfg, usagef("--log-format must be text or json, not %q", opts.LogFormat)
	}
	return collect.Config{
		Token:       opts.Token,
		KeepEmails:  opts.KeepEmails,
		MaxBody:     maxBody,
		MaxDecoded:  maxDecoded,
		ModelLabels: opts.ModelLabels,
		Drain:       opts.Drain,
	}, nil
}

// storeDSN returns --db, else the default SQLite file.
func storeDSN(f *Factory, db string) (string, error) {
	if db != "" {
		return db, nil
	}
	if env := f.IO.Getenv("CCERR_DB"); env != "" {
		return env, nil
	}
	p, err := store.DefaultPath(f.IO.Getenv)
	if err != nil {
		return "", usagef("%v", err)
	}
	return p, nil
}

func runCollect(ctx context.Context, f *Factory, opts *collectOptions) error {
	cfg, err := collectSettings(f, opts)
	if err != nil {
		return err
	}
	ho := &slog.HandlerOptions{Level: slog.LevelInfo}
	logger := slog.New(slog.NewTextHandler(f.IO.Err, ho))
	if opts.LogFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(f.IO.Err, ho))
	}
	cfg.Logger = logger
	dsn, err := storeDSN(f, opts.DB)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	openCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	st, err := store.Open(openCtx, dsn)
	cancel()
	if err != nil {
		return err
	}
	defer st.Close()
	cfg.Store = st
	srv, err := collect.New(cfg)
	if err != nil {
		return err
	}
	// The report page at /: the same counts as /api/errors, with the status
	// page's incidents (read at most once a minute) drawn over them.
	srv.Page = collectPage(f.IO, f.Lang(), opts.StatusURL, st, time.Now)

	var lc net.ListenConfig
	httpLn, err := lc.Listen(ctx, "tcp", opts.Listen)
	if err != nil {
		return fmt.Errorf("collect: %w", err)
	}
	var grpcLn net.Listener
	if opts.GRPCListen != "off" {
		if grpcLn, err = lc.Listen(ctx, "tcp", opts.GRPCListen); err != nil {
			httpLn.Close()
			return fmt.Errorf("collect: %w", err)
		}
	}
	httpAddr := loopback.Dialable(httpLn.Addr().String())
	w := f.IO.Err
	fmt.Fprintf(w, "ccerr collect: OTLP/HTTP and /api/errors on http://%s", httpAddr)
	if grpcLn != nil {
		fmt.Fprintf(w, ", OTLP/gRPC on %s", loopback.Dialable(grpcLn.Addr().String()))
	}
	fmt.Fprintf(w, "\n  store: %s\n", st)
	fmt.Fprintf(w, "  export CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp\n")
	fmt.Fprintf(w, "  export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=http://%s\n", httpAddr)
	if cfg.Token != "" {
		fmt.Fprintf(w, "  export OTEL_EXPORTER_OTLP_HEADERS=\"Authorization=Bearer <token>\"   (token …%s required on every request)\n", last4(cfg.Token))
	}
	if !loopback.Addr(opts.Listen) || (grpcLn != nil && !loopback.Addr(opts.GRPCListen)) {
		logger.Warn("listening beyond loopback: only requests with the token are accepted")
	} else {
		fmt.Fprintf(w, "  loopback only; for other machines: --listen 0.0.0.0:4318 --allow-remote with a token in %s\n", collectTokenEnv)
	}
	if err := srv.Serve(ctx, httpLn, grpcLn); err != nil {
		return err
	}
	return nil
}

// last4 shows no more of a secret than its last four characters.
func last4(s string) string {
	if len(s) <= 4 {
		return ""
	}
	return s[len(s)-4:]
}
