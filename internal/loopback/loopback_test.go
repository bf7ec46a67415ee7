package loopback

import (
	"context"
	"errors"
	"net"
	"testing"
)

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

// fakeListener is bound wherever the test says.
type fakeListener struct {
	net.Listener
	addr   net.Addr
	closed bool
}

func (f *fakeListener) Addr() net.Addr { return f.addr }
func (f *fakeListener) Close() error   { f.closed = true; return nil }

// Listen judges the address the listener is bound to, not the name it was
// given: "localhost" mapped to a public address is refused.
func TestListenChecksBoundAddress(t *testing.T) {
	tests := []struct {
		name, addr  string
		bound       string
		allowRemote bool
		wantErr     bool
	}{
		{"localhost bound to loopback", "localhost:8787", "127.0.0.1:8787", false, false},
		{"localhost mapped elsewhere", "localhost:8787", "192.0.2.7:8787", false, true},
		{"loopback name, every interface", "localhost:8787", "0.0.0.0:8787", false, true},
		{"ipv6 loopback", "[::1]:0", "[::1]:41000", false, false},
		{"remote allowed", "0.0.0.0:8787", "0.0.0.0:8787", true, false},
		{"name mapped to every interface", "myhost:8787", "[::]:8787", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fl *fakeListener
			listen := func(_ context.Context, addr string) (net.Listener, error) {
				if addr != tt.addr {
					t.Errorf("listened on %q, want %q", addr, tt.addr)
				}
				a, err := net.ResolveTCPAddr("tcp", tt.bound)
				if err != nil {
					t.Fatal(err)
				}
				fl = &fakeListener{addr: a}
				return fl, nil
			}
			ln, err := listenWith(t.Context(), tt.addr, tt.allowRemote, listen)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", err, tt.wantErr)
			}
			if err != nil {
				var nl *NotLoopbackError
				if !errors.As(err, &nl) || nl.Bound != tt.bound || !fl.closed || ln != nil {
					t.Errorf("err %v (bound %q), listener closed %v", err, tt.bound, fl.closed)
				}
			}
		})
	}
}

// Over a real socket: 127.0.0.1:0 is accepted, and Bound says so.
func TestListen(t *testing.T) {
	ln, err := Listen(t.Context(), "127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if !Bound(ln) {
		t.Errorf("Bound(%v) = false", ln.Addr())
	}
}

// A literal address that is not loopback is refused before anything is
// bound.
func TestListenRefusesLiteral(t *testing.T) {
	for _, addr := range []string{":8787", "0.0.0.0:8787", "[::]:80", "192.0.2.1:8787"} {
		listen := func(context.Context, string) (net.Listener, error) {
			t.Errorf("%s was bound", addr)
			return nil, errors.New("no")
		}
		_, err := listenWith(t.Context(), addr, false, listen)
		var nl *NotLoopbackError
		if !errors.As(err, &nl) || nl.Addr != addr {
			t.Errorf("listenWith(%q) = %v, want a NotLoopbackError", addr, err)
		}
	}
}
