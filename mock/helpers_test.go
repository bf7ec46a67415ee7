package mock

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/ccerr/ccerr/catalog"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testEntries is a small catalog covering every kind of trigger, so the
// package's tests do not depend on the embedded data.
var testEntries = []*catalog.Entry{
	{ID: "overloaded", Triggers: []catalog.Trigger{
		{Kind: catalog.TriggerHTTP, Status: 529, ErrorType: "overloaded_error", APIMessage: "Overloaded"},
		{Kind: catalog.TriggerStream, Status: 529, ErrorType: "overloaded_error", APIMessage: "Overloaded"},
	}},
	{ID: "usage-limit", Triggers: []catalog.Trigger{
		{Kind: catalog.TriggerHTTP, Status: 429, ErrorType: "rate_limit_error", APIMessage: "Rate limited", Credential: catalog.CredentialOAuth,
			Headers: map[string]string{"anthropic-ratelimit-unified-status": "rejected", "anthropic-ratelimit-unified-reset": "2000000000"}},
	}},
	{ID: "request-too-large", Triggers: []catalog.Trigger{
		{Kind: catalog.TriggerHTTP, Status: 413, Body: "<html><body>413 Request Entity Too Large</body></html>"},
	}},
	{ID: "mid-stream", Triggers: []catalog.Trigger{
		{Kind: catalog.TriggerLocal, Condition: "first trigger is local, so skipped"},
		{Kind: catalog.TriggerStream, Status: 500, ErrorType: "api_error", APIMessage: "Internal server error"},
	}},
	{ID: "connection-failed", Triggers: []catalog.Trigger{
		{Kind: catalog.TriggerFault, Fault: catalog.FaultRefused},
		{Kind: catalog.TriggerFault, Fault: catalog.FaultReset},
	}},
	{ID: "request-timeout", Triggers: []catalog.Trigger{{Kind: catalog.TriggerFault, Fault: catalog.FaultHang}}},
	{ID: "tls-certificate", Triggers: []catalog.Trigger{{Kind: catalog.TriggerFault, Fault: catalog.FaultSelfSigned}}},
	{ID: "dns-only", Triggers: []catalog.Trigger{{Kind: catalog.TriggerFault, Fault: catalog.FaultDNS}}},
	{ID: "not-logged-in", Triggers: []catalog.Trigger{{Kind: catalog.TriggerLocal, Condition: "no credential"}}},
}

var testSet = newScenarioSet(testEntries)

// start starts a server over testSet and closes it when the test ends.
func start(t *testing.T, cfg Config) *Server {
	t.Helper()
	s, err := newServer(cfg, testSet)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// post sends a Messages request with the given body and returns the
// response with its body read.
func post(t *testing.T, c *http.Client, url, body string) (*http.Response, string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("content-type", "application/json")
	req.Header.Set("x-api-key", "sk-ant-api03-secret-key-WXYZ")
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, string(data), err
}

// sseEvent is one parsed server-sent event.
type sseEvent struct{ Name, Data string }

// parseSSE is a small parser for the event stream format: events separated
// by blank lines, "event:" and "data:" fields, multi-line data joined with
// "\n", comments ignored. ok is false when the stream does not end on an
// event boundary.
func parseSSE(stream string) (events []sseEvent, ok bool) {
	sc := bufio.NewScanner(strings.NewReader(stream))
	var cur sseEvent
	var data []string
	pending := false
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			if pending {
				cur.Data = strings.Join(data, "\n")
				events = append(events, cur)
			}
			cur, data, pending = sseEvent{}, nil, false
			continue
		}
		if strings.HasPrefix(line, ":") {
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			cur.Name, pending = value, true
		case "data":
			data, pending = append(data, value), true
		}
	}
	return events, !pending
}

func eventNames(events []sseEvent) []string {
	var names []string
	for _, e := range events {
		names = append(names, e.Name)
	}
	return names
}

// lineWriter collects log lines and signals each one on a channel.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 100)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	w.lines <- string(p)
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
