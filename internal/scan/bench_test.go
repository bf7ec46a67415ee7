package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ccerr/ccerr/internal/scan/gen"
)

var (
	benchOnce     sync.Once
	benchDir      string
	benchManifest *gen.Manifest
	benchErr      error
)

// BenchmarkScan scans a generated 64 MiB corpus (transcripts and logs, one
// error line in about two thousand) with every core, without a session
// check (the library's default).
func BenchmarkScan(b *testing.B) { benchScan(b, nil) }

// BenchmarkScanSessionCheck scans the same corpus as `ccerr scan` does:
// every transcript also goes through repair's detector as it is read.
func BenchmarkScanSessionCheck(b *testing.B) { benchScan(b, repairCheck) }

func benchScan(b *testing.B, check SessionCheck) {
	benchOnce.Do(func() {
		benchDir, benchErr = makeTempDir()
		if benchErr == nil {
			benchManifest, benchErr = gen.Write(benchDir, gen.Config{Seed: 7, Size: 64 << 20})
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	opts := Options{Paths: []string{benchDir}, Matcher: testMatcher(b), CheckSession: check}
	b.SetBytes(benchManifest.Bytes)
	b.ResetTimer()
	for b.Loop() {
		r, err := Run(context.Background(), opts)
		if err != nil || r.Events != benchManifest.Events {
			b.Fatalf("events %d, want %d (err %v)", r.Events, benchManifest.Events, err)
		}
	}
	b.ReportMetric(float64(benchManifest.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

var (
	chainedOnce  sync.Once
	chainedDir   string
	chainedBytes int64
	chainedErr   error
)

// BenchmarkScanChained scans 64 MiB of healthy sessions, without and with
// repair's detector. The generated corpus above links each line to a random
// parent and answers no tool call, which makes the detector report tens of
// thousands of problems; these sessions have the shape of real ones: each
// line names the one before it and every tool call gets its result.
func BenchmarkScanChained(b *testing.B) {
	chainedOnce.Do(func() {
		chainedDir, chainedErr = makeTempDir()
		if chainedErr == nil {
			chainedBytes, chainedErr = writeChained(chainedDir, 16, 4<<20)
		}
	})
	if chainedErr != nil {
		b.Fatal(chainedErr)
	}
	for _, tc := range []struct {
		name  string
		check SessionCheck
	}{{"plain", nil}, {"check", repairCheck}} {
		b.Run(tc.name, func(b *testing.B) {
			opts := Options{Paths: []string{chainedDir}, Matcher: testMatcher(b), CheckSession: tc.check}
			b.SetBytes(chainedBytes)
			for b.Loop() {
				r, err := Run(context.Background(), opts)
				if err != nil || len(r.Poisoned) != 0 {
					b.Fatalf("poisoned %v (err %v), want none", r.Poisoned, err)
				}
			}
		})
	}
}

// writeChained writes n healthy sessions of about size bytes each into dir
// and returns the bytes written.
func writeChained(dir string, n, size int) (int64, error) {
	var total int64
	code := strings.Repeat("func (s *Server) Handle(ctx context.Context, req *Request) (*Response, error) {\\n\\treturn nil, nil\\n}\\n", 24)
	prose := strings.Repeat("The test is flaky because the retry loop reads the clock twice. ", 6)
	for f := range n {
		c := newChat(fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", f))
		var body strings.Builder
		for i := 0; body.Len() < size; i++ {
			id := fmt.Sprintf("toolu_01%022d", i)
			c.user(`"`+prose+`"`).
				assistant(`{"type":"text","text":"`+prose+`"}`, toolUse(id)).
				user(`[{"tool_use_id":"` + id + `","type":"tool_result","content":"` + code + `"}]`).
				assistant(`{"type":"text","text":"` + prose + prose + `"}`)
			for _, l := range c.lines {
				body.WriteString(l)
				body.WriteByte('\n')
			}
			c.lines = c.lines[:0]
		}
		if err := os.WriteFile(filepath.Join(dir, c.session+".jsonl"), []byte(body.String()), 0o644); err != nil {
			return 0, err
		}
		total += int64(body.Len())
	}
	return total, nil
}
