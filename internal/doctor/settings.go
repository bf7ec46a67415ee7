package doctor

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/internal/loopback"
	"github.com/ccerr/ccerr/internal/redact"
	"github.com/ccerr/ccerr/retry"
)

// Claude Code's defaults and limits for the settings it reads come from
// package retry, which implements them; the rest are names it reads.
const (
	defaultMaxRetries   = retry.DefaultMaxRetries
	maxRetriesClamp     = retry.MaxRetriesCap
	defaultTimeoutMS    = int(retry.DefaultAttemptTimeout / time.Millisecond)
	shortTimeoutMS      = 60000 // our own threshold: under a minute, long answers get cut
	envMaxRetries       = retry.EnvMaxRetries
	envTimeout          = retry.EnvTimeout
	envBaseURL          = "ANTHROPIC_BASE_URL"
	envDisableBetas     = "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS"
	envRetryWatchdog    = retry.EnvWatchdog
	envConfigDir        = "CLAUDE_CONFIG_DIR"
	envNodeExtraCACerts = "NODE_EXTRA_CA_CERTS"
	envRejectUnauth     = "NODE_TLS_REJECT_UNAUTHORIZED"
)

// parseCount parses a non-negative decimal integer with optional
// surrounding spaces. ok is false for anything else (signs, decimals,
// exponents, overflow).
func parseCount(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 12 {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// allDigits reports whether s (spaces aside) is a run of ASCII digits: a
// count that parseCount refused only because it is too large.
func allDigits(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (r *runner) settings() []Finding {
	out := []Finding{r.maxRetries(), r.apiTimeout(), r.baseURL()}
	if f, ok := r.betas(); ok {
		out = append(out, f)
	}
	files := append([]*configFile{r.stateFile(), r.projectMCPFile()}, r.settingsFiles()...)
	for _, cf := range files {
		if cf.Err != nil {
			out = append(out, r.badConfig(cf))
		}
	}
	return out
}

func (r *runner) maxRetries() Finding {
	f := Finding{Name: envMaxRetries, Group: GroupSettings, Status: OK}
	raw := r.getenv(envMaxRetries)
	if raw == "" {
		f.Detail = r.msg("retries.default", defaultMaxRetries)
		return f
	}
	n, ok := parseCount(raw)
	switch {
	case !ok && allDigits(raw):
		f.Status = Warn
		f.Detail = r.msg("retries.huge", quoteValue(raw), maxRetriesClamp)
		if truthy(r.getenv(envRetryWatchdog)) {
			f.Detail = r.msg("retries.huge.watchdog", quoteValue(raw))
		}
		f.Fix = r.msg("fix.retries", maxRetriesClamp)
	case !ok:
		f.Status = Fail
		f.Detail = r.msg("retries.bad", quoteValue(raw))
		f.Fix = r.msg("fix.retries", maxRetriesClamp)
	case n > maxRetriesClamp && !truthy(r.getenv(envRetryWatchdog)):
		f.Status = Warn
		f.Detail = r.msg("retries.clamped", n, maxRetriesClamp)
		f.Fix = r.msg("fix.retries", maxRetriesClamp)
	case n == 0:
		f.Detail = r.msg("retries.zero")
	default:
		f.Detail = r.msg("retries.ok", n)
	}
	return r.noteOrigin(f, envMaxRetries)
}

// noteOrigin adds to a settings finding where its variable came from when
// that is a settings file's env block.
func (r *runner) noteOrigin(f Finding, k string) Finding {
	f.Detail += r.fromNote(k)
	if f.Fix != "" {
		f.Fix += r.fixNote(k)
	}
	return f
}

func (r *runner) apiTimeout() Finding {
	f := Finding{Name: envTimeout, Group: GroupSettings, Status: OK}
	raw := r.getenv(envTimeout)
	if raw == "" {
		f.Detail = r.msg("timeout.default", defaultTimeoutMS)
		return f
	}
	n, ok := parseCount(raw)
	switch {
	case !ok || n == 0:
		f.Status, f.ID = Fail, catalog.RequestTimeout
		f.Detail = r.msg("timeout.bad", quoteValue(raw))
		f.Fix = r.msg("fix.timeout", defaultTimeoutMS)
	case n < shortTimeoutMS:
		f.Status, f.ID = Warn, catalog.RequestTimeout
		f.Detail = r.msg("timeout.short", n, shortTimeoutMS)
		f.Fix = r.fix(f.ID, envTimeout, "fix.timeout", defaultTimeoutMS)
	default:
		f.Detail = r.msg("timeout.ok", n)
	}
	return r.noteOrigin(f, envTimeout)
}

// quoteValue shows a setting's value for a finding: quoted, and cut short
// so a pasted secret in the wrong variable is not printed whole.
func quoteValue(v string) string {
	if len([]rune(v)) > 24 {
		return strconv.Quote(string([]rune(v)[:12]) + "…")
	}
	return strconv.Quote(v)
}

// parseBaseURL checks an ANTHROPIC_BASE_URL value: an absolute http or
// https URL with a host and nothing that would break a request line.
func parseBaseURL(s string) (*url.URL, error) {
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, errors.New("contains spaces or line breaks")
	}
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, ue.Err
		}
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("must start with https:// or http://")
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, errors.New("has no host")
	}
	if p := u.Port(); p != "" {
		if n, ok := parseCount(p); !ok || n == 0 || n > 65535 {
			return nil, errors.New("has an invalid port")
		}
	}
	return u, nil
}

