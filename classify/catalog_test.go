package classify

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// TestCatalogTriggers is the catalog's invariant for this package: every
// trigger that is not a local condition classifies as its own entry, and
// the message rendered for it is one of the entry's messages Claude Code
// prints (the seed's or current ones).
func TestCatalogTriggers(t *testing.T) {
	cat := catalog.MustDefault()
	n := 0
	for _, e := range cat.Entries() {
		for i, tr := range e.Triggers {
			if tr.Kind == catalog.TriggerLocal {
				continue
			}
			n++
			t.Run(string(e.ID)+"/"+string(tr.Kind)+"/"+strings.Repeat("i", i+1), func(t *testing.T) {
				f := fromTrigger(t, tr)
				if f == nil {
					t.Fatalf("trigger %+v: not classified", tr)
				}
				if f.ID != e.ID || f.Entry != e {
					t.Fatalf("trigger %+v: got %q, want %q", tr, f.ID, e.ID)
				}
				if !matchesSeed(f.Message, e) {
					t.Errorf("message %q is none of %s's seed or current messages", f.Message, e.ID)
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("the catalog has no served triggers")
	}
}

// fromTrigger produces a trigger for real where a loopback socket can, and
// synthetically otherwise (DNS).
func fromTrigger(t *testing.T, tr catalog.Trigger) *Failure {
	t.Helper()
	switch tr.Kind {
	case catalog.TriggerHTTP:
		body := tr.Body
		if body == "" {
			body = envelope(tr.ErrorType, tr.APIMessage)
		}
		return testClassifier.Response(httpResp(tr.Status, tr.Headers, body, tr.Credential), []byte(body))
	case catalog.TriggerStream:
		return testClassifier.Stream([]byte("event: error\ndata: " + envelope(tr.ErrorType, tr.APIMessage) + "\n\n"))
	case catalog.TriggerFault:
		var err error
		switch tr.Fault {
		case catalog.FaultRefused:
			err = post(t, freshTransport(), context.Background(), "http://"+closedPort(t)+"/v1/messages")
		case catalog.FaultReset:
			err = post(t, freshTransport(), context.Background(), "http://"+resetServer(t)+"/v1/messages")
		case catalog.FaultHang:
			addr, got := hangServer(t)
			ctx, cancel := context.WithCancelCause(context.Background())
			go func() { <-got; cancel(context.DeadlineExceeded) }()
			err = post(t, freshTransport(), ctx, "http://"+addr+"/v1/messages")
		case catalog.FaultDNS:
			err = &url.Error{Op: "Post", URL: "https://api.invalid/v1/messages",
				Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.invalid", IsNotFound: true}}}
		case catalog.FaultSelfSigned:
			srv := httptest.NewUnstartedServer(http.NotFoundHandler())
			srv.Config.ErrorLog = quietLog
			srv.StartTLS()
			defer srv.Close()
			err = post(t, freshTransport(), context.Background(), srv.URL+"/v1/messages")
		default:
			t.Fatalf("fault %q has no test producer; add one", tr.Fault)
		}
		return (&Classifier{}).Err(err)
	}
	t.Fatalf("unknown trigger kind %q", tr.Kind)
	return nil
}

var (
	seedPlaceholder = regexp.MustCompile(`\.\.\.|<[a-z]+>`)
	statusNumber    = regexp.MustCompile(`\b[1-5]\d\d\b`)
	codeInParens    = regexp.MustCompile(`\([A-Z][A-Z_]+\)`)
)

// matchesSeed reports whether msg is worded as one of the entry's seed
// messages. Seeds elide freely ("API Error: 400 ... Extra inputs are not
// permitted ... context_management"), so the test is loose: status numbers
// and errno codes are normalised, a seed with a placeholder ("...",
// "<model>") must match up to its first placeholder, a seed without one
// must match exactly or (when it spans lines) on its first line. A
// usage-limit message is compared without its reset time.
func matchesSeed(msg string, e *catalog.Entry) bool {
	norm := func(s string) string {
		if e.ID == "usage-limit" {
			s, _, _ = strings.Cut(s, " · resets ")
		}
		return codeInParens.ReplaceAllString(statusNumber.ReplaceAllString(s, "NNN"), "(CODE)")
	}
	msg = norm(msg)
	for _, m := range e.Messages {
		if m.Source != catalog.SourceSeed && m.Source != catalog.SourceCurrent {
			continue
		}
		seed := norm(m.Text)
		if loc := seedPlaceholder.FindStringIndex(seed); loc != nil {
			if loc[0] > 0 && strings.HasPrefix(msg, seed[:loc[0]]) {
				return true
			}
			continue
		}
		first, _, multi := strings.Cut(seed, "\n")
		if msg == seed || (multi && strings.HasPrefix(msg, first+"\n")) {
			return true
		}
	}
	return false
}
