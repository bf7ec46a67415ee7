package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestRulesLoad(t *testing.T) {
	if _, err := loadRules(assignJSON); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"assign":[{"id":"no-such-entry","pattern":"x"}]}`,
		`{"assign":[{"id":"overloaded","pattern":"("}]}`,
		`{"drop":[{"id":"overloaded","pattern":"x"}]}`,
		`{"assign":`,
	} {
		if _, err := loadRules([]byte(bad)); err == nil {
			t.Errorf("loadRules(%s) accepted", bad)
		}
	}
}

func TestVerdict(t *testing.T) {
	r, err := loadRules(assignJSON)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, id string
		keep     bool
	}{
		{"Credit balance is too low", "credit-balance-low", true},
		{"Repeated 529 Overloaded errors", "overloaded", true},
		{"Image base64 size (...) exceeds API limit (...). Please resize the image before sending.", "image-too-large", true},
		{"Unable to connect to API (...)", "connection-failed", true},
		{"Unable to connect to API: SSL certificate verification failed", "tls-certificate", true},
		{"API Error: Request was aborted.", "", true},               // failure on a catalog subject, no entry yet
		{"Failed to connect to MCP server ...", "", false},          // dropped: MCP
		{"Certificate signature is invalid.", "", false},            // dropped: crypto library
		{"Select a model to use for this session today", "", false}, // not failure-worded
	}
	for _, tt := range tests {
		id, keep := r.verdict(tt.text)
		if id != tt.id || keep != tt.keep {
			t.Errorf("verdict(%q) = %q, %v; want %q, %v", tt.text, id, keep, tt.id, tt.keep)
		}
	}
}

func TestMerge(t *testing.T) {
	r, err := loadRules(assignJSON)
	if err != nil {
		t.Fatal(err)
	}
	rels := []*release{
		{Version: "2.1.10", Texts: []string{"Credit balance is too low", "API Error: Request was aborted."}},
		{Version: "2.1.9", Texts: []string{"Credit balance is too low", "Select a model to use for this session today"}},
		{Version: "1.0.100", Texts: []string{"Repeated server overload with Opus model"}},
	}
	got := merge(rels, r)
	want := []Message{
		{Text: "Repeated server overload with Opus model", First: "1.0.100", Last: "1.0.100", ID: "overloaded"},
		{Text: "Credit balance is too low", First: "2.1.9", Last: "2.1.10", ID: "credit-balance-low"},
		{Text: "API Error: Request was aborted.", First: "2.1.10", Last: "2.1.10", ID: ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// The committed data file agrees with assign.json (a re-run reproduces the
// same ids) and docs/wordings.md is what -docs makes of it.
func TestCommittedData(t *testing.T) {
	b, err := os.ReadFile("../../catalog/data/harvest.json")
	if err != nil {
		t.Fatal(err)
	}
	var ms []Message
	if err := json.Unmarshal(b, &ms); err != nil {
		t.Fatal(err)
	}
	r, err := loadRules(assignJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		id, keep := r.verdict(m.Text)
		if id != m.ID || !keep {
			t.Errorf("%q: harvest.json says %q, assign.json now gives %q (kept %v); re-run the merge (bench/harvest.sh)", m.Text, m.ID, id, keep)
		}
		if strings.TrimSpace(m.Text) != m.Text || m.Text == "" {
			t.Errorf("%q: not trimmed", m.Text)
		}
	}
	doc, err := os.ReadFile("../../docs/wordings.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, renderDocs(ms)) {
		t.Error("docs/wordings.md is stale: run go generate ./internal/harvest")
	}
}
