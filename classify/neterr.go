package classify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/verdict"
)

// Err classifies the error of a request that got no HTTP response. It
// returns nil for a nil error and for context.Canceled, which means the
// caller gave up, not that the API failed. Any other error gives a Failure:
// connection-failed, tls-certificate, request-timeout or host-not-allowed,
// with Code set where one is known; an error that names a mistake in the
// request itself (an unsupported URL scheme, an invalid header) gives an
// empty ID.
func (c *Classifier) Err(err error) *Failure {
	if err == nil || errors.Is(err, context.Canceled) {
		return nil
	}
	return c.Classify(Parts{Err: err})
}

// transport fills f from a transport error; false for an error that is not
// a failure of the API (nil, or the caller's cancellation).
func (c *Classifier) transport(f *Failure, err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	f.Err = err
	f.Status = 0
	f.ID, f.Code = c.errID(err)
	if pe, ok := errors.AsType[*ProxyError](err); ok {
		f.Status, f.Header = pe.StatusCode, pe.Header
	}
	return true
}

// errnoCodes are the socket errors Claude Code names by their code.
var errnoCodes = []struct {
	errno syscall.Errno
	code  string
}{
	{syscall.ECONNREFUSED, "ECONNREFUSED"},
	{syscall.ECONNRESET, "ECONNRESET"},
	{syscall.ECONNABORTED, "ECONNABORTED"},
	{syscall.EPIPE, "EPIPE"},
	{syscall.ETIMEDOUT, "ETIMEDOUT"},
	{syscall.EHOSTUNREACH, "EHOSTUNREACH"},
	{syscall.ENETUNREACH, "ENETUNREACH"},
	{syscall.EHOSTDOWN, "EHOSTDOWN"},
	{syscall.ENETDOWN, "ENETDOWN"},
	{syscall.EADDRNOTAVAIL, "EADDRNOTAVAIL"},
}

func (c *Classifier) errID(err error) (id catalog.ID, code string) {
	if pe, ok := errors.AsType[*ProxyError](err); ok {
		if verdict.DenyReason(pe.Header) != "" {
			return catalog.HostNotAllowed, ""
		}
		return catalog.ConnectionFailed, "ERR_PROXY_TUNNEL"
	}
	if code, ok := c.tlsCode(err); ok {
		return catalog.TLSCertificate, code
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return catalog.RequestTimeout, ""
	}
	for _, e := range errnoCodes {
		if errors.Is(err, e.errno) {
			return catalog.ConnectionFailed, e.code
		}
	}
	if de, ok := errors.AsType[*net.DNSError](err); ok {
		if !de.IsNotFound && (de.IsTimeout || de.IsTemporary) {
			return catalog.ConnectionFailed, "EAI_AGAIN"
		}
		return catalog.ConnectionFailed, "ENOTFOUND"
	}
	if oe, ok := errors.AsType[*net.OpError](err); ok {
		switch {
		case oe.Op == "dial" && oe.Timeout():
			return catalog.ConnectionFailed, "ETIMEDOUT"
		case oe.Op == "proxyconnect":
			return catalog.ConnectionFailed, "ERR_PROXY_TUNNEL"
		}
	}
	msg := err.Error()
	// net/http's TLS handshake timeout has an unexported type; its text is
	// the only way to tell it from a server that accepted the connection and
	// then kept silent.
	if strings.Contains(msg, "TLS handshake timeout") {
		return catalog.ConnectionFailed, "ETIMEDOUT"
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return catalog.RequestTimeout, ""
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		// The server closed the connection before answering; Node reports
		// this "socket hang up" as ECONNRESET, and so does Claude Code.
		return catalog.ConnectionFailed, "ECONNRESET"
	}
	if isProxyRefusal(err) {
		return catalog.ConnectionFailed, "ERR_PROXY_TUNNEL"
	}
	if isRequestMistake(msg) {
		return "", ""
	}
	return catalog.ConnectionFailed, ""
}

