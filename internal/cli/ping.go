package cli

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/ccerr/ccerr/internal/cli/core"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/internal/probe"
	"github.com/ccerr/ccerr/internal/redact"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/retry"
)

// DefaultPingModel is the model `ccerr ping` asks when --model is not given:
// the same current Sonnet that doctor's live check uses ([probe.DefaultModel]).
const DefaultPingModel = probe.DefaultModel

// defaultBaseURL is the real API, used when neither --base-url nor
// ANTHROPIC_BASE_URL is set.
const defaultBaseURL = "https://api.anthropic.com"

// envBaseDelay overrides the policy's first backoff delay (in ms). It is
// not in --help: it exists so that tests and demos of the retry countdown
// need not wait for Claude Code's real schedule.
const envBaseDelay = "CCERR_RETRY_BASE_DELAY_MS"

// maxPingBody bounds how much of a response ping reads.
const maxPingBody = 1 << 20

// pingOptions are the flags of `ccerr ping`.
type pingOptions struct {
	IO   *IO
	Lang string

	BaseURL string
	Model   string
	JSON    bool

	// baseURLSet says --base-url was given, even as "".
	baseURLSet bool

	// now is the clock elapsed times are measured with; nil means time.Now.
	now func() time.Time
}

func newPingCmd(f *Factory) *cobra.Command {
	opts := &pingOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "ping",
		Short: core.Short("ping"),
		Long: `Send one minimal Messages request (max_tokens 1) and report how it went:
the latency and request id when it works, or the error exactly as Claude
Code would show it, with what to do about it, when it does not.

The request goes through the same retry policy Claude Code uses, so
transient failures (overloaded, server errors, dropped connections) are
retried with backoff first; on a terminal the countdown is shown as
"Retrying in 4s · attempt 3/10". CLAUDE_CODE_MAX_RETRIES, API_TIMEOUT_MS and
CLAUDE_CODE_RETRY_WATCHDOG are honoured as Claude Code honours them.

The base URL is --base-url, else ANTHROPIC_BASE_URL, else the real API.
The credential is ANTHROPIC_AUTH_TOKEN (sent as a Bearer token), else
ANTHROPIC_API_KEY (sent as x-api-key). A real request costs one output
token.

An answer whose headers came but whose body stops arriving is given up
after Claude Code's idle limit (180 s, or CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS,
and never longer than API_TIMEOUT_MS) and reported as request-timeout.

With --json it prints one object: ok, attempts, elapsed_ms, status,
request_id, model, base_url and, when the request failed, "failure" with
the catalog id, status, code and the message Claude Code would show; when
interrupted (Ctrl-C), "interrupted": true. Anything the server sent back
is printed with the credential masked.

Exit status: 0 when the request succeeded, 1 when it failed at the API or
on the network, 2 for a usage error.`,
		Example: `  ccerr ping
  ccerr ping --json
  ANTHROPIC_BASE_URL=http://127.0.0.1:8788 ccerr ping
  ccerr ping --base-url http://127.0.0.1:8788/scenario/overloaded,ok`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			opts.baseURLSet = cmd.Flags().Changed("base-url")
			return runPing(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.BaseURL, "base-url", "", "API base URL (default $ANTHROPIC_BASE_URL, else "+defaultBaseURL+")")
	fl.StringVar(&opts.Model, "model", DefaultPingModel, "model to ask")
	fl.BoolVar(&opts.JSON, "json", false, "print the result as JSON")
	return cmd
}

// pingResult is the --json output. Its field names are API.
type pingResult struct {
	OK        bool         `json:"ok"`
	Attempts  int          `json:"attempts"`
	ElapsedMS int64        `json:"elapsed_ms"`
	Status    int          `json:"status,omitempty"`
	RequestID string       `json:"request_id,omitempty"`
	Model     string       `json:"model"`
	BaseURL   string       `json:"base_url"`
	Failure   *pingFailure `json:"failure,omitempty"`
	// Interrupted is true when the user stopped ping (SIGINT, SIGTERM)
	// before an answer was complete.
	Interrupted bool `json:"interrupted,omitempty"`
}

// pingFailure is the classified failure in --json output.
type pingFailure struct {
	ID      catalog.ID `json:"id"`
	Status  int        `json:"status,omitempty"`
	Code    string     `json:"code,omitempty"`
	Message string     `json:"message"`
}

