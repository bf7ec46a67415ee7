package cli

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/match"
)

// gate is standard input that blocks until opened, then ends.
type gate struct{ open chan struct{} }

func (g *gate) Read([]byte) (int, error) {
	<-g.open
	return 0, io.EOF
}

// watchWriter opens the gate on its first write: the progress line has been drawn.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	once sync.Once
	g    *gate
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.g != nil {
		w.once.Do(func() { close(w.g.open) })
	}
	return w.buf.Write(p)
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestScanProgress checks that the progress line appears on a terminal's
// standard error only once a scan has run for a second, is cleared at the
// end, and never appears in a pipe. The clock is synctest's: nothing sleeps.
func TestScanProgress(t *testing.T) {
	for _, tc := range []struct {
		name   string
		errTTY bool
		slow   bool
		want   string // substring of stderr; "" means stderr stays empty
	}{
		{"slow scan on a terminal", true, true, "\rscanning: 0 files, 0.0 MiB\x1b[K"},
		{"fast scan on a terminal", true, false, ""},
		{"slow scan in a pipe", false, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				g := &gate{open: make(chan struct{})}
				errW := &watchWriter{}
				var in io.Reader = strings.NewReader("")
				if tc.slow {
					in = g
					if tc.errTTY {
						errW.g = g
					} else {
						// Nothing will be drawn: open the gate once the
						// progress delay has long passed.
						go func() {
							time.Sleep(10 * time.Second)
							close(g.open)
						}()
					}
				}
				var out bytes.Buffer
				opts := &scanOptions{
					IO:    &IO{In: in, Out: &out, Err: errW, ErrTTY: tc.errTTY, Getenv: func(string) string { return "" }},
					Paths: []string{"-"}, Lang: "en", Clock: time.Now, ProgressAfter: time.Second,
					Catalog: (&Factory{}).Catalog,
					Matcher: func() (scan.LineMatcher, error) { return match.Default() },
				}
				if err := runScan(opts); err != nil {
					t.Fatal(err)
				}
				got := errW.String()
				if tc.want == "" {
					if got != "" {
						t.Errorf("stderr = %q, want nothing", got)
					}
					return
				}
				if !strings.Contains(got, tc.want) || !strings.HasSuffix(got, "\r\x1b[K") {
					t.Errorf("stderr = %q, want it to contain %q and end by clearing the line", got, tc.want)
				}
			})
		})
	}
}
