package classify

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/verdict"
)

// StatusOverloaded is the API's non-standard status for overloaded_error.
const StatusOverloaded = 529

// maxModelScan bounds how much of a request body is read to find its model.
const maxModelScan = 64 << 10

// Response classifies an HTTP response and the body read from it (the
// caller reads the body, so that it can still hand it on): it is
// Classify(ResponseParts(resp, body)). It returns nil for a nil response or
// a status below 400. resp.Request, when set, tells the credential kind
// (x-api-key or Authorization: Bearer) and, through GetBody, the model of
// the request; resp.Body is not touched.
func (c *Classifier) Response(resp *http.Response, body []byte) *Failure {
	if resp == nil || resp.StatusCode < 400 {
		return nil
	}
	return c.Classify(ResponseParts(resp, body))
}

func (c *Classifier) responseID(f *Failure) catalog.ID {
	id := verdict.ResponseID(verdict.Answer{
		Status:     f.Status,
		ErrorType:  f.ErrorType,
		Message:    f.APIMessage,
		ErrorCode:  f.ErrorCode,
		Body:       f.Body,
		Credential: f.Credential,
		Header:     f.Header,
	})
	if id == catalog.UsageLimit {
		c.usageLimit(f)
	}
	return id
}

// credentialOf reports which credential a request carried. x-api-key wins
// when both are present, as the API reads it first. A Bearer token is an
// OAuth credential unless it has the shape of a Console API key
// (sk-ant-api…), which the Go SDK v2 sends as a Bearer token.
func credentialOf(h http.Header) string {
	if h.Get("X-Api-Key") != "" {
		return catalog.CredentialAPIKey
	}
	if a := h.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		if strings.HasPrefix(strings.TrimSpace(a[7:]), "sk-ant-api") {
			return catalog.CredentialAPIKey
		}
		return catalog.CredentialOAuth
	}
	return ""
}

// modelOf finds the top-level "model" of a JSON request body, reading at
// most maxModelScan bytes through GetBody. It gives up quietly.
func modelOf(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	rc, err := req.GetBody()
	if err != nil || rc == nil {
		return ""
	}
	defer rc.Close()
	dec := json.NewDecoder(io.LimitReader(rc, maxModelScan))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return ""
		}
		if k == "model" {
			var m string
			if dec.Decode(&m) != nil {
				return ""
			}
			return m
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
