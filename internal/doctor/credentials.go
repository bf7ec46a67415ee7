package doctor

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/internal/redact"
)

// Credential sources, in Claude Code's order of precedence (FACTS §7.1):
// the first one present is used.
const (
	srcCloud       = "cloud"
	srcAuthToken   = "ANTHROPIC_AUTH_TOKEN"
	srcAPIKey      = "ANTHROPIC_API_KEY"
	srcHelper      = "apiKeyHelper"
	srcOAuthToken  = "CLAUDE_CODE_OAUTH_TOKEN"
	srcStoredLogin = "login"
)

// cloudVars switch Claude Code to a cloud provider's credentials.
var cloudVars = []string{"CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY"}

// credState is what the credential checks found.
type credState struct {
	cloud       string      // the cloud variable set, or ""
	authToken   string      // raw values, never printed
	apiKey      string      //
	oauthToken  string      //
	helper      string      // apiKeyHelper command
	helperFile  *configFile // the settings file that sets it
	badHelpers  []badHelper // settings files whose apiKeyHelper is not a string
	storedLogin string      // path of .credentials.json, or ""
}

// badHelper is an apiKeyHelper setting that is not a string.
type badHelper struct {
	file *configFile
	kind string // the JSON type found: "number", "object", ...
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func (r *runner) readCredentials() credState {
	var c credState
	for _, v := range cloudVars {
		if truthy(r.env.Getenv(v)) {
			c.cloud = v
			break
		}
	}
	// Keys are read raw: stray spaces and line breaks are what we look for.
	c.authToken = r.env.Getenv(srcAuthToken)
	c.apiKey = r.env.Getenv(srcAPIKey)
	c.oauthToken = r.env.Getenv(srcOAuthToken)
	for _, f := range r.settingsFiles() {
		v, set := f.Data["apiKeyHelper"]
		if !set {
			continue
		}
		h, ok := v.(string)
		if !ok {
			c.badHelpers = append(c.badHelpers, badHelper{file: f, kind: jsonKind(v)})
			continue
		}
		if strings.TrimSpace(h) != "" && c.helper == "" {
			c.helper, c.helperFile = strings.TrimSpace(h), f
		}
	}
	if d := r.configDir(); d != "" {
		p := filepath.Join(d, ".credentials.json")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			c.storedLogin = p
		}
	}
	return c
}

// source returns the credential Claude Code will use.
func (c credState) source() string {
	switch {
	case c.cloud != "":
		return srcCloud
	case c.authToken != "":
		return srcAuthToken
	case c.apiKey != "":
		return srcAPIKey
	case c.helper != "":
		return srcHelper
	case c.oauthToken != "":
		return srcOAuthToken
	case c.storedLogin != "":
		return srcStoredLogin
	}
	return ""
}

// present lists every source that is set, in precedence order.
func (c credState) present() []string {
	var out []string
	add := func(ok bool, s string) {
		if ok {
			out = append(out, s)
		}
	}
	add(c.cloud != "", srcCloud)
	add(c.authToken != "", srcAuthToken)
	add(c.apiKey != "", srcAPIKey)
	add(c.helper != "", srcHelper)
	add(c.oauthToken != "", srcOAuthToken)
	add(c.storedLogin != "", srcStoredLogin)
	return out
}

func (r *runner) credentials() []Finding {
	var out []Finding
	if r.configDir() == "" {
		// No home and no CLAUDE_CONFIG_DIR: the stored login, the user's
		// settings, CLAUDE.md and MCP servers cannot be looked for.
		out = append(out, Finding{Name: "home", Group: GroupCredentials, Status: Skip, Detail: say(MsgHomeUnset)})
	}
	c := r.readCredentials()
	out = append(out, r.credentialSource(c))
	for _, k := range []struct {
		name, value string
	}{{srcAuthToken, c.authToken}, {srcAPIKey, c.apiKey}, {srcOAuthToken, c.oauthToken}} {
		if k.value != "" {
			out = append(out, r.keyHygiene(k.name, k.value))
		}
	}
	if c.helper != "" {
		out = append(out, r.helperCheck(c))
	}
	for _, b := range c.badHelpers {
		out = append(out, Finding{Name: "apiKeyHelper", Group: GroupCredentials, Status: Warn,
			Detail: say(MsgHelperNotString, b.file.Label, b.kind),
			Fix:    say(MsgFixHelperNotString, b.file.Label)})
	}
	if c.storedLogin != "" {
		out = append(out, r.storedLoginCheck(c))
	}
	return out
}

