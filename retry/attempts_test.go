package retry

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
)

// TestAttempts counts the requests of a call from what RoundTrip returned,
// response or error, as ping and the proxy do.
func TestAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := DefaultPolicy()
		p.MaxRetries = 2

		s := &script{replies: []reply{r500, r500, r200}}
		resp, _, err := run(t, p, s, newPost("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if n := Attempts(resp, nil); n != 3 || n != s.attempts() {
			t.Errorf("Attempts(resp) = %d, want 3", n)
		}

		refused := reply{err: fmt.Errorf("dial: %w", syscall.ECONNREFUSED)}
		s = &script{replies: []reply{refused}}
		_, _, err = run(t, p, s, newPost("x"))
		if err == nil {
			t.Fatal("no error")
		}
		wrapped := fmt.Errorf("calling the API: %w", err)
		if n := Attempts(nil, wrapped); n != 3 {
			t.Errorf("Attempts(err) = %d, want 3 (%v)", n, err)
		}
	})
	if n := Attempts(nil, errors.New("elsewhere")); n != 0 {
		t.Errorf("Attempts of a foreign error = %d", n)
	}
	if n := Attempts(&http.Response{}, nil); n != 0 {
		t.Errorf("Attempts of a foreign response = %d", n)
	}
}

// TestRepeatedOverloaded: a run of 529s is worded as Claude Code words it
// after the same run, both in the Transport's own verdicts and for whoever
// classifies the response it returns.
func TestRepeatedOverloaded(t *testing.T) {
	for _, tt := range []struct {
		retries  int
		attempts int
		repeated bool
	}{
		{0, 1, false},
		{1, 2, false},
		{10, 3, true},
	} {
		t.Run(fmt.Sprint(tt.retries), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := DefaultPolicy()
				p.MaxRetries = tt.retries
				s := &script{replies: []reply{r529}}
				var seen []string
				tr := &Transport{Base: s, Policy: p, rnd: newRand(),
					OnRetry: func(_ *http.Request, ev Event) { seen = append(seen, ev.Failure.Message) }}
				resp, err := tr.RoundTrip(newPost("x"))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body := []byte(envelope("overloaded_error", "Overloaded"))
				f := classify.Response(resp, body)
				if s.attempts() != tt.attempts || f.ID != catalog.Overloaded {
					t.Fatalf("attempts %d id %s", s.attempts(), f.ID)
				}
				if got := strings.Contains(f.Message, "Repeated 529"); got != tt.repeated {
					t.Errorf("final message %q, want repeated %v", f.Message, tt.repeated)
				}
				for _, m := range seen {
					if strings.Contains(m, "Repeated 529") {
						t.Errorf("a retried 529 worded as the last: %q", m)
					}
				}
			})
		})
	}
}
