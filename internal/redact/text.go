package redact

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// shapes finds what looks like a credential in free text, whatever it is
// called: user information in a URL, a name=value pair whose name is a
// credential's, a value after an auth scheme, an "sk-" key, and a long run
// of base64 or hex characters. One pattern, so that matches never overlap.
var shapes = sync.OnceValue(func() *regexp.Regexp {
	re := regexp.MustCompile(`(?P<userinfo>//[^/@\s?#"'<>]+@)` +
		`|(?P<kv>(?P<name>[A-Za-z0-9_.\-]+)=(?P<value>[^&\s"',;<>]+))` +
		`|(?i:(?P<scheme>\b(?:bearer|basic|token))\s+(?P<cred>[A-Za-z0-9._~+/=\-]{8,}))` +
		`|(?P<sk>\bsk-[A-Za-z0-9_\-]{16,})` +
		`|(?P<long>[A-Za-z0-9_+=\-]{32,})`)
	gUserinfo, gName, gValue = re.SubexpIndex("userinfo"), re.SubexpIndex("name"), re.SubexpIndex("value")
	gScheme, gCred, gSK, gLong = re.SubexpIndex("scheme"), re.SubexpIndex("cred"), re.SubexpIndex("sk"), re.SubexpIndex("long")
	return re
})

// The groups of shapes, set when it is compiled.
var gUserinfo, gName, gValue, gScheme, gCred, gSK, gLong int

// uuid is the shape of an id that is not a secret although it is a long
// run of hex (a session or request id).
var uuid = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
})

// Text masks everything in s that has the shape of a credential, by the
// rule of [Value]: the user information of a URL ("//user:password@" becomes
// "//…@"), the value of name=value when the name is a credential's
// ("?key=…", "api_key=…"), what follows Bearer, Basic or Token, "sk-" keys
// such as sk-ant-api03-…, and runs of 32 or more base64 or hex characters
// holding both letters and digits (a UUID excepted). The rest of s is kept.
func Text(s string) string {
	ms := shapes().FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, m := range ms {
		start, end, repl := m[0], m[1], ""
		group := func(g int) string {
			if m[2*g] < 0 {
				return ""
			}
			return s[m[2*g]:m[2*g+1]]
		}
		switch {
		case m[2*gUserinfo] >= 0:
			repl = "//…@"
		case m[2*gName] >= 0:
			name, value := group(gName), group(gValue)
			switch {
			case SecretName(unescape(name)):
				repl = name + "=" + Value(unescape(value))
			default:
				// A name that is itself a key, or base64 ending in "=",
				// is masked like any long run.
				if looksSecret(name) {
					name = Key(name)
				}
				if looksSecret(value) {
					value = Key(value)
				}
				repl = name + "=" + value
			}
		case m[2*gScheme] >= 0:
			repl = group(gScheme) + " " + Key(group(gCred))
		case m[2*gSK] >= 0:
			repl = Key(group(gSK))
		case m[2*gLong] >= 0:
			if run := group(gLong); looksSecret(run) {
				repl = Key(run)
			} else {
				repl = run
			}
		}
		b.WriteString(s[last:start])
		b.WriteString(repl)
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// looksSecret reports whether a value has a credential's shape: an "sk-"
// key, or 32 or more characters with letters and digits that are not a
// UUID.
func looksSecret(v string) bool {
	if strings.HasPrefix(v, "sk-") && len(v) >= 19 {
		return true
	}
	if len(v) < 32 || uuid().MatchString(v) {
		return false
	}
	letters, digits := false, false
	for _, c := range []byte(v) {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters = true
		}
	}
	return letters && digits
}

// unescape decodes a query component, or returns it as is when it does not
// decode.
func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}