// describe names a source for a person, with the secret redacted.
func (r *runner) describe(c credState, src string) Message {
	switch src {
	case srcCloud:
		return msg(MsgCredCloud, c.cloud)
	case srcAuthToken, srcAPIKey, srcOAuthToken:
		v := map[string]string{srcAuthToken: c.authToken, srcAPIKey: c.apiKey, srcOAuthToken: c.oauthToken}[src]
		if o := r.origin(src); o != "" {
			return msg(MsgCredVarFrom, src, redactBare(v), o)
		}
		return msg(MsgCredVar, src, redactBare(v))
	case srcHelper:
		return msg(MsgCredHelper, c.helperFile.Label)
	}
	return msg(MsgCredLogin, r.label(c.storedLogin))
}

// whyKinds says why Claude Code picks each credential source.
var whyKinds = map[string]Kind{
	srcCloud:       MsgWhyCloud,
	srcAuthToken:   MsgWhyAuthToken,
	srcAPIKey:      MsgWhyAPIKey,
	srcHelper:      MsgWhyHelper,
	srcOAuthToken:  MsgWhyOAuthToken,
	srcStoredLogin: MsgWhyLogin,
}

func (r *runner) credentialSource(c credState) Finding {
	f := Finding{Name: "credential", Group: GroupCredentials}
	src := c.source()
	if src == "" {
		f.Status, f.ID = Warn, catalog.NotLoggedIn
		f.Detail = say(MsgCredNone)
		if runtime.GOOS == "darwin" {
			f.Detail = append(f.Detail, msg(MsgCredKeychain))
		}
		f.Fix = r.fix(f.ID, "/login", MsgFixLogin)
		return f
	}
	f.Status = OK
	f.Detail = say(MsgCredUses, r.describe(c, src), msg(whyKinds[src]))
	var shadowed Text
	for _, s := range c.present() {
		if s != src {
			shadowed = append(shadowed, r.describe(c, s))
		}
	}
	if len(shadowed) > 0 {
		f.Detail = append(f.Detail, msg(MsgCredShadowed, shadowed))
	}
	return f
}

// keyProblem finds the first character that cannot be part of a key sent
// in an HTTP header: a line break, a space or tab, a control or format
// (zero-width) character, anything outside ASCII, or a quote mark copied
// along with the key. pos is 1-based, in
// characters, as Claude Code counts it ("a line break at character 41").
func keyProblem(key string) (kind string, pos int, r rune) {
	pos = 0
	for i, c := range key {
		pos++
		switch {
		case c == utf8.RuneError && runeIsInvalid(key[i:]):
			return "invalid", pos, c
		case c == '\n' || c == '\r':
			return "linebreak", pos, c
		case c == ' ' || c == '\t' || c == '\u00a0':
			return "space", pos, c
		case unicode.Is(unicode.Cf, c) || unicode.IsControl(c) || (c > unicode.MaxASCII && !unicode.IsPrint(c)):
			return "invisible", pos, c
		case c > unicode.MaxASCII:
			return "nonascii", pos, c
		case c == '"' || c == '\'':
			return "quote", pos, c
		}
	}
	return "", 0, 0
}

func runeIsInvalid(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size <= 1
}

// keyProblemKinds words each problem keyProblem finds.
var keyProblemKinds = map[string]Kind{
	"invalid":   MsgKeyInvalid,
	"linebreak": MsgKeyLineBreak,
	"space":     MsgKeySpace,
	"invisible": MsgKeyInvisible,
	"nonascii":  MsgKeyNonASCII,
	"quote":     MsgKeyQuote,
}

// keyIDs says which catalog entry a malformed value of each variable causes.
var keyIDs = map[string]catalog.ID{
	srcAPIKey:     catalog.InvalidAPIKey,
	srcOAuthToken: catalog.OAuthTokenInvalid,
	srcAuthToken:  "",
}

func (r *runner) keyHygiene(name, value string) Finding {
	f := Finding{Name: name, Group: GroupCredentials, ID: keyIDs[name]}
	if kind, pos, c := keyProblem(value); kind != "" {
		f.Status = Fail
		f.Detail = append(say(keyProblemKinds[kind], name, pos, fmt.Sprintf("U+%04X", c), redactBare(value)), r.fromNote(name)...)
		f.Fix = append(say(MsgFixKeyClean, name), r.fixNote(name)...)
		return f
	}
	n := utf8.RuneCountInString(value)
	gateway := r.getenv("ANTHROPIC_BASE_URL") != ""
	switch name {
	case srcAPIKey:
		switch {
		case strings.HasPrefix(value, "sk-ant-oat"):
			f.Status = Warn
			f.Detail = append(say(MsgKeyOAuthInAPIKey, redactBare(value)), r.fromNote(name)...)
			f.Fix = append(say(MsgFixKeyOAuthInAPIKey), r.fixNote(name)...)
			return f
		case !strings.HasPrefix(value, "sk-ant-") && !gateway:
			f.Status = Warn
			f.Detail = append(say(MsgKeyShape, name, redactBare(value), "sk-ant-api03-"), r.fromNote(name)...)
			f.Fix = append(r.fix(f.ID, "Console", MsgFixKeyShape), r.fixNote(name)...)
			return f
		}
	case srcOAuthToken:
		if !strings.HasPrefix(value, "sk-ant-oat") {
			f.Status = Warn
			f.Detail = append(say(MsgKeyShape, name, redactBare(value), "sk-ant-oat01-"), r.fromNote(name)...)
			f.Fix = append(say(MsgFixKeySetupToken), r.fixNote(name)...)
			return f
		}
	}
	f.Status = OK
	f.Detail = append(say(MsgKeyOK, redact.Key(value), n), r.fromNote(name)...)
	return f
}

