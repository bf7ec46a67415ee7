package collect

import "testing"

// BenchmarkDecode decodes and classifies the recorded 429 batch (an
// api_error and its api_retries_exhausted).
func BenchmarkDecode(b *testing.B) {
	req := logsFrom(b, "rate-limited-retries2.v1_logs.json")
	n := 0
	for b.Loop() {
		n += len(decodeLogs(req.Logs(), false).batch.Events)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}
