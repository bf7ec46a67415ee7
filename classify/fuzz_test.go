package classify

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzResponse feeds arbitrary statuses, header values and bodies to the
// classifier: it must never panic, must classify every status of 400 and
// up, and must always render a message.
func FuzzResponse(f *testing.F) {
	seeds := []struct {
		status int
		header string
		body   string
	}{
		{529, "", envelope("overloaded_error", "Overloaded")},
		{429, "anthropic-ratelimit-unified-status: rejected\nanthropic-ratelimit-unified-reset: 2000000000\nanthropic-ratelimit-unified-representative-claim: five_hour", envelope("rate_limit_error", "x")},
		{413, "", "<html>413</html>"},
		{403, "x-deny-reason: host_not_allowed", ""},
		{403, "", envelope("permission_error", "OAuth token does not meet scope requirement\n user:profile")},
		{404, "", envelope("not_found_error", "model: claude-x")},
		{400, "retry-after: 1e9\nx-should-retry: true", `{"error":"text"}`},
		{500, "retry-after-ms: -1", `{"error":{"details":[1]}}`},
		{401, "request-id: req_1", "\xff\xfe"},
	}
	for _, s := range seeds {
		f.Add(s.status, s.header, s.body, "oauth")
		f.Add(s.status, s.header, s.body, "api-key")
	}
	f.Fuzz(func(t *testing.T, status int, header, body, cred string) {
		h := map[string]string{}
		for line := range strings.Lines(header) {
			if k, v, ok := strings.Cut(strings.TrimSpace(line), ":"); ok {
				h[k] = strings.TrimSpace(v)
			}
		}
		resp := httpResp(status, h, body, cred)
		got := testClassifier.Response(resp, []byte(body))
		if status < 400 {
			if got != nil {
				t.Fatalf("status %d classified as %q", status, got.ID)
			}
			return
		}
		if got == nil || got.Message == "" {
			t.Fatalf("status %d: %+v", status, got)
		}
		if got.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %v", got.RetryAfter)
		}
		// The verdict's own rules hold for any input.
		if (got.Entry == nil) != (got.ID == "") || (got.Entry != nil && got.Side != got.Entry.Side) {
			t.Fatalf("ID %q, Entry %v, Side %q", got.ID, got.Entry, got.Side)
		}
		if got.ShouldRetry != nil && !*got.ShouldRetry && got.Retried {
			t.Fatalf("x-should-retry: false, yet Retried")
		}
		// Parts built by hand from the same facts give the same verdict.
		p := Parts{Status: status, Header: resp.Header, Body: []byte(body), Credential: credentialOf(resp.Request.Header), Model: "claude-sonnet-5-5"}
		if again := testClassifier.Classify(p); again == nil || again.ID != got.ID || again.Message != got.Message || again.Retried != got.Retried {
			t.Fatalf("Classify(parts) = %+v, Response = %+v", again, got)
		}
		_ = testClassifier.Stream([]byte(body))
	})
}

func TestResponseGetBodyModel(t *testing.T) {
	resp := httpResp(404, nil, "", "")
	resp.Request.GetBody = nil
	f := testClassifier.Response(resp, []byte(envelope("not_found_error", "Not found")))
	if f.Model != "" {
		t.Errorf("Model without GetBody = %q", f.Model)
	}
	resp = httpResp(500, nil, "", "")
	resp.Request.Header = http.Header{"Authorization": {"Basic abc"}}
	if f := testClassifier.Response(resp, nil); f.Credential != "" || f.Model != "claude-sonnet-5-5" {
		t.Errorf("Credential %q Model %q", f.Credential, f.Model)
	}
}

// FuzzStream feeds arbitrary SSE event text to Stream: no panic, and a
// Failure always has a status and a message.
func FuzzStream(f *testing.F) {
	f.Add("event: error\ndata: " + envelope("overloaded_error", "Overloaded") + "\n\n")
	f.Add(envelope("api_error", "x"))
	f.Add("data: {\"error\":\"text\"}\r\n")
	f.Add("data: {\ndata: }\n")
	f.Fuzz(func(t *testing.T, data string) {
		got := testClassifier.Stream([]byte(data))
		if got != nil && (got.Status < 400 || got.Message == "") {
			t.Fatalf("Stream(%q) = %+v", data, got)
		}
	})
}
