package retry

import (
	"testing"
	"time"

	"github.com/ccerr/ccerr/classify"
)

func TestDecide(t *testing.T) {
	yes, no := true, false
	p := DefaultPolicy()
	p.Jitter = 0 // exact delays
	tests := []struct {
		name       string
		f          *classify.Failure
		attempt    int
		overloaded int
		policy     *Policy
		want       bool
		delay      time.Duration
	}{
		{"nil failure", nil, 1, 0, p, false, 0},
		{"500 first", &classify.Failure{ID: "server-error", Status: 500}, 1, 0, p, true, 500 * time.Millisecond},
		{"500 fourth", &classify.Failure{ID: "server-error", Status: 500}, 4, 0, p, true, 4 * time.Second},
		{"capped at 32s", &classify.Failure{ID: "server-error", Status: 500}, 9, 0, p, true, 32 * time.Second},
		{"huge attempt does not overflow", &classify.Failure{ID: "server-error"}, 200, 0, &Policy{MaxRetries: 1000}, true, 32 * time.Second},
		{"out of retries", &classify.Failure{ID: "server-error", Status: 500}, 11, 0, p, false, 0},
		{"third 529", &classify.Failure{ID: "overloaded", Status: 529}, 3, 3, p, false, 0},
		{"second 529", &classify.Failure{ID: "overloaded", Status: 529}, 2, 2, p, true, time.Second},
		{"retry-after raises", &classify.Failure{ID: "rate-limited", Status: 429, RetryAfter: 3 * time.Second}, 1, 0, p, true, 3 * time.Second},
		{"backoff beats short retry-after", &classify.Failure{ID: "rate-limited", Status: 429, RetryAfter: time.Second}, 5, 0, p, true, 8 * time.Second},
		{"retry-after too long", &classify.Failure{ID: "rate-limited", Status: 429, RetryAfter: 61 * time.Second}, 1, 0, p, false, 0},
		{"should-retry false", &classify.Failure{ID: "server-error", Status: 500, ShouldRetry: &no}, 1, 0, p, false, 0},
		{"should-retry true", &classify.Failure{ID: "prompt-too-long", Status: 400, ShouldRetry: &yes}, 1, 0, p, true, 500 * time.Millisecond},
		{"tls never", &classify.Failure{ID: "tls-certificate", Code: "DEPTH_ZERO_SELF_SIGNED_CERT"}, 1, 0, p, false, 0},
		{"refused", &classify.Failure{ID: "connection-failed", Code: "ECONNREFUSED"}, 1, 0, p, true, 500 * time.Millisecond},
		{"proxy tunnel", &classify.Failure{ID: "connection-failed", Code: "ERR_PROXY_TUNNEL"}, 1, 0, p, false, 0},
		{"spend cap", &classify.Failure{ID: "rate-limited", ErrorCode: "enforced_spend_limit_reached"}, 1, 0, p, false, 0},
		{"usage limit", &classify.Failure{ID: "usage-limit", Status: 429}, 1, 0, p, false, 0},
		{"auth", &classify.Failure{ID: "invalid-api-key", Status: 401}, 1, 0, p, false, 0},
		{"unclassified 5xx", &classify.Failure{Status: 599}, 1, 0, p, true, 500 * time.Millisecond},
		{"unclassified 4xx", &classify.Failure{Status: 409}, 1, 0, p, false, 0},
		{"zero policy", &classify.Failure{ID: "server-error"}, 1, 0, &Policy{}, false, 0},
		{"custom retryable", &classify.Failure{ID: "invalid-api-key"}, 1, 0,
			&Policy{MaxRetries: 1, Retryable: func(*classify.Failure) bool { return true }}, true, 500 * time.Millisecond},
		{"nil policy", &classify.Failure{ID: "server-error"}, 1, 0, nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, delay := tt.policy.Decide(tt.f, tt.attempt, tt.overloaded, nil)
			if got != tt.want || delay != tt.delay {
				t.Errorf("got %v %v, want %v %v", got, delay, tt.want, tt.delay)
			}
		})
	}
}

func TestDecideJitterRange(t *testing.T) {
	p := DefaultPolicy()
	f := &classify.Failure{ID: "server-error", Status: 500}
	r := newRand()
	for i := 0; i < 1000; i++ {
		_, d := p.Decide(f, 2, 0, r)
		if d < time.Second || d >= 1250*time.Millisecond {
			t.Fatalf("delay %v outside [1s, 1.25s)", d)
		}
	}
}

func TestMaxAttempts(t *testing.T) {
	if got := DefaultPolicy().MaxAttempts(); got != 11 {
		t.Errorf("MaxAttempts = %d, want 11", got)
	}
	if got := (&Policy{MaxRetries: -3}).MaxAttempts(); got != 1 {
		t.Errorf("MaxAttempts = %d, want 1", got)
	}
}
