package probe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minEchoRun is the shortest run of a credential's characters that Scrub
// treats as part of the credential: long enough that ordinary words do not
// match a random key, short enough to catch a key an upstream cut to a few
// dozen characters.
const minEchoRun = 8

// Mask replaces what Scrub hides.
const Mask = "[redacted]"

// publicPrefixes are the non-secret beginnings of Anthropic credentials
// (FACTS §7.1): a run made only of them is not a leak, and ccerr's own
// redacted form ("sk-ant-api03-…WXYZ") shows them.
var publicPrefixes = []string{"sk-ant-api03-", "sk-ant-oat01-", "sk-ant-admin01-", "sk-ant-"}

// Scrub hides every trace of the secrets in text that came back from an
// upstream (an error message quoting the key it refused, say): each run of
// minEchoRun or more characters that also occurs in a secret is replaced
// by [Mask]. Letters compare without case, and JSON (\u0041, \\u0041) and
// URL (%41) escapes are read as the characters they stand for, so a key
// echoed truncated, upper-cased or escaped is hidden too. Secrets shorter
// than minEchoRun characters are ignored.
func Scrub(text string, secrets ...string) string {
	grams := map[string]bool{}
	for _, s := range secrets {
		addGrams(grams, s)
	}
	if len(grams) == 0 || len(text) < minEchoRun {
		return text
	}
	units := decodeUnits(text)
	if len(units) < minEchoRun {
		return text
	}
	covered := make([]bool, len(units))
	var key strings.Builder
	for i := 0; i+minEchoRun <= len(units); i++ {
		key.Reset()
		for _, u := range units[i : i+minEchoRun] {
			key.WriteRune(u.r)
		}
		if grams[key.String()] {
			for j := i; j < i+minEchoRun; j++ {
				covered[j] = true
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(units); {
		if !covered[i] {
			b.WriteString(text[units[i].start:units[i].end])
			i++
			continue
		}
		for i < len(units) && covered[i] {
			i++
		}
		b.WriteString(Mask)
	}
	return b.String()
}

// addGrams adds the folded runs of minEchoRun characters of secret that
// are not wholly inside its public prefix.
func addGrams(grams map[string]bool, secret string) {
	s := strings.TrimSpace(secret)
	prefix := 0
	for _, p := range publicPrefixes {
		if strings.HasPrefix(s, p) {
			prefix = utf8.RuneCountInString(p)
			break
		}
	}
	rs := []rune(s)
	for i := range rs {
		rs[i] = unicode.ToLower(rs[i])
	}
	for i := 0; i+minEchoRun <= len(rs); i++ {
		if i+minEchoRun <= prefix {
			continue
		}
		grams[string(rs[i:i+minEchoRun])] = true
	}
}

// unit is one character of text as Scrub compares it: the folded rune and
// the bytes it was written with (one UTF-8 sequence or one escape).
type unit struct {
	r          rune
	start, end int
}

func decodeUnits(text string) []unit {
	var out []unit
	for i := 0; i < len(text); {
		if r, n := escapeAt(text[i:]); n > 0 {
			out = append(out, unit{unicode.ToLower(r), i, i + n})
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		out = append(out, unit{unicode.ToLower(r), i, i + n})
		i += n
	}
	return out
}

// escapeAt decodes an escape at the start of s: \uXXXX, \\uXXXX or %XX. n
// is 0 when s does not start with one.
func escapeAt(s string) (r rune, n int) {
	switch {
	case strings.HasPrefix(s, `\\u`) && len(s) >= 7:
		if v, ok := hexValue(s[3:7]); ok {
			return v, 7
		}
	case strings.HasPrefix(s, `\u`) && len(s) >= 6:
		if v, ok := hexValue(s[2:6]); ok {
			return v, 6
		}
	case s[0] == '%' && len(s) >= 3:
		if v, ok := hexValue(s[1:3]); ok {
			return v, 3
		}
	}
	return 0, 0
}

func hexValue(s string) (rune, bool) {
	var v rune
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | (c - '0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | (c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | (c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return v, true
}
