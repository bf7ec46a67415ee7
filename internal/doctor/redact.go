package doctor

import (
	"strings"

	"github.com/ccerr/ccerr/internal/redact"
)

// redactBare is [redact.Key] for a place already inside parentheses: a short
// secret reads "2 characters" rather than "(2 characters)".
func redactBare(secret string) string {
	s := redact.Key(secret)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		return s[1 : len(s)-1]
	}
	return s
}
