package match_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ccerr/ccerr/catalog"
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

// proseText returns about n bytes of a service log in which one line in four
// uses the errors' own words in ordinary prose ("retrying", "request timed
// out", "overloaded", "rate limit"): near misses the matcher must verify and
// reject. It mirrors the input of bench/explain.sh.
func proseText(n int) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	errs := []string{
		"API Error: Repeated 529 Overloaded errors",
		"\x1b[31m● Unable to connect to API (ECONNREFUSED)\x1b[0m",
		`{"type":"assistant","message":{"content":[{"type":"text","text":"Credit balance is too low"}]},"isApiErrorMessage":true}`,
		"  ⎿  Not logged in · Please run /login",
		"You've hit your weekly limit · resets Mon 12:00am",
		"Prompt is too long",
		"✻ 529 Overloaded · Retrying in 4s · attempt 6/10",
	}
	var b bytes.Buffer
	for i := 1; b.Len() < n; i++ {
		ts := fmt.Sprintf("2026-11-26T%02d:%02d:%02d.%03dZ", i/3600000%24, i/60000%60, i/1000%60, i%1000)
		switch k := r.IntN(8); {
		case i%5000 == 0:
			b.WriteString(errs[i/5000%len(errs)])
		case k == 0:
			fmt.Fprintf(&b, "%s INFO  [worker-%d] GET /api/v1/items/%d 200 %dms", ts, i%16, r.IntN(100000), r.IntN(900))
		case k == 1:
			fmt.Fprintf(&b, "%s DEBUG cache miss key=user:%d ttl=300 shard=%d", ts, r.IntN(1000000), i%32)
		case k == 2:
			fmt.Fprintf(&b, "\x1b[32m✓\x1b[0m parser/lexer_test.go: case %d passed (%dms)", i, r.IntN(50))
		case k == 3:
			fmt.Fprintf(&b, `{"level":"warn","ts":"%s","msg":"slow request","path":"/v1/search","ms":%d}`, ts, r.IntN(5000))
		case k == 4:
			fmt.Fprintf(&b, "%s WARN  retrying upload of chunk %d after a timeout; the server looked overloaded", ts, i)
		case k == 5:
			fmt.Fprintf(&b, "%s ERROR connection reset by peer while reading from upstream 10.0.%d.%d:443", ts, i%255, r.IntN(255))
		case k == 6:
			b.WriteString("the nightly build was slow again: rate limit reached on the package mirror, request timed out twice")
		default:
			fmt.Fprintf(&b, "npm ERR! code EACCES (attempt %d) — permission denied, mkdir /usr/lib/node_modules/pkg-%d", i%10, i)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func benchReader(b *testing.B, data []byte) {
	m, err := match.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		hits, err := m.Reader(bytes.NewReader(data))
		if err != nil || len(hits) == 0 {
			b.Fatalf("hits %v, err %v", hits, err)
		}
	}
}

// BenchmarkReader measures the matcher on mixed text with few errors.
func BenchmarkReader(b *testing.B) { benchReader(b, benchText(8<<20)) }

// BenchmarkReaderProse measures it on a log where a quarter of the lines are
// near misses.
func BenchmarkReaderProse(b *testing.B) { benchReader(b, proseText(8<<20)) }

// BenchmarkNew measures building the default catalog's matcher.
func BenchmarkNew(b *testing.B) {
	c, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := match.New(c); err != nil {
			b.Fatal(err)
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

// denseLine returns one line of about n bytes made of every documented
// message of the catalog, over and over, joined by " | ": the worst case of
// issue 11, where a line holds an error every few dozen bytes.
func denseLine(n int) []byte {
	var msgs []string
	for _, e := range catalog.MustDefault().Entries() {
		for _, m := range e.Messages {
			if !bytes.ContainsRune([]byte(m.Text), '\n') {
				msgs = append(msgs, m.Text)
			}
		}
	}
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(msgs[i%len(msgs)])
		b.WriteString(" | ")
	}
	return b.Bytes()
}

// BenchmarkReaderDenseLine measures one line of 2 MB dense with errors.
func BenchmarkReaderDenseLine(b *testing.B) { benchReader(b, denseLine(2<<20)) }

// BenchmarkTextDenseLine measures Text on one such line of 1 MB, matched
// in one piece.
func BenchmarkTextDenseLine(b *testing.B) {
	m, err := match.Default()
	if err != nil {
		b.Fatal(err)
	}
	s := string(denseLine(1 << 20))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if len(m.Text(s)) == 0 {
			b.Fatal("no hits")
		}
	}
}
