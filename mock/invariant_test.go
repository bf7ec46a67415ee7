package mock

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/match"
)

// TestCatalogInvariant is the catalog's invariant over every entry with a
// trigger a server or network can produce: the mock serves trigger(e), the
// classifier turns what the client sees into e.ID, and the matcher behind
// `ccerr explain` recognises the rendered message as e.ID again.
func TestCatalogInvariant(t *testing.T) {
	set, err := defaultSet()
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range catalog.MustDefault().Entries() {
		if !e.Served() {
			continue
		}
		t.Run(string(e.ID), func(t *testing.T) {
			sc := set.byName[string(e.ID)]
			f := failureOf(t, sc)
			if f == nil {
				t.Fatal("classified as no failure")
			}
			if f.ID != e.ID {
				t.Fatalf("classified as %q (%s), want %q", f.ID, f.Message, e.ID)
			}
			if f.Message == "" {
				t.Fatal("no rendered message")
			}
			var ids []catalog.ID
			for _, h := range m.Text(f.Message) {
				ids = append(ids, h.ID)
			}
			if len(ids) == 0 || ids[0] != e.ID {
				t.Errorf("explain %q: got %v, want %s first", f.Message, ids, e.ID)
			}
		})
	}
}

// TestScenarioInvariant extends the invariant to every scenario the mock
// knows, faults included: what a client meets for it (served, or a refused
// connection for one no server can play) classifies as the scenario's ID,
// and the matcher behind `ccerr explain` names classify's rendered message
// as that same ID. Scenarios without a failure (ok, slow) must classify as
// none.
func TestScenarioInvariant(t *testing.T) {
	set, err := defaultSet()
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i := range set.list {
		sc := &set.list[i]
		t.Run(sc.Name, func(t *testing.T) {
			if sc.ID == "" {
				if sc.do == doSlow {
					return // ok after a delay: nothing to classify, and nothing to wait for here
				}
				if f := serveAndClassifyOK(t, sc); f != nil {
					t.Fatalf("classified as %q, want no failure", f.ID)
				}
				return
			}
			var f *classify.Failure
			if sc.do == doStall {
				f = stallFailure(t, sc.Name)
			} else {
				f = failureOf(t, sc)
			}
			if f == nil || f.ID != sc.ID {
				t.Fatalf("classified as %+v, want %q", f, sc.ID)
			}
			hits := m.Text(f.Message)
			if len(hits) == 0 || hits[0].ID != sc.ID {
				var ids []catalog.ID
				for _, h := range hits {
					ids = append(ids, h.ID)
				}
				t.Errorf("explain %q: got %v, want %s first", f.Message, ids, sc.ID)
			}
		})
	}
}

// serveAndClassifyOK plays a scenario that answers 200 and classifies any
// SSE error in its body; nil when there is none.
func serveAndClassifyOK(t *testing.T, sc *scenario) *classify.Failure {
	t.Helper()
	s, err := New(Config{Scenario: sc.Name})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", streamBody)
	if err != nil {
		return classify.Err(err)
	}
	if resp.StatusCode >= 400 {
		return classify.Response(resp, []byte(body))
	}
	events, _ := parseSSE(body)
	for _, ev := range events {
		if ev.Name == "error" {
			return classify.Stream([]byte(ev.Data))
		}
	}
	return nil
}

// stallFailure runs the stall scenario (200 and SSE headers, then nothing)
// over an in-memory connection inside a synctest bubble: the client's
// per-attempt deadline ends the read of the body.
func stallFailure(t *testing.T, name string) *classify.Failure {
	t.Helper()
	var f *classify.Failure
	synctest.Test(t, func(t *testing.T) {
		_, tr, closeMock := servePipe(t, name)
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://mock/v1/messages", strings.NewReader(streamBody))
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			t.Fatal("stall ended the stream")
		}
		f = classify.Err(err)
		closeMock()
	})
	return f
}

