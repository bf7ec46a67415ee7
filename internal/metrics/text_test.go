package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

func TestLabelValueEscaping(t *testing.T) {
	tests := []struct{ value, want string }{
		{`plain`, `c{v="plain"} 1`},
		{``, `c{v=""} 1`},
		{`back\slash`, `c{v="back\\slash"} 1`},
		{`say "hi"`, `c{v="say \"hi\""} 1`},
		{"two\nlines", `c{v="two\nlines"} 1`},
		{"\\\"\n", `c{v="\\\"\n"} 1`},
		{`trailing\`, `c{v="trailing\\"} 1`},
		{"tab\tstays", "c{v=\"tab\tstays\"} 1"},
		{"中文 ok", `c{v="中文 ok"} 1`},
		{"bad \xff byte", "c{v=\"bad \uFFFD byte\"} 1"},
		{"{},=", `c{v="{},="} 1`},
	}
	for _, tc := range tests {
		s := NewSet()
		s.NewCounterVec("c", "", 0, "v").WithLabelValues(tc.value).Inc()
		page := writeString(t, s)
		if got := lastLine(page); got != tc.want {
			t.Errorf("value %q: got %s, want %s", tc.value, got, tc.want)
		}
		if err := metricstest.Check(page); err != nil {
			t.Errorf("value %q: %v\n%s", tc.value, err, page)
		}
	}
}

func TestHelpEscaping(t *testing.T) {
	tests := []struct{ help, want string }{
		{"Plain help.", "# HELP g Plain help."},
		{`A \ backslash.`, `# HELP g A \\ backslash.`},
		{"Two\nlines.", `# HELP g Two\nlines.`},
		{`Quotes "stay" as they are.`, `# HELP g Quotes "stay" as they are.`},
		{"", ""},
	}
	for _, tc := range tests {
		s := NewSet()
		s.NewGauge("g", tc.help)
		page := writeString(t, s)
		first, _, _ := strings.Cut(page, "\n")
		if tc.want == "" {
			if strings.Contains(page, "# HELP") {
				t.Errorf("help %q: a # HELP line in\n%s", tc.help, page)
			}
		} else if first != tc.want {
			t.Errorf("help %q: got %s, want %s", tc.help, first, tc.want)
		}
		if err := metricstest.Check(page); err != nil {
			t.Errorf("help %q: %v\n%s", tc.help, err, page)
		}
	}
}

func TestFloatFormat(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{1500, "1500"},
		{-2.5, "-2.5"},
		{0.001, "0.001"},
		{4194304, "4194304"},
		{-1 << 52, "-4503599627370496"},
		{1 << 53, "9.007199254740992e+15"},
		{1e21, "1e+21"},
		{0.5, "0.5"},
		{1e-7, "1e-07"},
		{math.Copysign(0, -1), "0"},
		{math.Inf(1), "+Inf"},
		{math.Inf(-1), "-Inf"},
		{math.NaN(), "NaN"},
	}
	for _, tc := range tests {
		if got := string(appendFloat(nil, tc.v)); got != tc.want {
			t.Errorf("appendFloat(%v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

// writeString writes s and returns the page.
func writeString(t *testing.T, s *Set) string {
	t.Helper()
	var b strings.Builder
	if err := s.WritePrometheus(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// lastLine is the last line of page, without its line feed.
func lastLine(page string) string {
	lines := strings.Split(strings.TrimSuffix(page, "\n"), "\n")
	return lines[len(lines)-1]
}
