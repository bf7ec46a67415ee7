package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"

	"github.com/ccerr/ccerr/catalog"
)

// assignJSON is the hand-maintained table that gives harvested messages
// their catalog entry and names the topical texts that are not failures
// Claude Code reports (see doc.go).
//
//go:embed assign.json
var assignJSON []byte

// rules is assign.json parsed.
type rules struct {
	// Ignore removes a message before any Assign rule is tried: texts
	// that an Assign pattern would claim wrongly.
	Ignore []rule `json:"ignore"`
	// Assign gives a message the id of the first rule whose pattern matches.
	Assign []rule `json:"assign"`
	// Drop removes a message that no Assign rule claimed.
	Drop []rule `json:"drop"`
}

// rule is one pattern of assign.json.
type rule struct {
	ID      string `json:"id,omitempty"` // catalog id (Assign only)
	Pattern string `json:"pattern"`      // Go regexp, matched anywhere in the message
	Why     string `json:"why,omitempty"`
	re      *regexp.Regexp
}

// loadRules parses b and checks every pattern compiles and every id is a
// catalog id.
func loadRules(b []byte) (*rules, error) {
	var r rules
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("assign.json: %w", err)
	}
	for i := range r.Assign {
		if !slices.Contains(catalog.IDs, catalog.ID(r.Assign[i].ID)) {
			return nil, fmt.Errorf("assign.json: assign rule %d: %q is not a catalog id", i+1, r.Assign[i].ID)
		}
		if err := r.Assign[i].compile(); err != nil {
			return nil, fmt.Errorf("assign.json: assign rule %d (%s): %w", i+1, r.Assign[i].ID, err)
		}
	}
	for i := range r.Ignore {
		if r.Ignore[i].ID != "" {
			return nil, fmt.Errorf("assign.json: ignore rule %d has an id", i+1)
		}
		if err := r.Ignore[i].compile(); err != nil {
			return nil, fmt.Errorf("assign.json: ignore rule %d: %w", i+1, err)
		}
	}
	for i := range r.Drop {
		if r.Drop[i].ID != "" {
			return nil, fmt.Errorf("assign.json: drop rule %d has an id", i+1)
		}
		if err := r.Drop[i].compile(); err != nil {
			return nil, fmt.Errorf("assign.json: drop rule %d: %w", i+1, err)
		}
	}
	return &r, nil
}

func (r *rule) compile() error {
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		return err
	}
	r.re = re
	return nil
}

// verdict returns the id for text ("" when no rule claims it) and whether
// the text is kept at all: claimed texts are kept; unclaimed ones are kept
// when failure-worded, on a catalog subject, not a log line, at most
// maxUnclaimed bytes and not dropped.
func (r *rules) verdict(text string) (id string, keep bool) {
	for _, ig := range r.Ignore {
		if ig.re.MatchString(text) {
			return "", false
		}
	}
	for _, a := range r.Assign {
		if a.re.MatchString(text) {
			return a.ID, true
		}
	}
	if !failureWorded().MatchString(text) || !catalogSubject().MatchString(text) ||
		logLike().MatchString(text) || len(text) > maxUnclaimed {
		return "", false
	}
	for _, d := range r.Drop {
		if d.re.MatchString(text) {
			return "", false
		}
	}
	return "", true
}
