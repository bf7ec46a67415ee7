package scan

import (
	"context"
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
