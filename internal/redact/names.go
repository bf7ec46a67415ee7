package redact

import "strings"

// secretWords are the parts of a header or query parameter name that mark
// its value as a credential: authorization, x-api-key, anthropic-api-key,
// x-goog-api-key, x-auth-token, x-amz-security-token, client_secret,
// password, and every other name built on them. A false alarm (say,
// Idempotency-Key) costs a masked value in a log; a miss leaks a key.
var secretWords = []string{
	"auth", "key", "token", "secret", "password", "passwd", "pwd",
	"cookie", "credential", "signature",
}

// secretParams are short query parameter names that carry credentials
// without one of secretWords in them (signed URLs, OAuth codes), compared
// in lower case.
var secretParams = map[string]bool{
	"sig": true, "code": true, "pass": true, "jwt": true, "sas": true,
}

// SecretName reports whether a header or query parameter named name holds a
// credential, by the words in the name (in any case, with any of "-", "_"
// or "." between them): Authorization, Proxy-Authorization, X-Api-Key,
// Api-Key, Anthropic-Api-Key, X-Goog-Api-Key, X-Auth-Token,
// X-Amz-Security-Token, Cookie, Set-Cookie, key, api_key, access_token,
// sig, and any name containing token, secret, key or password.
func SecretName(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return false
	}
	if secretParams[n] {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
