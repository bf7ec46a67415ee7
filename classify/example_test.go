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
	// API Error: Repeated 529 Overloaded errors · check status.claude.com
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
