package redact

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyPrefixes are the public, non-secret prefixes of Anthropic credentials
// (FACTS §7.1), longest first so the most specific one is shown.
var keyPrefixes = []string{"sk-ant-api03-", "sk-ant-oat01-", "sk-ant-admin01-", "sk-ant-"}

// minRevealLen is the shortest secret whose last four characters may be
// shown; a shorter one is described only by its length, since four
// characters would be a large part of it.
const minRevealLen = 16

// Key describes a secret without revealing it: a known public prefix
// (such as "sk-ant-api03-") and the last four characters, e.g.
// "sk-ant-api03-…WXYZ". Surrounding spaces are ignored; invisible or
// control characters among the last four are shown as "?". A secret shorter
// than 16 characters is shown only as its length.
func Key(secret string) string {
	s := strings.TrimSpace(secret)
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "(empty)"
	}
	if n < minRevealLen {
		return "(" + strconv.Itoa(n) + " characters)"
	}
	prefix := ""
	for _, p := range keyPrefixes {
		if strings.HasPrefix(s, p) {
			prefix = p
			break
		}
	}
	runes := []rune(s)
	tail := runes[len(runes)-4:]
	for i, c := range tail {
		if !unicode.IsPrint(c) || unicode.IsSpace(c) {
			tail[i] = '?'
		}
	}
	return prefix + "…" + string(tail)
}
