package classify

import (
	"bytes"
	"net/http"
)

// streamStatus is the HTTP status each error type stands for when it arrives
// inside a stream that began with 200.
var streamStatus = map[string]int{
	"invalid_request_error": http.StatusBadRequest,
	"authentication_error":  http.StatusUnauthorized,
	"billing_error":         http.StatusPaymentRequired,
	"permission_error":      http.StatusForbidden,
	"not_found_error":       http.StatusNotFound,
	"request_too_large":     http.StatusRequestEntityTooLarge,
	"rate_limit_error":      http.StatusTooManyRequests,
	"api_error":             http.StatusInternalServerError,
	"timeout_error":         http.StatusGatewayTimeout,
	"overloaded_error":      StatusOverloaded,
}

// Stream classifies an SSE "event: error" that arrived after a 200 response
// had begun. data is the event's data (the JSON error envelope); a whole
// event, with "event:" and "data:" lines, is accepted too. The Failure's
// Status is the status the error type stands for (529 for
// overloaded_error, 500 for an unknown type) and its Body is the JSON. It
// returns nil when data holds no error at all.
func (c *Classifier) Stream(data []byte) *Failure {
	data = sseData(data)
	b := parseBody(data)
	if b.errType == "" && b.message == "" {
		return nil
	}
	return c.Classify(Parts{Status: statusOfType(b.errType), Body: data})
}

// sseData returns the joined "data:" lines of an SSE event, or data itself
// when it has none.
func sseData(data []byte) []byte {
	if !bytes.Contains(data, []byte("data:")) {
		return bytes.TrimSpace(data)
	}
	var out [][]byte
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, "\r\n")
		if rest, ok := bytes.CutPrefix(line, []byte("data:")); ok {
			out = append(out, bytes.TrimPrefix(rest, []byte(" ")))
		}
	}
	if out == nil {
		return bytes.TrimSpace(data)
	}
	return bytes.Join(out, []byte("\n"))
}
