package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minEcho is the shortest run of a secret's characters that [Secrets]
// masks: short enough to catch a truncated echo, long enough not to mask
// ordinary words.
const minEcho = 8

// Secrets masks, in text that came back from elsewhere (an upstream's error
// message, a gateway's page), every run of 8 or more consecutive characters
// of any of secrets: the whole secret or a piece of it, truncated, in upper
// or lower case, \u-escaped (\u0053ECRET…) or %-escaped. The public
// prefix of a key ("sk-ant-api03-") is not secret and is kept; the rest of
// a whole secret, as given, keeps its last four characters, as [Key] shows
// it ("sk-ant-api03-…WXYZ"); any other run becomes "…". Secrets shorter than 8 characters are ignored.
func Secrets(text string, secrets ...string) string {
	v := decode(text)
	covered := make([]bool, len(v.runes))
	whole := make([]string, len(v.runes)) // the secret a run starting here is, whole
	found := false
	for _, secret := range secrets {
		secret = strings.TrimSpace(secret)
		sr := []rune(strings.ToLower(secret))
		if len(sr) < minEcho {
			continue
		}
		// The 8-rune pieces of the secret after its public prefix.
		pub := utf8.RuneCountInString(publicPrefix(secret))
		grams := make(map[string]bool, len(sr))
		for i := pub; i+minEcho <= len(sr); i++ {
			grams[string(sr[i:i+minEcho])] = true
		}
		for i := 0; i+minEcho <= len(v.lower); i++ {
			if !grams[string(v.lower[i:i+minEcho])] {
				continue
			}
			found = true
			for j := i; j < i+minEcho; j++ {
				covered[j] = true
			}
			// The secret whole, as given: its prefix is before i.
			if k := i - pub; k >= 0 && k+len(sr) <= len(v.runes) &&
				string(v.runes[k:k+len(sr)]) == secret && v.plain(k, k+len(sr)) {
				whole[i] = secret[len(publicPrefix(secret)):]
			}
		}
	}
	if !found {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0 // byte offset in text written so far
	for i := 0; i < len(v.runes); {
		if !covered[i] {
			i++
			continue
		}
		j := i
		for j < len(v.runes) && covered[j] {
			j++
		}
		b.WriteString(text[last:v.start[i]])
		if w := whole[i]; w != "" && j-i == utf8.RuneCountInString(w) && j-i >= minRevealLen {
			b.WriteString("…" + string(v.runes[j-4:j]))
		} else {
			b.WriteString("…")
		}
		last = v.end[j-1]
		i = j
	}
	b.WriteString(text[last:])
	return b.String()
}

// publicPrefix is the known public prefix secret starts with, if any.
func publicPrefix(secret string) string {
	for _, p := range keyPrefixes {
		if strings.HasPrefix(secret, p) {
			return p
		}
	}
	return ""
}

// view is text with \uXXXX and %XX escapes decoded, one rune per decoded
// character, and where each came from.
type view struct {
	runes      []rune
	lower      []rune
	start, end []int // byte range in the text of each rune
}

// plain reports whether runes i to j were written as themselves, not
// escaped.
func (v *view) plain(i, j int) bool {
	for k := i; k < j; k++ {
		if v.end[k]-v.start[k] != utf8.RuneLen(v.runes[k]) {
			return false
		}
	}
	return true
}

func decode(text string) *view {
	v := &view{}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\\' && i+6 <= len(text) && (text[i+1] == 'u' || text[i+1] == 'U') && isHex(text[i+2:i+6]):
			r, n = rune(hexVal(text[i+2:i+6])), 6
		case r == '%' && i+3 <= len(text) && isHex(text[i+1:i+3]):
			r, n = rune(hexVal(text[i+1:i+3])), 3
		}
		v.runes = append(v.runes, r)
		v.lower = append(v.lower, unicode.ToLower(r))
		v.start = append(v.start, i)
		v.end = append(v.end, i+n)
		i += n
	}
	return v
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func hexVal(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n <<= 4
		switch {
		case c >= 'a':
			n |= int(c-'a') + 10
		case c >= 'A':
			n |= int(c-'A') + 10
		default:
			n |= int(c - '0')
		}
	}
	return n
}