// serveAndClassify plays the scenario to a client carrying the trigger's
// credential and classifies the outcome.
func serveAndClassify(t *testing.T, sc *scenario) *classify.Failure {
	t.Helper()
	if sc.do == doHang {
		return hangFailure(t, sc.Name)
	}
	s, err := New(Config{Scenario: sc.Name})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	client := s.Client()
	if sc.tls {
		// The point: a client with the usual roots meets the mock's
		// self-signed certificate.
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		client = &http.Client{Transport: tr}
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/v1/messages?beta=true", strings.NewReader(streamBody))
	if err != nil {
		t.Fatal(err)
	}
	setCredential(req, sc.trigger)
	resp, err := client.Do(req)
	if err != nil {
		return classify.Err(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return classify.Err(err)
	}
	if sc.do == doStreamTrig || sc.do == doStreamError {
		events, _ := parseSSE(string(body))
		for _, ev := range events {
			if ev.Name == "error" {
				return classify.Stream([]byte(ev.Data))
			}
		}
		t.Fatalf("no error event in %q", body)
	}
	if resp.StatusCode/100 == 2 {
		t.Fatalf("status %d: the scenario did not fail", resp.StatusCode)
	}
	return classify.Response(resp, body)
}

// setCredential sends the kind of credential the trigger depends on.
func setCredential(req *http.Request, tr *catalog.Trigger) {
	if tr != nil && tr.Credential == catalog.CredentialOAuth {
		req.Header.Set("Authorization", "Bearer sk-ant-oat01-test-token-0000")
		return
	}
	req.Header.Set("X-Api-Key", "sk-ant-api03-test-key-0000")
}

// refusedFailure classifies a connection to a closed port, the refused
// connection no running server can produce.
func refusedFailure(t *testing.T) *classify.Failure {
	t.Helper()
	u, err := ClosedURL()
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	_, err = (&http.Client{Transport: tr}).Post(u+"/v1/messages", "application/json", strings.NewReader(jsonBody))
	if err == nil {
		t.Fatal("a closed port answered")
	}
	return classify.Err(err)
}

// hangFailure runs the hang scenario over an in-memory connection inside a
// synctest bubble, so that the client's per-attempt deadline (ten minutes,
// as API_TIMEOUT_MS defaults to) passes without waiting.
func hangFailure(t *testing.T, name string) *classify.Failure {
	t.Helper()
	var f *classify.Failure
	synctest.Test(t, func(t *testing.T) {
		_, tr, closeMock := servePipe(t, name)
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://mock/v1/messages", strings.NewReader(jsonBody))
		_, err := (&http.Client{Transport: tr}).Do(req)
		if err == nil {
			t.Fatal("hang answered")
		}
		f = classify.Err(err)
		closeMock()
	})
	return f
}

// servePipe serves a mock playing scenario over in-memory connections, for
// tests inside a synctest bubble. It returns the mock, a transport that
// reaches it and a function that closes the transport's connections, the
// server and the mock.
func servePipe(t *testing.T, scenario string) (*Server, *http.Transport, func()) {
	t.Helper()
	s, err := NewUnstarted(Config{Scenario: scenario})
	if err != nil {
		t.Fatal(err)
	}
	ln := newPipeListener()
	hs := &http.Server{Handler: s.Handler()}
	go func() { _ = hs.Serve(ln) }()
	tr := &http.Transport{DialContext: ln.dial}
	return s, tr, func() {
		tr.CloseIdleConnections()
		_ = hs.Close()
		s.Close()
	}
}

// pipeListener is an in-memory listener whose connections are net.Pipe
// pairs, which synctest sees as durably blocking.
type pipeListener struct {
	conns chan net.Conn
	once  sync.Once
	done  chan struct{}
}

func newPipeListener() *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		return nil, errors.New("listener closed")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

// TestFaultsClassify checks the plain faults classify as the entries they
// reproduce.
func TestFaultsClassify(t *testing.T) {
	set, err := defaultSet()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scenario string
		want     catalog.ID
	}{
		{Reset, "connection-failed"},
		{Refused, "connection-failed"},
		{Hang, "request-timeout"},
		{StreamError, "overloaded"},
		{TLS, "tls-certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			sc := set.byName[tt.scenario]
			f := failureOf(t, sc)
			if f == nil || f.ID != tt.want {
				t.Fatalf("got %+v, want %s", f, tt.want)
			}
		})
	}
}

// failureOf classifies what a client meets for a scenario: the served
// answer, or, for a scenario no running server can play, a refused connection.
func failureOf(t *testing.T, sc *scenario) *classify.Failure {
	t.Helper()
	if sc.Servable {
		return serveAndClassify(t, sc)
	}
	return refusedFailure(t)
}
