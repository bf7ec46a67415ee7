package verdict

import (
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// streamStatus is the HTTP status each error type stands for when it arrives
// inside a stream that began with 200.
var streamStatus = map[string]int{
	"invalid_request_error": statusBadRequest,
	"authentication_error":  statusUnauthorized,
	"billing_error":         statusPaymentRequired,
	"permission_error":      statusForbidden,
	"not_found_error":       statusNotFound,
	"request_too_large":     statusRequestEntityTooLarge,
	"rate_limit_error":      statusTooManyRequests,
	"api_error":             statusInternalServerError,
	"timeout_error":         statusGatewayTimeout,
	"overloaded_error":      StatusOverloaded,
}

// StatusOfType is the HTTP status the API gives an error type; 500 for a
// type it does not know.
func StatusOfType(errType string) int {
	if s, ok := streamStatus[errType]; ok {
		return s
	}
	return statusInternalServerError
}

// tlsCodes are the certificate verdicts Node (and so Claude Code) names;
// Claude Code shows them at once instead of retrying. Other TLS codes, such
// as ERR_TLS_HANDSHAKE_TIMEOUT or ERR_SSL_WRONG_VERSION_NUMBER, are
// transient connection failures.
var tlsCodes = map[string]bool{
	"DEPTH_ZERO_SELF_SIGNED_CERT":        true,
	"SELF_SIGNED_CERT_IN_CHAIN":          true,
	"UNABLE_TO_GET_ISSUER_CERT":          true,
	"UNABLE_TO_GET_ISSUER_CERT_LOCALLY":  true,
	"UNABLE_TO_VERIFY_LEAF_SIGNATURE":    true,
	"UNABLE_TO_DECRYPT_CERT_SIGNATURE":   true,
	"UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY": true,
	"CERT_SIGNATURE_FAILURE":             true,
	"CERT_NOT_YET_VALID":                 true,
	"CERT_HAS_EXPIRED":                   true,
	"CERT_REVOKED":                       true,
	"CERT_UNTRUSTED":                     true,
	"CERT_REJECTED":                      true,
	"CERT_CHAIN_TOO_LONG":                true,
	"INVALID_CA":                         true,
	"INVALID_PURPOSE":                    true,
	"PATH_LENGTH_EXCEEDED":               true,
	"HOSTNAME_MISMATCH":                  true,
	"ERR_TLS_CERT_ALTNAME_INVALID":       true,
}

// CodeID places a failure by its transport code alone.
func CodeID(code string) catalog.ID {
	if tlsCodes[strings.ToUpper(strings.TrimSpace(code))] {
		return catalog.TLSCertificate
	}
	return catalog.ConnectionFailed
}

// TextID places a failure without a response by the text a tool recorded
// for it: the TypeScript SDK's (and so Claude Code's) "Request timed out."
// and "Connection error.".
func TextID(msg string) catalog.ID {
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "timed out"):
		return catalog.RequestTimeout
	case strings.Contains(low, "connection error"):
		return catalog.ConnectionFailed
	}
	return ""
}
