package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

func TestHistogramBuckets(t *testing.T) {
	tests := []struct {
		name    string
		observe []float64
		want    string // the bucket, _sum and _count lines
	}{
		{"none", nil, `h_bucket{le="0.1"} 0
h_bucket{le="1"} 0
h_bucket{le="10"} 0
h_bucket{le="+Inf"} 0
h_sum 0
h_count 0
`},
		{"equal to a bound goes in that bucket", []float64{0.1, 1, 10}, `h_bucket{le="0.1"} 1
h_bucket{le="1"} 2
h_bucket{le="10"} 3
h_bucket{le="+Inf"} 3
h_sum 11.1
h_count 3
`},
		{"just above a bound goes in the next", []float64{math.Nextafter(0.1, 1), math.Nextafter(10, 11)}, `h_bucket{le="0.1"} 0
h_bucket{le="1"} 1
h_bucket{le="10"} 1
h_bucket{le="+Inf"} 2
h_sum 10.100000000000001
h_count 2
`},
		{"below every bound, negative too", []float64{0, -3}, `h_bucket{le="0.1"} 2
h_bucket{le="1"} 2
h_bucket{le="10"} 2
h_bucket{le="+Inf"} 2
h_sum -3
h_count 2
`},
		{"above every bound and +Inf", []float64{11, math.Inf(1)}, `h_bucket{le="0.1"} 0
h_bucket{le="1"} 0
h_bucket{le="10"} 0
h_bucket{le="+Inf"} 2
h_sum +Inf
h_count 2
`},
		{"NaN is counted in +Inf", []float64{0.5, math.NaN()}, `h_bucket{le="0.1"} 0
h_bucket{le="1"} 1
h_bucket{le="10"} 1
h_bucket{le="+Inf"} 2
h_sum NaN
h_count 2
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSet()
			h := s.NewHistogram("h", "Help.", []float64{0.1, 1, 10})
			for _, v := range tc.observe {
				h.Observe(v)
			}
			page := writeString(t, s)
			want := "# HELP h Help.\n# TYPE h histogram\n" + tc.want
			if page != want {
				t.Errorf("got\n%s\nwant\n%s", page, want)
			}
			if err := metricstest.Check(page); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestHistogramBoundsCopied(t *testing.T) {
	bounds := []float64{1, 2}
	s := NewSet()
	h := s.NewHistogram("h", "", bounds)
	bounds[0] = 5
	h.Observe(1)
	if page := writeString(t, s); !strings.Contains(page, `h_bucket{le="1"} 1`) {
		t.Errorf("changing the caller's slice changed the buckets:\n%s", page)
	}
}
