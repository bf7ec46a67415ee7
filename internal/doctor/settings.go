package doctor

import (
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/internal/loopback"
	"github.com/ccerr/ccerr/internal/redact"
	"github.com/ccerr/ccerr/retry"
)

// The names Claude Code reads, and our own threshold for a short timeout.
// The retry settings themselves are read by package retry, so that the
// doctor states exactly what ping, the proxy and any client of package
// retry will do.
const (
	shortTimeoutMS      = 60000 // our own threshold: under a minute, long answers get cut
	envMaxRetries       = retry.EnvMaxRetries
	envTimeout          = retry.EnvTimeout
	envRetryWatchdog    = retry.EnvWatchdog
	envBaseURL          = "ANTHROPIC_BASE_URL"
	envDisableBetas     = "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS"
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

func (r *runner) settings() []Finding {
	out := []Finding{r.maxRetries(), r.apiTimeout()}
	if r.getenv(envRetryWatchdog) != "" {
		out = append(out, r.watchdog())
	}
	out = append(out, r.baseURL())
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

// retrySettings reads the retry settings as package retry reads them,
// by Claude Code's rules: the doctor states what ping, the proxy and any
// client of package retry will do, and never parses them itself.
func (r *runner) retrySettings() retry.Settings { return retry.ReadSettings(r.env.Getenv) }

// shownCount shows a count setting's value: the number read when that is
// all the value held, else the value itself, quoted.
func shownCount(st retry.Setting) string {
	if st.Lenient || st.Value >= math.MaxInt32 {
		return quoteValue(st.Raw)
	}
	return strconv.FormatInt(st.Value, 10)
}

func (r *runner) maxRetries() Finding {
	f := Finding{Name: envMaxRetries, Group: GroupSettings, Status: OK}
	s := r.retrySettings()
	m := s.MaxRetries
	switch {
	case m.Reading == retry.Unset:
		f.Detail = say(MsgRetriesDefault, s.Retries)
	case m.Reading == retry.Clamped:
		f.Status = Warn
		f.Detail = say(MsgRetriesClamped, shownCount(m), s.Retries)
		f.Fix = say(MsgFixRetries, retry.MaxRetriesCap)
	case m.Reading == retry.Invalid:
		f.Status = Fail
		f.Detail = Text{msg(MsgRetriesBad, quoteValue(m.Raw)), msg(MsgRetriesEffective, s.Retries)}
		f.Fix = say(MsgFixRetries, retry.MaxRetriesCap)
	case m.Lenient:
		// "+5", "5 retries", "3.7": read, but not as written.
		f.Status = Warn
		f.Detail = Text{msg(MsgRetriesLenient, quoteValue(m.Raw), m.Value), msg(MsgRetriesEffective, s.Retries)}
		f.Fix = say(MsgFixRetries, retry.MaxRetriesCap)
	case s.Unbounded && s.Retries > retry.WatchdogMaxRetries:
		f.Status = Warn
		f.Detail = say(MsgRetriesForever, s.Retries)
		f.Fix = say(MsgFixRetries, retry.WatchdogMaxRetries)
	case s.Retries == 0:
		f.Detail = say(MsgRetriesZero)
	default:
		f.Detail = say(MsgRetriesOK, s.Retries)
	}
	if s.Unbounded {
		f.Detail = append(f.Detail, msg(MsgRetriesWatchdog))
	}
	if m.Reading == retry.Unset {
		return f
	}
	return r.noteOrigin(f, envMaxRetries)
}

// watchdog reports CLAUDE_CODE_RETRY_WATCHDOG when it is set.
func (r *runner) watchdog() Finding {
	f := Finding{Name: envRetryWatchdog, Group: GroupSettings, Status: OK}
	s := r.retrySettings()
	switch {
	case s.Unbounded:
		f.Detail = say(MsgWatchdogOn, s.Retries)
	case warnsAbout(s, envRetryWatchdog):
		// Off, but not written as off: probably meant to turn it on.
		f.Status = Warn
		f.Detail = say(MsgWatchdogBad, quoteValue(s.Watchdog.Raw))
		f.Fix = say(MsgFixWatchdog)
	default:
		f.Detail = say(MsgWatchdogOff)
	}
	return r.noteOrigin(f, envRetryWatchdog)
}

// warnsAbout reports whether package retry warns about variable k's value.
func warnsAbout(s retry.Settings, k string) bool {
	for _, w := range s.Warnings() {
		if strings.HasPrefix(w, k+"=") {
			return true
		}
	}
	return false
}

// noteOrigin adds to a settings finding where its variable came from when
// that is a settings file's env block.
func (r *runner) noteOrigin(f Finding, k string) Finding {
	f.Detail = append(f.Detail, r.fromNote(k)...)
	if f.Fix != nil {
		f.Fix = append(f.Fix, r.fixNote(k)...)
	}
	return f
}

func (r *runner) apiTimeout() Finding {
	f := Finding{Name: envTimeout, Group: GroupSettings, Status: OK}
	s := r.retrySettings()
	m := s.Timeout
	ms := s.AttemptTimeout.Milliseconds()
	defaultMS := retry.DefaultAttemptTimeout.Milliseconds()
	switch {
	case m.Reading == retry.Unset:
		f.Detail = say(MsgTimeoutDefault, ms)
		return f
	case m.Reading == retry.Invalid:
		f.Status, f.ID = Fail, catalog.RequestTimeout
		f.Detail = Text{msg(MsgTimeoutBad, quoteValue(m.Raw)), msg(MsgTimeoutEffective, ms)}
		f.Fix = say(MsgFixTimeout, defaultMS)
	case ms < shortTimeoutMS:
		f.Status, f.ID = Warn, catalog.RequestTimeout
		f.Detail = say(MsgTimeoutShort, ms, shortTimeoutMS)
		f.Fix = r.fix(f.ID, envTimeout, MsgFixTimeout, defaultMS)
	case m.Lenient:
		f.Status = Warn
		f.Detail = Text{msg(MsgTimeoutLenient, quoteValue(m.Raw), ms), msg(MsgTimeoutEffective, ms)}
		f.Fix = say(MsgFixTimeout, defaultMS)
	default:
		f.Detail = say(MsgTimeoutOK, ms)
	}
	if m.Lenient && ms < shortTimeoutMS {
		f.Detail = append(Text{msg(MsgTimeoutLenient, quoteValue(m.Raw), ms)}, f.Detail...)
	}
	return r.noteOrigin(f, envTimeout)
}

// quoteURL shows a URL-like value that could not be used: quoted and cut
// short like any value, and with whatever stands before an "@" (a user and
// password) replaced by "…", whether or not the value parses.
func quoteURL(v string) string {
	if at := strings.LastIndexByte(v, '@'); at >= 0 {
		start := 0
		if i := strings.Index(v, "//"); i >= 0 && i < at {
			start = i + 2
		}
		v = v[:start] + "…" + v[at:]
	}
	return quoteValue(v)
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
		f.Detail = say(MsgBaseURLDefault, DefaultAPIURL)
		return f
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		f.Detail = say(MsgBaseURLBad, quoteURL(raw), err.Error())
		f.Fix = say(MsgFixBaseURL)
		return r.noteOrigin(f, envBaseURL)
	}
	f.Detail = say(MsgBaseURLOK, redact.URL(u))
	switch {
	case strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/v1"):
		// Claude Code appends /v1/messages to the base URL itself.
		trimmed := *u
		trimmed.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
		trimmed.RawPath = ""
		f.Status = Warn
		f.Detail = say(MsgBaseURLV1, redact.URL(u), redact.URL(&trimmed)+"/v1/v1/messages")
		f.Fix = say(MsgFixBaseURLV1, redact.URL(&trimmed))
	case u.Scheme == "http" && !loopback.Host(u.Hostname()):
		f.Status = Warn
		f.Detail = say(MsgBaseURLPlain, redact.URL(u))
		f.Fix = say(MsgFixBaseURLPlain)
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
		f.Detail = say(MsgBetasOff)
	case gateway:
		f.Detail = say(MsgBetasGateway)
		f.Fix = r.fix(f.ID, envDisableBetas, MsgFixBetas)
	case off:
		f.ID = ""
		f.Detail = say(MsgBetasNoGateway)
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
		f.Detail = say(MsgConfigSyntax, cf.Label, lineOf(cf.Path, syn.Offset))
	case errors.As(cf.Err, &typ):
		f.Detail = say(MsgConfigNotObject, cf.Label)
	default:
		// Not a JSON problem: the file could not be read at all.
		f.Detail = say(MsgConfigUnreadable, cf.Label, errText(cf.Err))
		switch {
		case errors.Is(cf.Err, errIsDir):
			f.Fix = say(MsgFixConfigIsDir, cf.Label)
		case errors.Is(cf.Err, syscall.ENOTDIR):
			f.Fix = say(MsgFixConfigNotDir, cf.Label)
		default:
			f.Fix = say(MsgFixConfigRead, cf.Label)
		}
		return f
	}
	f.Fix = say(MsgFixConfig, cf.Label)
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
