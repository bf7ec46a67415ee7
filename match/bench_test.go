package match_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/ccerr/ccerr/match"
)

// benchText returns about n bytes of mixed terminal output, logs, code and
// prose, with one documented error every 200 lines or so.
func benchText(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	lines := []string{
		"The quick brown fox jumps over the lazy dog while the server handles the request.",
		"2026-11-26T18:00:48.174Z INFO  http: GET /v1/models 200 OK in 12ms request_id=abc123",
		"2026-11-26T18:00:49.001Z WARN  retry: upstream returned an error, will try again later",
		"func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }",
		`{"level":"debug","ts":1764180048.17,"msg":"connection established","peer":"10.0.0.12:443"}`,
		"  ⎿  Read 120 lines (ctrl+r to expand)",
		"● I'll update the configuration file and then run the test suite to check everything passes.",
		"npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
		"    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
		"The API documentation says the rate limit resets every minute; the prompt was long.",
		"Überprüfen Sie die Konfiguration. 请检查配置文件中的设置,然后重试。",
		"",
	}
	errs := []string{
		"● API Error: Repeated 529 Overloaded errors · check status.claude.com",
		"✻ API error · retrying in 4s · attempt 3/10",
		"Not logged in · Please run /login",
		"Unable to connect to API (ECONNREFUSED)",
	}
	var b bytes.Buffer
	for b.Len() < n {
		if r.IntN(200) == 0 {
			b.WriteString(errs[r.IntN(len(errs))])
		} else {
			b.WriteString(lines[r.IntN(len(lines))])
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func BenchmarkReader(b *testing.B) {
	m, err := match.Default()
	if err != nil {
		b.Fatal(err)
	}
	data := benchText(8 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		hits, err := m.Reader(bytes.NewReader(data))
		if err != nil || len(hits) == 0 {
			b.Fatalf("hits %v, err %v", hits, err)
		}
	}
}

func BenchmarkFindLine(b *testing.B) {
	m, err := match.Default()
	if err != nil {
		b.Fatal(err)
	}
	data := benchText(1 << 20)
	lines := bytes.Split(data, []byte{'\n'})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, l := range lines {
			m.FindLine(l)
		}
	}
}
