package collect

import "testing"

// BenchmarkDecode decodes and classifies the recorded 429 batch (an
// api_error and its api_retries_exhausted), from protobuf and from JSON.
func BenchmarkDecode(b *testing.B) {
	req := logsFrom(b, "rate-limited-retries2.v1_logs.json")
	pb, err := req.MarshalProto()
	if err != nil {
		b.Fatal(err)
	}
	js := readTestdata(b, "rate-limited-retries2.v1_logs.json")
	for _, enc := range []struct {
		name   string
		body   []byte
		decode func([]byte) (*otlpLogs, error)
	}{{"protobuf", pb, decodeLogsProto}, {"json", js, decodeLogsJSON}} {
		b.Run(enc.name, func(b *testing.B) {
			b.SetBytes(int64(len(enc.body)))
			n := 0
			for b.Loop() {
				l, err := enc.decode(enc.body)
				if err != nil {
					b.Fatal(err)
				}
				n += len(decodeLogs(l, false).batch.Events)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
