package verdict

import (
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// The subscription ("unified") quota headers. They are undocumented; the
// names are those Claude Code reads (FACTS §2).
const (
	HeaderUnifiedStatus = "Anthropic-Ratelimit-Unified-Status"
	HeaderUnifiedReset  = "Anthropic-Ratelimit-Unified-Reset"
	HeaderUnifiedClaim  = "Anthropic-Ratelimit-Unified-Representative-Claim"
	unifiedPrefix       = "Anthropic-Ratelimit-Unified-"
)

// Get returns the first value of a header from a map with canonical keys,
// as net/http's Header.Get does for a canonical key.
func Get(h map[string][]string, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// DenyReason returns the egress-proxy refusal a response carries, as
// "header: value", or "".
func DenyReason(h map[string][]string) string {
	if v := strings.TrimSpace(Get(h, "X-Deny-Reason")); strings.EqualFold(v, "host_not_allowed") {
		return "x-deny-reason: " + v
	}
	if v := strings.TrimSpace(Get(h, "X-Proxy-Error")); strings.EqualFold(v, "blocked-by-allowlist") {
		return "x-proxy-error: " + v
	}
	return ""
}

// tooManyRequests tells the three kinds of 429 apart. A subscription quota
// is rejected in the unified headers; Claude Code changes its message for
// them only when the credential is not an API key, so an API-key request
// carrying them is an ordinary rate limit. A Bearer credential without the
// headers is throttled by the server, not out of quota.
func tooManyRequests(a Answer) catalog.ID {
	if strings.EqualFold(strings.TrimSpace(Get(a.Header, HeaderUnifiedStatus)), "rejected") && a.Credential != catalog.CredentialAPIKey {
		return catalog.UsageLimit
	}
	if a.Credential == catalog.CredentialOAuth && !hasUnified(a.Header) {
		return catalog.ServerThrottled
	}
	return catalog.RateLimited
}

func hasUnified(h map[string][]string) bool {
	for k := range h {
		if len(k) > len(unifiedPrefix) && strings.EqualFold(k[:len(unifiedPrefix)], unifiedPrefix) {
			return true
		}
	}
	return false
}
