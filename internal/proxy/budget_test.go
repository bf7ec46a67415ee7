package proxy

import (
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBudget(t *testing.T) {
	tests := []struct {
		name        string
		ratio, min  float64
		requests    int
		wantAllowed int // retries allowed out of many asked
	}{
		{"minimum when idle", 0.2, 3, 0, 30},
		{"ratio of requests beyond the minimum", 0.2, 3, 1000, 200},
		{"minimum wins over a small ratio", 0.2, 3, 50, 30},
		{"no minimum", 0.2, -1, 10, 2},
		{"no minimum, no requests", 0.2, -1, 0, 0},
		{"off", -1, 3, 0, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
			b := newBudget(tt.ratio, tt.min, clk.now)
			for range tt.requests {
				b.request()
			}
			allowed := 0
			for range 1000 {
				if b.allowRetry() {
					allowed++
				}
			}
			if allowed != tt.wantAllowed {
				t.Errorf("allowed %d retries, want %d", allowed, tt.wantAllowed)
			}
		})
	}
}

// The window slides: retries spent more than ten seconds ago no longer
// count, and neither do the requests of then.
func TestBudgetWindowSlides(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	b := newBudget(0.5, -1, clk.now)
	for range 10 {
		b.request()
	}
	for i := range 5 {
		if !b.allowRetry() {
			t.Fatalf("retry %d refused within the budget", i+1)
		}
	}
	if b.allowRetry() {
		t.Fatal("6th retry allowed; 0.5 × 10 requests is 5")
	}
	clk.advance(5 * time.Second)
	if b.allowRetry() {
		t.Fatal("retry allowed 5 s later; the window still holds the same counts")
	}
	clk.advance(6 * time.Second)
	if b.allowRetry() {
		t.Fatal("retry allowed with no request in the window and no minimum")
	}
	for range 4 {
		b.request()
	}
	first, second, third := b.allowRetry(), b.allowRetry(), b.allowRetry()
	if !first || !second || third {
		t.Fatalf("after the window moved on, 4 new requests should allow exactly 2 retries; got %v %v %v", first, second, third)
	}
	clk.advance(time.Hour) // a long idle gap clears everything
	b.request()
	b.request()
	if first, second := b.allowRetry(), b.allowRetry(); !first || second {
		t.Fatal("after an hour, 2 requests should allow exactly 1 retry")
	}
}
