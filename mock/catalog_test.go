package mock

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// TestCatalogScenarios serves every entry of the embedded catalog that a
// server can produce and checks the answer against the entry's trigger:
// status, headers and body, byte for byte.
func TestCatalogScenarios(t *testing.T) {
	set, err := defaultSet()
	if err != nil {
		t.Fatal(err)
	}
	c := catalog.MustDefault()
	served := 0
	for _, e := range c.Entries() {
		if !e.Served() {
			if _, ok := set.byName[string(e.ID)]; ok {
				t.Errorf("%s: local-only entry is a scenario", e.ID)
			}
			continue
		}
		sc, ok := set.byName[string(e.ID)]
		if !ok {
			t.Errorf("%s: served entry is not a scenario", e.ID)
			continue
		}
		if !sc.Servable {
			continue
		}
		served++
		t.Run(string(e.ID), func(t *testing.T) {
			s, err := New(Config{Scenario: string(e.ID)})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkTrigger(t, s, sc)
		})
	}
	if len(c.Entries()) > 0 && served == 0 {
		t.Error("no servable entries in the catalog")
	}
}

// checkTrigger sends one streaming request and compares the answer with
// what the scenario's trigger says.
func checkTrigger(t *testing.T, s *Server, sc *scenario) {
	t.Helper()
	if sc.do == doHang {
		return // covered by TestHeld
	}
	resp, body, err := post(t, s.Client(), s.URL+"/v1/messages?beta=true", streamBody)
	tr := sc.trigger
	switch sc.do {
	case doReset:
		if err == nil {
			t.Fatalf("got %d, want a reset", resp.StatusCode)
		}
		return
	case doOK: // self-signed: s.Client trusts the certificate
		if err != nil || resp.StatusCode != 200 || !s.TLS() {
			t.Fatalf("got %v %v (TLS %v), want 200 over TLS", resp, err, s.TLS())
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	id := resp.Header.Get("request-id")
	switch sc.do {
	case doHTTPError:
		if resp.StatusCode != tr.Status {
			t.Errorf("status %d, want %d", resp.StatusCode, tr.Status)
		}
		for k, v := range tr.Headers {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("header %s = %q, want %q", k, got, v)
			}
		}
		want := tr.Body
		if want == "" {
			data, _ := json.Marshal(newErrorBody(tr.ErrorType, tr.APIMessage, id))
			want = string(data)
			if !strings.HasPrefix(id, "req_") {
				t.Errorf("request-id %q", id)
			}
		}
		if body != want {
			t.Errorf("body\n got %s\nwant %s", body, want)
		}
	case doStreamTrig:
		events, ok := parseSSE(body)
		if !ok || len(events) < 2 || events[len(events)-1].Name != "error" || resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d, events %v", resp.StatusCode, eventNames(events))
		}
		var got errorBody
		if err := json.Unmarshal([]byte(events[len(events)-1].Data), &got); err != nil ||
			got.Error.Type != tr.ErrorType || got.Error.Message != tr.APIMessage {
			t.Errorf("error event %s", events[len(events)-1].Data)
		}
	}
}
