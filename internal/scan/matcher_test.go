package scan

import (
	"os"
	"testing"

	"github.com/ccerr/ccerr/match"
)

func testMatcher(t testing.TB) LineMatcher {
	t.Helper()
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// makeTempDir makes a folder that outlives one benchmark run (b.TempDir is
// removed between the runs b.Loop makes with growing N); it is removed at exit.
func makeTempDir() (string, error) {
	return os.MkdirTemp("", "ccerr-scan-bench-")
}
