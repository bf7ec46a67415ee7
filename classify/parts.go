package classify

import (
	"context"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/internal/verdict"
)

// Parts are the facts known about one failed Claude API call, wherever they
// were read: an HTTP response ([ResponseParts]), a transport error, an SSE
// error event, a line of a Claude Code transcript, or the fields found in a
// pasted text. Every field is optional; [Classifier.Classify] uses what is
// there, and the same facts always give the same verdict, whichever path
// they came by.
type Parts struct {
	// Status is the HTTP status, or 0 when no response arrived or the status
	// is not known. A status below 400 with no ErrorType is not a failure.
	Status int
	// ErrorType is the body's error.type ("overloaded_error"). With no
	// Status (or one below 400, as for an SSE error after a 200) it stands
	// for the status the API gives that type: 529 for overloaded_error, 500
	// for a type it does not know.
	ErrorType string
	// Message is the body's error.message, verbatim. When no response
	// arrived it may be the text a tool recorded for the failure ("Request
	// timed out.", "Connection error."), which is read for those two cases
	// only.
	Message string
	// ErrorCode is the body's error.details.error_code
	// ("enforced_spend_limit_reached").
	ErrorCode string
	// RequestID is the request-id header, else the body's request_id.
	RequestID string
	// Model is the model the request asked for, if known.
	Model string
	// Credential is the kind of credential the request carried:
	// catalog.CredentialAPIKey, catalog.CredentialOAuth, or empty when not
	// known.
	Credential string
	// Header holds the response headers (x-should-retry, retry-after,
	// request-id, the anthropic-ratelimit-unified-* family, x-deny-reason).
	// It is not modified.
	Header http.Header
	// Body is the raw response body. Its JSON error envelope supplies
	// ErrorType, Message, ErrorCode and RequestID when those are empty; a
	// body that is not the envelope is read for the few 4xx causes its text
	// alone names (an HTML 413, a credit message).
	Body []byte
	// Err is the transport error of a request that got no response; see
	// [Classifier.Err]. It is read only when Status is 0 and ErrorType is
	// empty.
	Err error
	// Code is the errno-style or TLS code of a transport failure when it is
	// already named (a transcript's connection.code): ECONNREFUSED,
	// ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT, …. A certificate code gives
	// tls-certificate, any other code connection-failed. Err, when set,
	// wins.
	Code string
	// Repeated is the number of overloaded answers in a row, this one
	// included, that the caller has seen for one request (a retry loop
	// counts them); 0 means not counted. From [RepeatedOverloaded] on, the
	// message is the one Claude Code prints when it gives up on repeated
	// 529s rather than the one for a single 529.
	Repeated int
}

// RepeatedOverloaded is the number of consecutive 529s after which Claude
// Code 2.1.332 stops retrying and says "Repeated 529 Overloaded errors".
const RepeatedOverloaded = 3

// Classify gives the verdict on the parts of a failure with the
// [Classifier] zero value; see [Classifier.Classify].
func Classify(p Parts) *Failure { return std.Classify(p) }

// ResponseParts returns the parts of an HTTP response and the body read
// from it: status, headers, body and request id, and, from resp.Request
// when it is set, the credential kind (x-api-key or Authorization: Bearer)
// and, through GetBody, the model. It also reads the count of consecutive
// overloaded answers a retry loop recorded with [WithRepeated] in the
// request's context. resp.Body is not touched. A nil resp gives zero Parts.
func ResponseParts(resp *http.Response, body []byte) Parts {
	if resp == nil {
		return Parts{}
	}
	p := Parts{
		Status:    resp.StatusCode,
		Header:    resp.Header,
		Body:      body,
		RequestID: strings.TrimSpace(resp.Header.Get("Request-Id")),
	}
	if req := resp.Request; req != nil {
		p.Credential = credentialOf(req.Header)
		p.Model = modelOf(req)
		p.Repeated, _ = req.Context().Value(repeatedKey{}).(int)
	}
	return p
}

type repeatedKey struct{}

// WithRepeated returns a context that records n, the number of
// consecutive overloaded answers so far, for [ResponseParts] to find in the
// context of a response's request. A retry loop sets it on each attempt's
// request so that whoever classifies the response it finally returns gets
// the message Claude Code prints after the same run of 529s.
func WithRepeated(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, repeatedKey{}, n)
}

// Classify gives the verdict on the parts of one failure: the catalog
// entry, the details Claude Code would show, and what Claude Code does
// with it. It returns nil when the parts describe no failure (nothing set,
// or a status below 400 with no error type, no transport error and no
// code).
//
// The order of reading is: an HTTP status of 400 or more, or an error type
// (the rules of the package doc, "How a response is classified"); else a
// transport error (see [Classifier.Err]); else a named code; else the two
// texts a tool records for a failure without a response, "timed out"
// (request-timeout) and "Connection error." (connection-failed). Parts
// with only an unrecognised message give a Failure with an empty ID.
func (c *Classifier) Classify(p Parts) *Failure {
	if len(p.Body) > 0 {
		b := verdict.ParseBody(p.Body)
		p.ErrorType = orElse(p.ErrorType, b.ErrorType)
		p.Message = orElse(p.Message, b.Message)
		p.ErrorCode = orElse(p.ErrorCode, b.Code)
		p.RequestID = orElse(p.RequestID, b.RequestID)
	}
	status := p.Status
	if status < 400 && p.ErrorType != "" {
		status = verdict.StatusOfType(p.ErrorType)
	}
	if status > 0 && status < 400 && p.Err == nil && p.Code == "" {
		return nil // an answer that is not an error
	}
	f := &Failure{
		Status:     status,
		ErrorType:  p.ErrorType,
		APIMessage: p.Message,
		ErrorCode:  p.ErrorCode,
		RequestID:  p.RequestID,
		Model:      p.Model,
		Credential: p.Credential,
		Header:     p.Header,
		Body:       p.Body,
		repeated:   p.Repeated,
	}
	if p.Header != nil {
		f.ShouldRetry = parseShouldRetry(p.Header)
		f.RetryAfter = ParseRetryAfter(p.Header, c.now())
		if f.RequestID == "" {
			f.RequestID = strings.TrimSpace(p.Header.Get("Request-Id"))
		}
	}
	switch {
	case status >= 400:
		if f.Header == nil {
			f.Header = http.Header{}
		}
		f.ID = c.responseID(f)
	case p.Err != nil:
		if !c.transport(f, p.Err) {
			return nil
		}
	case p.Code != "":
		f.Status, f.Code = 0, p.Code
		f.ID = verdict.CodeID(p.Code)
	case p.Message != "":
		f.Status = 0
		f.ID = verdict.TextID(p.Message)
	default:
		return nil
	}
	return c.finish(f)
}

// orElse is a, or b when a is empty.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
