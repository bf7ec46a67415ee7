package probe

import (
	"context"
	"errors"
	"io"
	"testing"
	"testing/synctest"
	"time"
)

func TestIdleTimeout(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		attempt time.Duration
		want    time.Duration
	}{
		{"default", nil, 0, 180 * time.Second},
		{"API_TIMEOUT_MS shorter", nil, 3 * time.Second, 3 * time.Second},
		{"API_TIMEOUT_MS longer", nil, 600 * time.Second, 180 * time.Second},
		{"byte idle", map[string]string{EnvByteStreamIdle: "60000"}, 0, 60 * time.Second},
		{"byte idle floor", map[string]string{EnvByteStreamIdle: "5"}, 0, 10 * time.Second},
		{"byte idle ceiling", map[string]string{EnvByteStreamIdle: "99999999"}, 0, 30 * time.Minute},
		{"stream idle at least 300 s", map[string]string{EnvStreamIdle: "20000"}, 0, 300 * time.Second},
		{"stream idle above 300 s", map[string]string{EnvStreamIdle: "400000"}, 0, 400 * time.Second},
		{"byte idle wins", map[string]string{EnvByteStreamIdle: "60000", EnvStreamIdle: "400000"}, 0, 60 * time.Second},
		{"junk ignored", map[string]string{EnvByteStreamIdle: "soon", EnvStreamIdle: "-1"}, 0, 180 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IdleTimeout(func(k string) string { return tt.env[k] }, tt.attempt); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReadAllStall: headers came, then a little, then nothing: ReadAll
// gives up one idle period after the last byte, on a fake clock.
func TestReadAllStall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pr, pw := io.Pipe()
		go func() {
			pw.Write([]byte("event: message_start\n"))
			time.Sleep(2 * time.Second)
			pw.Write([]byte("data: {}\n\n"))
			// then silence; the writer never closes
		}()
		start := time.Now()
		b, err := ReadAll(pr, 1<<20, 3*time.Second)
		if !errors.Is(err, ErrIdle) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want ErrIdle", err)
		}
		if got := time.Since(start); got != 5*time.Second {
			t.Errorf("gave up after %v, want 5s (2s of data, then 3s idle)", got)
		}
		if string(b) != "event: message_start\ndata: {}\n\n" {
			t.Errorf("read %q", b)
		}
	})
}

func TestReadAllComplete(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pr, pw := io.Pipe()
		go func() {
			for range 5 {
				time.Sleep(2 * time.Second) // slow but never idle for 3 s
				pw.Write([]byte("x"))
			}
			pw.Close()
		}()
		b, err := ReadAll(pr, 1<<20, 3*time.Second)
		if err != nil || string(b) != "xxxxx" {
			t.Errorf("got %q, %v", b, err)
		}
	})
}

func TestStreamError(t *testing.T) {
	stream := "event: message_start\ndata: {}\n\nevent: error\ndata: {\"type\":\"error\"}\n\n"
	if got := string(StreamError([]byte(stream))); got != "event: error\ndata: {\"type\":\"error\"}" {
		t.Errorf("got %q", got)
	}
	if StreamError([]byte(`{"type":"message"}`)) != nil {
		t.Error("error event found in JSON")
	}
}
