package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/mock"
)

// mockOptions are the flags of `ccerr mock`.
type mockOptions struct {
	IO   *IO
	Lang string

	Listen   string
	Scenario string
	TLS      bool
	Slow     time.Duration
	List     bool
	JSON     bool
	Quiet    bool
	Strict   bool
}

// shutdownGrace is how long `ccerr mock` waits for responses in flight when
// it is stopped.
const shutdownGrace = 5 * time.Second

func newMockCmd(f *Factory) *cobra.Command {
	opts := &mockOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "mock",
		Short: core.Short("mock"),
		Long: `Run a fake Claude Messages API on this machine that answers every request
with a chosen scenario: a normal reply, any documented API error (by its
catalog id, with the real status, headers and body), or a network fault
such as a reset connection, a request that never gets an answer, or a
stream that stops halfway.

Point a client at it with ANTHROPIC_BASE_URL. A comma-separated list plays
in order and then repeats its last scenario, so "overloaded,overloaded,ok"
fails twice and then recovers. Whatever --scenario says, a client can pick
its own scenario through its base URL:
http://127.0.0.1:8788/scenario/<name> answers as <name>.

Each request is logged on stderr as one JSON line, with API keys and
tokens masked. Stop the server with Ctrl-C.

With --strict it first checks each request as the real API does: tool
calls and results that do not pair up, repeated tool ids, images over the
size or pixel limits (and the many-image rule), unreadable images, PDFs
over 100 pages, encrypted or broken, and thinking blocks whose signature it
did not issue itself. A request the API would refuse gets the API's 400 and
error body; a valid one gets the scenario, and its thinking blocks come
signed. A user message line "ccerr-mock: tool NAME {JSON input}
[id=TOOL_ID]" makes the reply a call to that tool.

--list prints the scenarios and exits; with --json it prints them as a
JSON array of objects with name, description, id (the catalog id, if
any), status and servable.`,
		Example: `  ccerr mock --scenario overloaded
  ANTHROPIC_BASE_URL=http://127.0.0.1:8788 claude -p "hi"
  ccerr mock --scenario overloaded,overloaded,ok
  ccerr mock --tls
  ccerr mock --strict
  ccerr mock --list`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			return runMock(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:8788", "address to listen on (host:port; port 0 picks a free one)")
	fl.StringVarP(&opts.Scenario, "scenario", "s", mock.OK, "scenario, or a comma-separated sequence of them (see --list)")
	fl.BoolVar(&opts.TLS, "tls", false, "serve HTTPS with a self-signed certificate")
	fl.DurationVar(&opts.Slow, "slow", mock.DefaultSlowDelay, "how long the slow scenario waits before answering")
	fl.BoolVar(&opts.List, "list", false, "list the scenarios and exit")
	fl.BoolVar(&opts.JSON, "json", false, "with --list, print JSON")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "do not log requests")
	fl.BoolVar(&opts.Strict, "strict", false, "validate each request as the API does (tool history, images, PDFs, thinking signatures) and refuse bad ones with its exact error")
	_ = cmd.RegisterFlagCompletionFunc("scenario", completeScenario)
	return cmd
}

// completeScenario completes the last name of a comma-separated sequence.
func completeScenario(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	head := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		head = toComplete[:i+1]
	}
	var out []string
	for _, sc := range mock.Scenarios() {
		if sc.Servable {
			out = append(out, head+sc.Name+"\t"+sc.Description)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func runMock(opts *mockOptions) error {
	if opts.List {
		return listScenarios(opts)
	}
	m := &ui.Messages(opts.Lang).Mock
	if opts.JSON {
		return usage(m.JSONWithoutList)
	}
	if opts.Slow <= 0 {
		return usagef(m.SlowNotPositive, opts.Slow)
	}
	host, _, err := net.SplitHostPort(opts.Listen)
	if err != nil {
		return usagef(m.NotHostPort, opts.Listen)
	}
	if host == "" {
		return usagef(m.NoHost, opts.Listen, opts.Listen, opts.Listen)
	}
	cfg := mock.Config{
		Scenario:    opts.Scenario,
		Addr:        opts.Listen,
		TLS:         opts.TLS,
		SlowDelay:   opts.Slow,
		MaxRequests: -1, // a long run keeps nothing; the log is the record
		Strict:      opts.Strict,
	}
	if !opts.Quiet {
		cfg.Log = opts.IO.Err
	}
	srv, err := mock.NewUnstarted(cfg)
	if err != nil {
		return &UsageError{Err: errors.New(strings.TrimPrefix(err.Error(), "mock: "))}
	}
	if err := srv.Start(); err != nil {
		return err
	}
	// Judge the address actually bound, not the name given: "localhost"
	// may be mapped to another interface.
	if a, ok := srv.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
		fmt.Fprintln(opts.IO.Err, fmt.Sprintf(m.NotLoopback, ui.Sanitize(srv.Addr().String())))
	}

	ctx, stop := signal.NotifyContext(opts.IO.Ctx(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(opts.IO.Out, "ANTHROPIC_BASE_URL=%s\n", srv.URL)
	if srv.TLS() {
		fmt.Fprintln(opts.IO.Err, m.SelfSigned)
	}
	<-ctx.Done()

	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	return nil
}

// describe returns a scenario's description in lang: a catalog entry's
// title for the scenarios named after one, else the words of internal/ui.
func describe(sc mock.Scenario, lang string, cat *catalog.Catalog) string {
	if string(sc.ID) == sc.Name && cat != nil {
		if e, ok := cat.Lookup(sc.ID); ok {
			if t := e.In(lang).Title; t != "" {
				return t
			}
		}
	}
	if d := scenarioText(sc.Name, &ui.Messages(lang).Mock); d != "" {
		return d
	}
	return sc.Description
}

// scenarioText is the description of a fault scenario in m, or "" for a
// scenario m does not describe.
func scenarioText(name string, m *ui.MockText) string {
	switch name {
	case mock.OK:
		return m.OK
	case mock.Reset:
		return m.Reset
	case mock.Refused:
		return m.Refused
	case mock.Hang:
		return m.Hang
	case mock.Slow:
		return m.Slow
	case mock.Stall:
		return m.Stall
	case mock.StreamError:
		return m.StreamError
	case mock.TLS:
		return m.TLS
	}
	return ""
}

func listScenarios(opts *mockOptions) error {
	cat, _ := catalog.Default()
	scs := mock.Scenarios()
	for i := range scs {
		scs[i].Description = describe(scs[i], opts.Lang, cat)
	}
	if opts.JSON {
		return ui.WriteJSON(opts.IO.Out, scs)
	}
	m := ui.Messages(opts.Lang)
	status := func(sc mock.Scenario) string {
		switch {
		case !sc.Servable:
			return "-"
		case sc.Status == 0 && opts.IO.OutTTY:
			return m.Mock.NoStatus
		case sc.Status == 0:
			return "none" // a stable value for programs, whatever the language
		}
		return fmt.Sprint(sc.Status)
	}
	t := &ui.Table{TTY: opts.IO.OutTTY}
	if t.TTY {
		t.Header = []string{m.Mock.ColScenario, m.Mock.ColStatus, m.Mock.ColWhat}
	}
	for _, sc := range scs {
		t.Row(sc.Name, status(sc), sc.Description)
	}
	return t.Render(opts.IO.Out)
}
