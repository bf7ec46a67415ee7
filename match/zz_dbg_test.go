package match_test

import (
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	m := matcher(t)
	for _, s := range []string{os.Getenv("DBG")} {
		for _, f := range m.FindLine([]byte(s)) {
			t.Logf("%s %q %v", f.ID, s[f.Start:f.End], f.Fields)
		}
		for _, h := range m.Text(s) {
			t.Logf("hit %s %d", h.ID, h.Count)
		}
	}
}