// helperProgram returns the program an apiKeyHelper command runs: its
// first word after any leading variable assignments (TOKEN=… helper) and an
// "env" prefix. Only the program is ever shown, since assignments and
// arguments may hold secrets. "" means the command names no program.
func helperProgram(cmd string) string {
	words := shellWords(cmd)
	for i, w := range words {
		if isAssignment(w) || (w == "env" && i+1 < len(words) && isAssignment(words[i+1])) {
			continue
		}
		return w
	}
	return ""
}

// helperSecrets returns the values assigned before an apiKeyHelper
// command's program (TOKEN=value helper): they are treated as secrets.
func helperSecrets(cmd string) []string {
	var out []string
	for _, w := range shellWords(cmd) {
		if !isAssignment(w) {
			if w == "env" {
				continue
			}
			break
		}
		_, v, _ := strings.Cut(w, "=")
		out = append(out, v)
	}
	return out
}

// isAssignment reports whether a shell word is a variable assignment,
// NAME=value, as it may stand before a command.
func isAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i, c := range name {
		if c != '_' && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && (i == 0 || !(c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// shellWords splits a command into words the way a POSIX shell does for
// the simple cases an apiKeyHelper uses: blanks separate words, and single
// or double quotes group (and are removed). Backslash escapes the next
// character outside single quotes. Nothing is expanded.
func shellWords(cmd string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, c := range cmd {
		switch {
		case escaped:
			cur.WriteRune(c)
			escaped = false
		case c == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteRune(c)
			}
		case c == '"' || c == '\'':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func (r *runner) helperCheck(c credState) Finding {
	f := Finding{Name: "apiKeyHelper", Group: GroupCredentials, Status: OK}
	prog := helperProgram(c.helper)
	if prog == "" {
		f.Status, f.ID = Warn, catalog.InvalidAPIKey
		f.Detail = say(MsgHelperNoProgram, c.helperFile.Label)
		f.Fix = say(MsgFixHelperMissing)
		return f
	}
	if strings.HasPrefix(prog, "sk-ant-") {
		prog = redact.Key(prog)
	}
	f.Detail = say(MsgHelperSet, c.helperFile.Label, prog)
	path := prog
	if strings.HasPrefix(path, "~/") && r.env.Home != "" {
		path = filepath.Join(r.env.Home, path[2:])
	}
	if filepath.IsAbs(path) {
		if _, err := os.Stat(path); err != nil {
			f.Status, f.ID = Fail, catalog.InvalidAPIKey
			f.Detail = say(MsgHelperMissing, c.helperFile.Label, prog)
			f.Fix = say(MsgFixHelperMissing)
			return f
		}
	} else if _, err := r.env.LookPath(prog); err != nil && !strings.ContainsAny(prog, "/\\") {
		// A shell builtin or alias would also fail here; say "not found on PATH" only.
		f.Status, f.ID = Warn, catalog.InvalidAPIKey
		f.Detail = say(MsgHelperNotOnPath, c.helperFile.Label, prog)
		f.Fix = say(MsgFixHelperMissing)
		return f
	}
	if s := c.source(); s == srcCloud || s == srcAuthToken || s == srcAPIKey {
		f.Detail = append(f.Detail, msg(MsgHelperShadowed, r.describe(c, s)))
	}
	return f
}

func (r *runner) storedLoginCheck(c credState) Finding {
	f := Finding{Name: "stored-login", Group: GroupCredentials, Status: OK}
	label := r.label(c.storedLogin)
	if c.apiKey != "" {
		// The seed's organization-disabled case: a stale key in the
		// environment wins over a valid subscription login.
		f.Status, f.ID = Warn, catalog.OrganizationDisabled
		f.Detail = say(MsgLoginOverridden, srcAPIKey, label)
		f.Fix = append(r.fix(f.ID, srcAPIKey, MsgFixLoginOverridden, srcAPIKey), r.fixNote(srcAPIKey)...)
		return f
	}
	f.Detail = say(MsgLoginFound, label)
	if st, err := os.Stat(c.storedLogin); err == nil && runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		f.Status = Warn
		f.Detail = say(MsgLoginPerm, label, fmt.Sprintf("%04o", st.Mode().Perm()))
		f.Fix = say(MsgFixLoginPerm, label)
	}
	return f
}
