package match

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// denseLine is one line of about n bytes made of every documented message,
// over and over, joined by sep.
func denseLine(n int, sep string) []byte {
	var msgs []string
	for _, e := range catalog.MustDefault().Entries() {
		for _, m := range e.Messages {
			if !strings.Contains(m.Text, "\n") {
				msgs = append(msgs, m.Text)
			}
		}
	}
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(msgs[i%len(msgs)])
		b.WriteString(sep)
	}
	return b.Bytes()
}

// The work done on a line dense with errors (bytes normalised, bytes of
// windows given to regular expressions) is linear in its length: a line
// sixteen times longer costs at most about sixteen times as much, and a
// few bytes of work per byte of input.
func TestDenseLineWorkIsLinear(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, sep := range []string{" | ", " ", "; "} {
		work := func(n int) (int, int) {
			line := denseLine(n, sep)
			s := m.get()
			defer m.put(s)
			s.work = 0
			m.find(s, line)
			return s.work, len(line)
		}
		w1, n1 := work(16 << 10)
		w2, n2 := work(256 << 10)
		per1, per2 := float64(w1)/float64(n1), float64(w2)/float64(n2)
		t.Logf("sep %q: %.2f and %.2f bytes of work per byte", sep, per1, per2)
		if per2 > 8 {
			t.Errorf("sep %q: %.2f bytes of work per byte of a 256 KiB line, want at most 8", sep, per2)
		}
		if per2 > per1*1.25 {
			t.Errorf("sep %q: work per byte grows with the line: %.2f at 16 KiB, %.2f at 256 KiB", sep, per1, per2)
		}
	}
}

// Reader matches a dense line of several megabytes with the same linear
// work: each piece of a long line costs what a line of that size costs.
func TestDenseLineReaderFindsAll(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	line := denseLine(1<<20, " | ")
	hits, err := m.Reader(bytes.NewReader(line))
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, e := range catalog.MustDefault().Entries() {
		if len(e.Messages) > 0 {
			want++
		}
	}
	if len(hits) != want {
		t.Errorf("%d entries found in a dense line, want %d", len(hits), want)
	}
}
