package cli

import "testing"

func TestProxyProcs(t *testing.T) {
	tests := []struct {
		name   string
		flag   int
		envSet bool
		avail  int
		want   int
	}{
		{"half of two", 0, false, 2, 1},
		{"half of eight", 0, false, 8, 4},
		{"half of seven, rounded down", 0, false, 7, 3},
		{"at least one", 0, false, 1, 1},
		{"GOMAXPROCS set: Go's own", 0, true, 8, 0},
		{"the flag wins over GOMAXPROCS", 6, true, 8, 6},
		{"the flag may ask for all", 8, false, 8, 8},
	}
	for _, tt := range tests {
		if got := proxyProcs(tt.flag, tt.envSet, tt.avail); got != tt.want {
			t.Errorf("%s: proxyProcs(%d, %v, %d) = %d, want %d", tt.name, tt.flag, tt.envSet, tt.avail, got, tt.want)
		}
	}
}