func runPing(opts *pingOptions) error {
	env := opts.IO.Getenv
	base := opts.BaseURL
	if opts.baseURLSet && strings.TrimSpace(base) == "" {
		// An empty flag must not fall through to the real API with the user's key.
		return usagef("%s", ui.Messages(opts.Lang).Ping.EmptyBaseURL)
	}
	if base == "" {
		base = env("ANTHROPIC_BASE_URL")
	}
	if base == "" {
		base = defaultBaseURL
	}
	words := &ui.Messages(opts.Lang).Ping
	endpoint, err := messagesURL(words, base)
	if err != nil {
		return &UsageError{Err: err}
	}
	if strings.TrimSpace(opts.Model) == "" {
		return usagef("%s", words.EmptyModel)
	}
	now := opts.now
	if now == nil {
		now = time.Now
	}
	res := &pingResult{Model: opts.Model, BaseURL: redactURL(base)}

	header := http.Header{}
	switch {
	case env("ANTHROPIC_AUTH_TOKEN") != "":
		header.Set("Authorization", "Bearer "+env("ANTHROPIC_AUTH_TOKEN"))
	case env("ANTHROPIC_API_KEY") != "":
		header.Set("X-Api-Key", env("ANTHROPIC_API_KEY"))
	default:
		return pingNotLoggedIn(opts, res)
	}

	policy, warnings := retry.PolicyFromEnv(env)
	if v := env(envBaseDelay); v != "" {
		ms, err := strconv.Atoi(v)
		if err != nil || ms < 0 {
			warnings = append(warnings, fmt.Sprintf(words.BadBaseDelay, envBaseDelay, v))
		} else {
			// Policy treats zero as "the default", so 0 ms becomes 1 ns.
			policy.BaseDelay = max(time.Duration(ms)*time.Millisecond, time.Nanosecond)
		}
	}
	for _, w := range warnings {
		fmt.Fprintf(opts.IO.Err, "ccerr ping: "+words.Warning+"\n", w)
	}

	ctx, stop := signal.NotifyContext(opts.IO.Ctx(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	secrets := pingSecrets(env)
	var retried atomic.Int32 // attempts that ended in a retry
	cd := newCountdown(opts.IO.Err, opts.IO.ErrTTY)
	defer cd.stop()
	tr := &retry.Transport{
		Base:   pingTransport(),
		Policy: policy,
		OnRetry: func(req *http.Request, ev retry.Event) {
			retried.Store(int32(ev.Attempt))
			cd.start(ui.Sanitize(redact.Secrets(retryLabel(ev.Failure), secrets...)), ev.Delay, ev.Attempt, ev.Max)
		},
	}
	client := &http.Client{Transport: tr}

	req, err := probe.NewRequest(ctx, endpoint, opts.Model, "ccerr/"+core.BuildVersion()+" (ping)")
	if err != nil {
		return usagef(words.BadBaseURL, redactURL(base))
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json")

	start := now()
	resp, err := client.Do(req)
	var respBody []byte
	// The answer's body is bounded as Claude Code bounds a stream: no byte
	// for the idle limit and it is given up (a stalled stream).
	idle := probe.IdleTimeout(env, policy.AttemptTimeout)
	res.Attempts = retry.Attempts(resp, err)
	if err == nil {
		respBody, err = probe.ReadAll(resp.Body, maxPingBody, idle)
	}
	cd.stop()
	res.ElapsedMS = now().Sub(start).Milliseconds()

	var fail *classify.Failure
	switch {
	case err != nil && ctx.Err() != nil:
		// Interrupted: not a failure of the API. The attempt under way
		// (or about to start) counts.
		if res.Attempts == 0 {
			res.Attempts = int(retried.Load()) + 1
		}
		return writePingInterrupted(opts, res)
	case err != nil && resp != nil:
		// The headers came, then the body failed: stalled or cut.
		res.Status = resp.StatusCode
		res.RequestID = resp.Header.Get("request-id")
		fail = classify.Err(err)
	case err != nil:
		if !errors.As(err, &fail) {
			fail = classify.Err(err)
		}
	default:
		res.Status = resp.StatusCode
		res.RequestID = resp.Header.Get("request-id")
		if resp.StatusCode/100 != 2 {
			fail = classify.Response(resp, respBody)
		} else if ev := probe.StreamError(respBody); ev != nil {
			// A 200 that turned into an error mid-stream (a gateway may
			// stream even when asked not to).
			fail = classify.Stream(ev)
		}
	}
	res.RequestID = redact.Secrets(res.RequestID, secrets...)
	if fail == nil {
		res.OK = true
		return writePingOK(opts, res)
	}
	if res.RequestID == "" {
		res.RequestID = fail.RequestID
	}
	return writePingFailure(opts, res, fail)
}

// messagesURL joins a base URL and the Messages path, as the SDKs do: a
// path in the base URL (a gateway prefix) is kept.
func messagesURL(words *ui.PingText, base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", fmt.Errorf(words.BadBaseURL, redactURL(base))
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf(words.BadPort, redactURL(base), port)
		}
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/v1/messages"
	u.RawPath = ""
	return u.String(), nil
}

// pingCredentialVars are the variables ping may send as a credential.
var pingCredentialVars = []string{"ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"}

// pingSecrets are the credentials whose traces [redact.Secrets] hides in
// whatever the server sends back (a gateway quoting the key it refused,
// cut short, upper-cased or escaped).
func pingSecrets(getenv func(string) string) []string {
	var out []string
	for _, k := range pingCredentialVars {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// redactURL prints a base URL for output without its user information or
// query (see [redact.URL]). A value that does not parse as a URL is shown
// only by its length: it may be a secret given in the wrong place.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("(%d characters)", utf8.RuneCountInString(s))
	}
	return redact.URL(u)
}

// pingTransport is the transport each attempt uses: the environment's
// proxy, and timeouts on everything but the wait for the answer, which the
// retry policy bounds (API_TIMEOUT_MS).
func pingTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		// An egress proxy's refusal keeps its headers, so that
		// x-deny-reason: host_not_allowed is named host-not-allowed.
		OnProxyConnectResponse: classify.ProxyConnectHook,
		DialContext:            (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:    30 * time.Second,
		IdleConnTimeout:        90 * time.Second,
		ForceAttemptHTTP2:      true,
	}
}

// retryLabel names a failure in the countdown line, the way Claude Code's
// spinner does: "529 Overloaded", or the error code of a network failure.
func retryLabel(f *classify.Failure) string {
	switch {
	case f == nil:
		return "API error"
	case f.Status != 0 && f.APIMessage != "":
		return strconv.Itoa(f.Status) + " " + f.APIMessage
	case f.Status != 0:
		return strconv.Itoa(f.Status) + " " + http.StatusText(f.Status)
	case f.Code != "":
		return f.Code
	case f.ID != "":
		return string(f.ID)
	}
	return "API error"
}

func pingNotLoggedIn(opts *pingOptions, res *pingResult) error {
	const id = catalog.NotLoggedIn
	msg := "Not logged in · Please run /login"
	cat, _ := catalog.Default()
	var entry *catalog.Entry
	if cat != nil {
		if e, ok := cat.Lookup(id); ok {
			entry = e
			if len(e.Messages) > 0 {
				msg = e.Messages[0].Text
			}
		}
	}
	fail := &classify.Failure{ID: id, Entry: entry, Message: msg}
	if !opts.JSON {
		fmt.Fprintf(opts.IO.Err, "ccerr ping: %s\n", ui.Messages(opts.Lang).Ping.NoCredential)
	}
	return writePingFailure(opts, res, fail)
}

func writePingOK(opts *pingOptions, res *pingResult) error {
	if opts.JSON {
		return ui.WriteJSON(opts.IO.Out, res)
	}
	st := ui.Style{Color: opts.IO.Color(opts.IO.OutTTY)}
	words := &ui.Messages(opts.Lang).Ping
	line := fmt.Sprintf("%s %s · %s · %s", st.Green(words.OK), res.Model, time.Duration(res.ElapsedMS)*time.Millisecond, attemptsText(words, res.Attempts))
	if res.RequestID != "" {
		line += " · " + fmt.Sprintf(words.RequestID, ui.Sanitize(res.RequestID))
	}
	_, err := fmt.Fprintln(opts.IO.Out, line)
	return err
}

func writePingFailure(opts *pingOptions, res *pingResult, f *classify.Failure) error {
	msg := f.Message
	if msg == "" {
		msg = f.Error()
	}
	msg = redact.Secrets(msg, pingSecrets(opts.IO.Getenv)...)
	res.Failure = &pingFailure{ID: f.ID, Status: f.Status, Code: f.Code, Message: msg}
	if opts.JSON {
		if err := ui.WriteJSON(opts.IO.Out, res); err != nil {
			return err
		}
		return &SilentError{Code: ExitFailure}
	}
	st := ui.Style{Color: opts.IO.Color(opts.IO.OutTTY)}
	words := &ui.Messages(opts.Lang).Ping
	var b strings.Builder
	b.WriteString(st.Bold(ui.Sanitize(msg)) + "\n")
	var facts []string
	if f.ID != "" {
		facts = append(facts, string(f.ID))
	}
	if res.Attempts > 0 {
		facts = append(facts, attemptsText(words, res.Attempts), (time.Duration(res.ElapsedMS) * time.Millisecond).String())
	}
	if res.RequestID != "" {
		facts = append(facts, fmt.Sprintf(words.RequestID, ui.Sanitize(res.RequestID)))
	}
	if len(facts) > 0 {
		b.WriteString(st.Dim(strings.Join(facts, " · ")) + "\n")
	}
	if f.Entry != nil {
		t := f.Entry.In(opts.Lang)
		if len(t.Fixes) > 0 {
			b.WriteString("\n" + st.Bold(ui.Messages(opts.Lang).Explain.Fixes) + "\n")
			core.WriteFixes(&b, t.Fixes, opts.Lang, st)
		}
	}
	if _, err := io.WriteString(opts.IO.Out, b.String()); err != nil {
		return err
	}
	return &SilentError{Code: ExitFailure}
}

// writePingInterrupted reports a ping the user stopped: with --json the
// object with "interrupted": true, else a line on stderr.
func writePingInterrupted(opts *pingOptions, res *pingResult) error {
	res.Interrupted = true
	if opts.JSON {
		if err := ui.WriteJSON(opts.IO.Out, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(opts.IO.Err, "ccerr ping: "+ui.Messages(opts.Lang).Ping.Interrupted)
	}
	return &SilentError{Code: ExitFailure}
}

// attemptsText counts the requests made, in the words' language.
func attemptsText(words *ui.PingText, n int) string {
	return fmt.Sprintf(words.Attempts.For(int64(n)), n)
}
