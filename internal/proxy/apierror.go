package proxy

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// The message the Messages API gives in its own 413 (FACTS §1, request-too-large).
const tooLargeMessage = "Request exceeds the maximum allowed number of bytes."

// writeAPIError answers with an error in the Claude API's JSON shape,
// {"type":"error","error":{"type":…,"message":…}}, so that clients and SDKs
// parse the proxy's own refusals like the API's.
func writeAPIError(w http.ResponseWriter, status int, typ, message string) {
	body, _ := json.Marshal(apiError{Type: "error", Error: apiErrorBody{Type: typ, Message: message}})
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

type apiError struct {
	Type  string       `json:"type"`
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}
