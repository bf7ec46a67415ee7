package redact

import (
	"strings"
	"unicode/utf8"
)

// Value masks the value of a credential header or parameter by the rule
// [Key] applies: an auth scheme in front ("Bearer ", "Basic ") is kept, then
// a known public prefix such as "sk-ant-api03-" and at most the last four
// characters ("Bearer sk-ant-oat01-…LMNO"); a value shorter than 16
// characters is shown only by its length.
func Value(v string) string {
	v = strings.TrimSpace(v)
	if masked(v) {
		return v
	}
	if scheme, rest, ok := strings.Cut(v, " "); ok && isScheme(scheme) {
		return scheme + " " + Key(rest)
	}
	return Key(v)
}

// isScheme reports whether s looks like an HTTP auth scheme (Bearer, Basic,
// Token): a short run of ASCII letters.
func isScheme(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// Header returns a header's value as safe to log: the whole value masked by
// [Value] when the name says it is a credential ([SecretName]), and
// otherwise the value with any credential-shaped part masked by [Text].
func Header(name, value string) string {
	if SecretName(name) {
		return Value(value)
	}
	return Text(value)
}

// Query returns a raw query string (without the "?") as safe to log: the
// value of every parameter whose name is a credential's ([SecretName]: key,
// api_key, token, sig, …) is masked by [Value], and credential-shaped
// values under other names by [Text]. Names, order and separators are
// kept.
func Query(raw string) string {
	if raw == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(raw))
	for i, part := range strings.Split(raw, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			b.WriteString(Text(part))
			continue
		}
		b.WriteString(name)
		b.WriteByte('=')
		if SecretName(unescape(name)) {
			b.WriteString(Value(unescape(value)))
		} else {
			b.WriteString(Text(value))
		}
	}
	return b.String()
}

// masked reports whether v is already the output of [Key]: it ends with
// "…" and at most four characters, or is "(N characters)".
func masked(v string) bool {
	if i := strings.LastIndex(v, "…"); i >= 0 && utf8.RuneCountInString(v[i+len("…"):]) <= 4 {
		return true
	}
	return v == "(empty)" || strings.HasPrefix(v, "(") && strings.HasSuffix(v, " characters)")
}
