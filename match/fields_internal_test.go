package match

import "testing"

// The extractors' expressions are compiled on first use: check them all.
func TestExtractorsCompile(t *testing.T) {
	for i := range extractors {
		x := &extractors[i]
		if re := x.re.get(); re.NumSubexp() < len(x.keys) {
			t.Errorf("%s: %d submatches for keys %v", re, re.NumSubexp(), x.keys)
		}
	}
}