func (r *runner) baseURL() Finding {
	f := Finding{Name: envBaseURL, Group: GroupSettings, Status: OK}
	raw := r.getenv(envBaseURL)
	if raw == "" {
		f.Detail = r.msg("baseurl.default", DefaultAPIURL)
		return f
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		f.Detail = r.msg("baseurl.bad", quoteValue(raw), err.Error())
		f.Fix = r.msg("fix.baseurl")
		return r.noteOrigin(f, envBaseURL)
	}
	f.Detail = r.msg("baseurl.ok", redact.URL(u))
	switch {
	case strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/v1"):
		// Claude Code appends /v1/messages to the base URL itself.
		trimmed := *u
		trimmed.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
		trimmed.RawPath = ""
		f.Status = Warn
		f.Detail = r.msg("baseurl.v1", redact.URL(u), redact.URL(&trimmed)+"/v1/v1/messages")
		f.Fix = r.msg("fix.baseurl.v1", redact.URL(&trimmed))
	case u.Scheme == "http" && !loopback.Host(u.Hostname()):
		f.Status = Warn
		f.Detail = r.msg("baseurl.plain", redact.URL(u))
		f.Fix = r.msg("fix.baseurl.plain")
	}
	return r.noteOrigin(f, envBaseURL)
}

// betas reports CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS when it matters: a
// gateway may drop the anthropic-beta header (beta-header-stripped).
func (r *runner) betas() (Finding, bool) {
	f := Finding{Name: envDisableBetas, Group: GroupSettings, Status: OK, ID: catalog.BetaHeaderStripped}
	gateway := r.getenv(envBaseURL) != ""
	off := truthy(r.getenv(envDisableBetas))
	switch {
	case gateway && off:
		f.Detail = r.msg("betas.off")
	case gateway:
		f.Detail = r.msg("betas.gateway")
		f.Fix = r.fix(f.ID, envDisableBetas, "fix.betas")
	case off:
		f.ID = ""
		f.Detail = r.msg("betas.nogateway")
	default:
		return f, false
	}
	return f, true
}

func (r *runner) badConfig(cf *configFile) Finding {
	f := Finding{Name: cf.Label, Group: GroupSettings, Status: Warn}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(cf.Err, &syn):
		f.Detail = r.msg("config.syntax", cf.Label, lineOf(cf.Path, syn.Offset))
	case errors.As(cf.Err, &typ):
		f.Detail = r.msg("config.notobject", cf.Label)
	default:
		// Not a JSON problem: the file could not be read at all.
		f.Detail = r.msg("config.unreadable", cf.Label, errText(cf.Err))
		switch {
		case errors.Is(cf.Err, errIsDir):
			f.Fix = r.msg("fix.config.isdir", cf.Label)
		case errors.Is(cf.Err, syscall.ENOTDIR):
			f.Fix = r.msg("fix.config.notdir", cf.Label)
		default:
			f.Fix = r.msg("fix.config.read", cf.Label)
		}
		return f
	}
	f.Fix = r.msg("fix.config", cf.Label)
	return f
}

// lineOf turns a byte offset in a file into a 1-based line number.
func lineOf(path string, off int64) int {
	raw, err := readLimited(path, maxConfigSize)
	if err != nil {
		return 0
	}
	if off > int64(len(raw)) {
		off = int64(len(raw))
	}
	return strings.Count(string(raw[:off]), "\n") + 1
}

// errText is an error's text with the operation stripped for *os.PathError
// ("permission denied" rather than "open /x: permission denied").
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
