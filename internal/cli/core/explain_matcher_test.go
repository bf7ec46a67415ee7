package core

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// TestVerdictTableExplain runs the texts of classify's shared verdict table
// (classify/testdata/verdicts.json) through explain's matcher: the first
// entry named must be the one classify names for the live answer.
func TestVerdictTableExplain(t *testing.T) {
	data, err := os.ReadFile("../../../classify/testdata/verdicts.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct {
			Name    string     `json:"name"`
			Explain string     `json:"explain"`
			Want    catalog.ID `json:"want"`
		}
	}
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	m, err := defaultMatcher()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, tc := range table.Cases {
		if tc.Explain == "" {
			continue
		}
		ran++
		t.Run(tc.Name, func(t *testing.T) {
			hits := m.Text(tc.Explain)
			if len(hits) == 0 || hits[0].ID != tc.Want {
				t.Errorf("explain %q = %v, want %s first", tc.Explain, hitIDs(hits), tc.Want)
			}
		})
	}
	if ran < 5 {
		t.Fatalf("only %d explain cases", ran)
	}
}

func hitIDs(hits []match.Hit) []catalog.ID {
	var ids []catalog.ID
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestRefineHits checks when the fields overrule the wording: only for a
// status the hit's entry never comes with, written in the excerpt; hits
// that end up naming one entry are merged in order of first appearance.
func TestRefineHits(t *testing.T) {
	cat := catalog.MustDefault()
	tests := []struct {
		name string
		in   []match.Hit
		want []catalog.ID
	}{
		{"529 worded as a server error",
			[]match.Hit{{ID: catalog.ServerError, Count: 1, Excerpt: "API Error: 529 Overloaded. This is a server-side issue", Fields: match.Fields{"status": "529"}}},
			[]catalog.ID{catalog.Overloaded}},
		{"status from the surroundings only",
			[]match.Hit{{ID: catalog.ServerError, Count: 1, Excerpt: "This is a server-side issue", Fields: match.Fields{"status": "529"}}},
			[]catalog.ID{catalog.ServerError}},
		{"status the entry comes with",
			[]match.Hit{{ID: catalog.UsageLimit, Count: 1, Excerpt: "429 You've hit your weekly limit", Fields: match.Fields{"status": "429"}}},
			[]catalog.ID{catalog.UsageLimit}},
		{"entry with no HTTP trigger stands",
			[]match.Hit{{ID: catalog.RequestTimeout, Count: 1, Excerpt: "API Error: 504 Request timed out.", Fields: match.Fields{"status": "504"}}},
			[]catalog.ID{catalog.RequestTimeout}},
		{"verdict without an entry leaves the hit",
			[]match.Hit{{ID: catalog.OAuthTokenInvalid, Count: 1, Excerpt: "Failed to authenticate. API Error: 403 Forbidden", Fields: match.Fields{"status": "403"}}},
			[]catalog.ID{catalog.OAuthTokenInvalid}},
		{"error type inside the excerpt",
			[]match.Hit{{ID: catalog.ServerError, Count: 1, Excerpt: `{"type":"error","error":{"type":"overloaded_error"}}`, Fields: match.Fields{"error_type": "overloaded_error"}}},
			[]catalog.ID{catalog.Overloaded}},
		{"error type from the surroundings only",
			[]match.Hit{{ID: catalog.ServerError, Count: 1, Excerpt: "API Error: server-side issue", Fields: match.Fields{"error_type": "overloaded_error"}}},
			[]catalog.ID{catalog.ServerError}},
		{"merged into an earlier hit",
			[]match.Hit{
				{ID: catalog.Overloaded, Count: 2, Excerpt: "Repeated 529 Overloaded errors"},
				{ID: catalog.ConnectionFailed, Count: 1, Excerpt: "Unable to connect to API (ECONNRESET)"},
				{ID: catalog.ServerError, Count: 1, Excerpt: "API Error: 529 Overloaded.", Fields: match.Fields{"status": "529", "request_id": "req_1"}},
			},
			[]catalog.ID{catalog.Overloaded, catalog.ConnectionFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refineHits(tt.in, cat)
			ids := hitIDs(got)
			if len(ids) != len(tt.want) {
				t.Fatalf("got %v, want %v", ids, tt.want)
			}
			for i := range ids {
				if ids[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", ids, tt.want)
				}
			}
		})
	}
	merged := refineHits([]match.Hit{
		{ID: catalog.Overloaded, Count: 2},
		{ID: catalog.ServerError, Count: 1, Excerpt: "API Error: 529 Overloaded.", Fields: match.Fields{"status": "529", "request_id": "req_1"}},
	}, cat)
	if len(merged) != 1 || merged[0].Count != 3 || merged[0].Fields["request_id"] != "req_1" {
		t.Errorf("merged = %+v, want one overloaded hit counted 3 with the request id", merged)
	}
}

// TestUsageLimitOwnsItsBody: a raw 429 answer whose headers say the plan's
// usage limit was hit is one usage-limit failure, not also a rate limit; a
// bare rate_limit_error body alone stays rate-limited.
func TestUsageLimitOwnsItsBody(t *testing.T) {
	cat := catalog.MustDefault()
	m, err := match.Default()
	if err != nil {
		t.Fatal(err)
	}
	v := &verdictFinder{m: m, cat: cat}
	body := `{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"},"request_id":"req_1"}`
	for _, tt := range []struct {
		in   string
		want []catalog.ID
	}{
		{"HTTP/1.1 429 Too Many Requests\nAnthropic-Ratelimit-Unified-Status: rejected\nAnthropic-Ratelimit-Unified-Representative-Claim: five_hour\n\n" + body, []catalog.ID{catalog.UsageLimit}},
		{"HTTP/1.1 429 Too Many Requests\nRetry-After: 1\n\n" + body, []catalog.ID{catalog.RateLimited}},
	} {
		var got []catalog.ID
		for _, h := range v.Text(tt.in) {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
		}
	}
}
