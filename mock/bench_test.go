package mock

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkServe measures whole requests over loopback with keep-alive:
// recording, raw header capture, logging to io.Discard and the answer.
func BenchmarkServe(b *testing.B) {
	for _, tt := range []struct{ name, scenario, body string }{
		{"ok-json", OK, jsonBody},
		{"ok-stream", OK, streamBody},
		{"overloaded", "overloaded", jsonBody},
	} {
		b.Run(tt.name, func(b *testing.B) {
			s, err := newServer(Config{Scenario: tt.scenario, Log: io.Discard, MaxRequests: -1}, testSet)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.Start(); err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			c := s.Client()
			defer c.CloseIdleConnections()
			url := s.URL + "/v1/messages?beta=true"
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(tt.body))
				req.Header.Set("x-api-key", "sk-ant-api03-bench-key-0000")
				resp, err := c.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
