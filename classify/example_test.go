package classify_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/classify"
)

func Example() {
	body := []byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}`)
	resp := &http.Response{
		StatusCode: 529,
		Header:     http.Header{"Request-Id": {"req_011CSHoEeqs5C35K2UUqR7Fy"}, "X-Should-Retry": {"true"}},
	}
	f := classify.Response(resp, body)
	fmt.Println(f.ID, f.Status, f.ErrorType, f.RequestID, *f.ShouldRetry)
	fmt.Println(f.Entry.Category, f.Entry.Retry.Retried)

	// A Failure is an error; errors.As takes it back out of a wrapped chain.
	err := fmt.Errorf("calling the API: %w", f)
	var ff *classify.Failure
	if errors.As(err, &ff) {
		fmt.Println(ff.Message)
	}
	// Output:
	// overloaded 529 overloaded_error req_011CSHoEeqs5C35K2UUqR7Fy true
	// server true
	// API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.
}

// Repeated says how many 529s in a row the caller has seen; Claude Code
// words fewer than three as any server error, and a retry loop (package
// retry) records the count for whoever classifies its last response.
func ExampleParts_repeated() {
	body := []byte(`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
	for _, n := range []int{1, 3} {
		f := classify.Classify(classify.Parts{Status: 529, Body: body, Repeated: n})
		fmt.Println(f.ID, f.Message)
	}
	// Output:
	// overloaded API Error: 529 Overloaded. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.
	// overloaded API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.
}

func ExampleStream() {
	event := "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n"
	f := classify.Stream([]byte(event))
	fmt.Println(f.ID, f.Status)
	// Output: overloaded 529
}

func ExampleResponse_html413() {
	resp := &http.Response{StatusCode: 413, Header: http.Header{"Content-Type": {"text/html"}}}
	f := classify.Response(resp, []byte("<html><center><h1>413 Request Entity Too Large</h1></center></html>"))
	fmt.Println(f.ID)
	fmt.Println(strings.HasPrefix(f.Message, "Request too large"))
	// Output:
	// request-too-large
	// true
}

// Classify takes the parts of a failure however they were read; here, what
// a Claude Code transcript records for a retried 429: the status, the raw
// body, and the quota it saw, as the headers it read it from.
func ExampleClassify() {
	f := classify.Classify(classify.Parts{
		Status: 429,
		Body:   []byte(`{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}`),
		Header: http.Header{
			"Anthropic-Ratelimit-Unified-Status":               {"rejected"},
			"Anthropic-Ratelimit-Unified-Representative-Claim": {"seven_day"},
		},
	})
	fmt.Println(f.ID, f.Side, f.Retried)
	fmt.Println(f.Message)

	// A transport failure whose code is already named.
	g := classify.Classify(classify.Parts{Code: "ECONNREFUSED"})
	fmt.Println(g.ID, g.Side, g.Retried)
	fmt.Println(g.Message)
	// Output:
	// usage-limit account false
	// You've hit your weekly limit
	// connection-failed network true
	// Unable to connect to API (ECONNREFUSED)
}
