package proxy

import (
	"strconv"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"32MiB", 32 << 20, false},
		{"32mib", 32 << 20, false},
		{"32 MiB", 32 << 20, false},
		{"32MB", 32_000_000, false},
		{"512KiB", 512 << 10, false},
		{"1k", 1024, false},
		{"1g", 1 << 30, false},
		{"1.5MiB", 3 << 19, false},
		{"1048576", 1 << 20, false},
		{"0", 0, false},
		{"", 0, true},
		{"MiB", 0, true},
		{"-1", 0, true},
		{"12XB", 0, true},
		{"0.3B", 0, true},
		{"99999999999999999999", 0, true},
		{"9999999999999GiB", 0, true},
		{"1.2.3", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSize(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// FuzzParseSize: never panics, never negative, and a plain number of bytes
// parses to itself.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"32MiB", "1.5k", "0", "", "-3", "1e9", "18446744073709551615"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err == nil && n < 0 {
			t.Errorf("ParseSize(%q) = %d", s, n)
		}
		if v, perr := strconv.ParseUint(s, 10, 63); perr == nil && (err != nil || n != int64(v)) {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", s, n, err, v)
		}
	})
}
