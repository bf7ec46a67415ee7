package scan

import (
	"context"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan/gen"
)

// TestCorpusMatchesManifest scans a generated corpus of a few MiB and
// checks every count against what the generator says it wrote.
func TestCorpusMatchesManifest(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  gen.Config
	}{
		{"plain", gen.Config{Seed: 1, Size: 3 << 20, ErrorEvery: 300}},
		{"gzip", gen.Config{Seed: 2, Size: 2 << 20, ErrorEvery: 60, GzipEvery: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want, err := gen.Write(dir, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Run(context.Background(), Options{Paths: []string{dir}, Matcher: testMatcher(t), Workers: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Skipped) != 0 {
				t.Errorf("skipped %v, want nothing", got.Skipped)
			}
			if got.Files != int64(want.Files) || got.Bytes != want.Bytes || got.Lines != want.Lines {
				t.Errorf("files/bytes/lines = %d/%d/%d, want %d/%d/%d", got.Files, got.Bytes, got.Lines, want.Files, want.Bytes, want.Lines)
			}
			if got.Events != want.Events {
				t.Errorf("events = %d, want %d", got.Events, want.Events)
			}
			seen := map[catalog.ID]bool{}
			for _, row := range got.Errors {
				seen[row.ID] = true
				w := want.Errors[row.ID]
				if w == nil {
					t.Errorf("%s: got %d final, %d retries; the generator wrote none", row.ID, row.Final, row.Retries)
					continue
				}
				if row.Final != w.Final || row.Retries != w.Retries || row.Count != w.Final+w.Retries {
					t.Errorf("%s: got final %d retries %d count %d, want %d %d %d", row.ID, row.Final, row.Retries, row.Count, w.Final, w.Retries, w.Final+w.Retries)
				}
			}
			for id := range want.Errors {
				if !seen[id] {
					t.Errorf("%s: generator wrote %+v, scan found none", id, *want.Errors[id])
				}
			}
			if want.Events < 20 {
				t.Errorf("corpus has only %d events; the test needs more to mean anything", want.Events)
			}
		})
	}
}
