package retry

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkRoundTripFastPath measures what the Transport adds to a request
// that succeeds at once.
func BenchmarkRoundTripFastPath(b *testing.B) {
	for _, tc := range []struct {
		name   string
		policy *Policy
	}{
		{"default", DefaultPolicy()},
		{"no-attempt-timeout", &Policy{MaxRetries: 10}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ok := rtFunc(func(r *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
			})
			tr := &Transport{Base: ok, Policy: tc.policy}
			req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/v1/messages", strings.NewReader(`{"model":"m"}`))
			req.Header.Set("X-Api-Key", "k")
			b.ReportAllocs()
			for b.Loop() {
				resp, err := tr.RoundTrip(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