// isProxyRefusal recognises a proxy's non-200 answer to CONNECT. net/http
// reports it as errors.New(<status text>), e.g. "Proxy Authentication
// Required" or "Forbidden", with no type and without the proxy's headers
// (set [ProxyConnectHook] to get them), so the innermost error's text is all
// there is to go on.
func isProxyRefusal(err error) bool {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	text := err.Error()
	for code := 400; code < 600; code++ {
		if t := http.StatusText(code); t != "" && text == t {
			return true
		}
	}
	return text == "unknown status code"
}

// isRequestMistake recognises errors net/http returns for a request it
// refuses to send. They are plain errors.New values (no exported type or
// sentinel), so only their text identifies them.
func isRequestMistake(msg string) bool {
	for _, s := range []string{
		"unsupported protocol scheme",
		"no Host in request URL",
		"invalid header field",
		"invalid method",
		"nil Request.URL",
		"nil Request.Header",
		"invalid URL",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// tlsCode maps a certificate verification failure to the code Node (and so
// Claude Code) gives it.
func (c *Classifier) tlsCode(err error) (string, bool) {
	var chain []*x509.Certificate
	cve, isCVE := errors.AsType[*tls.CertificateVerificationError](err)
	if isCVE {
		chain = cve.UnverifiedCertificates
	}
	if ua, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		leaf := ua.Cert
		if leaf == nil && len(chain) > 0 {
			leaf = chain[0]
		}
		switch {
		case leaf != nil && selfSigned(leaf):
			return "DEPTH_ZERO_SELF_SIGNED_CERT", true
		case len(chain) > 1 && selfSigned(chain[len(chain)-1]):
			return "SELF_SIGNED_CERT_IN_CHAIN", true
		}
		return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", true
	}
	if ci, ok := errors.AsType[x509.CertificateInvalidError](err); ok {
		switch ci.Reason {
		case x509.Expired:
			if ci.Cert != nil && c.now().Before(ci.Cert.NotBefore) {
				return "CERT_NOT_YET_VALID", true
			}
			return "CERT_HAS_EXPIRED", true
		case x509.NotAuthorizedToSign, x509.CANotAuthorizedForThisName, x509.CANotAuthorizedForExtKeyUsage:
			return "INVALID_CA", true
		case x509.IncompatibleUsage:
			return "INVALID_PURPOSE", true
		case x509.TooManyIntermediates:
			return "CERT_CHAIN_TOO_LONG", true
		}
		return "UNABLE_TO_VERIFY_LEAF_SIGNATURE", true
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return "ERR_TLS_CERT_ALTNAME_INVALID", true
	}
	if _, ok := errors.AsType[x509.SystemRootsError](err); ok {
		return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", true
	}
	if isCVE {
		return "UNABLE_TO_VERIFY_LEAF_SIGNATURE", true
	}
	return "", false
}

// selfSigned reports whether a certificate names itself as issuer and its
// signature checks against its own key.
func selfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) &&
		c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// ProxyError is a proxy's refusal to open a CONNECT tunnel, with the
// proxy's status and headers. net/http reports only the status text unless
// [ProxyConnectHook] is installed.
type ProxyError struct {
	StatusCode int         // the proxy's status, e.g. 403
	Status     string      // the status line, e.g. "403 Forbidden"
	Header     http.Header // the proxy's response headers
}

// Error describes the refusal.
func (e *ProxyError) Error() string {
	return "proxy refused CONNECT: " + e.Status
}

// ProxyConnectHook is meant for http.Transport.OnProxyConnectResponse:
//
//	tr.OnProxyConnectResponse = classify.ProxyConnectHook
//
// It turns a non-200 answer to CONNECT into a [*ProxyError] that keeps the
// proxy's headers, so that [Err] can tell an egress allowlist's
// x-deny-reason: host_not_allowed (host-not-allowed) from other refusals
// (connection-failed, ERR_PROXY_TUNNEL).
func ProxyConnectHook(_ context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
	if resp == nil || resp.StatusCode == http.StatusOK {
		return nil
	}
	return &ProxyError{StatusCode: resp.StatusCode, Status: resp.Status, Header: resp.Header.Clone()}
}
