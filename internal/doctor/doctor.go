package doctor

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/redact"
)

// Status is the outcome of one check.
type Status string

// The statuses a finding can have, from best to worst (skip aside).
const (
	OK   Status = "ok"   // nothing to do
	Warn Status = "warn" // works, but risks the error named by the finding's ID
	Fail Status = "fail" // will cause the error named by the finding's ID
	Skip Status = "skip" // not checked (offline, not applicable, nothing to check)
)

// Group is a group of findings.
type Group string

// Groups of findings, in the order [Run] returns them.
const (
	GroupCredentials Group = "credentials"
	GroupSettings    Group = "settings"
	GroupNetwork     Group = "network"
	GroupLive        Group = "live"
	GroupContext     Group = "context"
	GroupClaudeCode  Group = "claude-code"
)

// Groups lists the groups in presentation order.
var Groups = []Group{GroupCredentials, GroupSettings, GroupNetwork, GroupLive, GroupContext, GroupClaudeCode}

// Finding is the result of one check, as data: internal/cli words it in
// the reader's language.
type Finding struct {
	// Name identifies the check; it is stable and used in JSON output.
	Name string
	// Group is one of [Groups].
	Group Group
	// Status is the outcome.
	Status Status
	// ID is the catalog id of the error this finding causes or prevents, or "".
	ID catalog.ID
	// Detail says what was found. It never holds a secret.
	Detail Text
	// Fix says what to do; nil when there is nothing to do.
	Fix Text
	// Timed is true for a network step, whose Duration is worth showing
	// even when it is under a millisecond.
	Timed bool
	// Duration is how long a network step took; zero for offline checks.
	Duration time.Duration
}

// DefaultAPIURL is the API address Claude Code uses when ANTHROPIC_BASE_URL is unset.
const DefaultAPIURL = "https://api.anthropic.com"

// DefaultTimeout bounds each network step when [Env.Timeout] is zero. Claude
// Code's own first-run probe gives each host 10 s.
const DefaultTimeout = 10 * time.Second

// Env is everything the checks read from the machine. Only Getenv is
// required; every other zero field has the default its comment names.
type Env struct {
	// Getenv reads a variable of the process environment. The checks also
	// read the "env" blocks of the settings files; a non-empty value from
	// Getenv wins over them.
	Getenv func(string) string
	// Home is the user's home directory; "" skips the checks that need it
	// (a skip finding named "home" says so, unless CLAUDE_CONFIG_DIR is set).
	Home string
	// Dir is the working (project) directory; "" skips the project checks.
	Dir string

	// APIURL overrides the API address. "" means ANTHROPIC_BASE_URL when it
	// is set, else [DefaultAPIURL].
	APIURL string

	// LookPath finds an executable; nil means [exec.LookPath].
	LookPath func(name string) (string, error)
	// RunClaudeVersion runs `<path> --version` and returns its output; nil
	// runs the program with the context's deadline.
	RunClaudeVersion func(ctx context.Context, path string) (string, error)

	// Resolve looks up a host's addresses; nil means [net.DefaultResolver].
	Resolve func(ctx context.Context, host string) ([]string, error)
	// Dial opens a connection; nil means a [net.Dialer].
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Roots are the trusted certificate authorities before NODE_EXTRA_CA_CERTS
	// is added; nil means the system pool (empty if it cannot be loaded).
	Roots *x509.CertPool

	// Now reads the clock; nil means [time.Now].
	Now func() time.Time
	// Timeout bounds each network step; zero means [DefaultTimeout].
	Timeout time.Duration
}

// Options choose which checks run and how findings are worded.
type Options struct {
	// Offline skips every check that uses the network.
	Offline bool
	// Live sends one real request to the API (ignored when Offline).
	Live bool
	// Catalog supplies the fixes for findings that name a catalog entry
	// ([MsgCatalogFix]); nil means the doctor's own wording for every fix.
	Catalog *catalog.Catalog
	// Model is the model the live request asks for; "" means [DefaultModel].
	Model string
	// Classify names the catalog entry and message for the live request's
	// outcome (exactly one of resp and err is non-nil; resp's body is unread).
	// Nil means the doctor reports the status and the API's error type only.
	Classify func(resp *http.Response, err error) (id catalog.ID, message string)
}

