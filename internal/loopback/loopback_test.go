package loopback

import "testing"

func TestHost(t *testing.T) {
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"127.0.0.1", true}, {"127.1.2.3", true}, {"localhost", true}, {"LocalHost", true},
		{"::1", true}, {"[::1]", true},
		{"", false}, {"0.0.0.0", false}, {"::", false}, {"192.168.1.10", false},
		{"example.com", false}, {"localhost.example.com", false}, {"[127.0.0.1", false},
	} {
		if got := Host(tt.host); got != tt.want {
			t.Errorf("Host(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestAddr(t *testing.T) {
	for _, tt := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8787", true}, {"127.1.2.3:1", true}, {"[::1]:8787", true}, {"localhost:8787", true},
		{":8787", false}, {"0.0.0.0:8787", false}, {"[::]:80", false}, {"10.0.0.1:80", false},
		{"host:80", false}, {"nonsense", false}, {"127.0.0.1", false},
	} {
		if got := Addr(tt.addr); got != tt.want {
			t.Errorf("Addr(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestDialable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.0.0.0:8788", "127.0.0.1:8788"},
		{"[::]:8787", "127.0.0.1:8787"},
		{"127.0.0.1:8788", "127.0.0.1:8788"},
		{"[::1]:80", "[::1]:80"},
		{"192.0.2.7:443", "192.0.2.7:443"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		if got := Dialable(tt.in); got != tt.want {
			t.Errorf("Dialable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