// Run performs every check and returns the findings grouped in the order of
// [Groups]. It never fails as a whole: a check that cannot run reports Skip
// or Fail with the reason.
func Run(ctx context.Context, env Env, opts Options) []Finding {
	r := newRunner(env, opts)
	var out []Finding
	out = append(out, r.credentials()...)
	out = append(out, r.settings()...)
	out = append(out, r.network(ctx)...)
	out = append(out, r.live(ctx)...)
	out = append(out, r.context()...)
	out = append(out, r.claudeCode(ctx)...)
	r.scrub(out)
	return out
}

// secretVars are the variables whose values must never reach a finding.
var secretVars = []string{srcAPIKey, srcAuthToken, srcOAuthToken}

// urlVars are the variables that hold a URL, which may carry a user and password.
var urlVars = []string{envBaseURL, "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"}

// urlSecrets returns the user information of a URL-like value (what
// stands between "//" and the last "@"), and its password alone.
func urlSecrets(v string) []string {
	at := strings.LastIndexByte(v, '@')
	if at < 0 {
		return nil
	}
	user := v[:at]
	if i := strings.Index(user, "//"); i >= 0 {
		user = user[i+2:]
	}
	out := []string{user}
	if _, pass, ok := strings.Cut(user, ":"); ok {
		out = append(out, pass)
	}
	return out
}

// secrets returns every credential the doctor has seen: the secret
// variables from the process and the settings files' env blocks, and the
// values assigned before an apiKeyHelper command.
func (r *runner) secrets() []string {
	var out []string
	for _, k := range secretVars {
		out = append(out, r.proc(k))
		for _, cf := range r.settingsFiles() {
			if v, ok := envBlock(cf)[k].(string); ok {
				out = append(out, v)
			}
		}
	}
	for _, cf := range r.settingsFiles() {
		if h, ok := cf.Data["apiKeyHelper"].(string); ok {
			out = append(out, helperSecrets(h)...)
		}
	}
	for _, k := range urlVars {
		out = append(out, urlSecrets(r.env.Getenv(k))...)
	}
	return out
}

// scrub is a safety net behind the checks' own redaction: any trace of a
// secret left in a finding (an API error echoing part of a key, cut,
// upper-cased or escaped) is masked by [redact.Secrets].
func (r *runner) scrub(fs []Finding) {
	secrets := r.secrets()
	for i := range fs {
		scrubText(fs[i].Detail, secrets)
		scrubText(fs[i].Fix, secrets)
	}
}

// scrubText masks secrets in the string arguments of t, in place.
func scrubText(t Text, secrets []string) {
	for _, m := range t {
		for j, a := range m.Args {
			switch v := a.(type) {
			case string:
				m.Args[j] = redact.Secrets(v, secrets...)
			case Message:
				scrubText(Text{v}, secrets)
			case Text:
				scrubText(v, secrets)
			}
		}
	}
}

// runner holds one run's inputs with defaults filled in.
type runner struct {
	env  Env
	opts Options
	proc func(string) string // the process environment only; env.Getenv adds the settings env blocks

	settingsCache []*configFile
	stateCache    *configFile
	failedStep    string // the network step that failed, if any
}

func newRunner(env Env, opts Options) *runner {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.LookPath == nil {
		env.LookPath = exec.LookPath
	}
	if env.RunClaudeVersion == nil {
		env.RunClaudeVersion = runVersion
	}
	if env.Resolve == nil {
		env.Resolve = net.DefaultResolver.LookupHost
	}
	if env.Dial == nil {
		d := &net.Dialer{}
		env.Dial = d.DialContext
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Timeout <= 0 {
		env.Timeout = DefaultTimeout
	}
	r := &runner{env: env, opts: opts, proc: env.Getenv}
	r.env.Getenv = func(k string) string { v, _ := r.lookup(k); return v }
	return r
}

// getenv reads a variable with surrounding spaces removed; keys are read raw elsewhere.
func (r *runner) getenv(k string) string { return strings.TrimSpace(r.env.Getenv(k)) }

func runVersion(ctx context.Context, path string) (string, error) {
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	return string(out), err
}
