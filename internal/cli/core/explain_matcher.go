package core

import (
	"io"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/verdict"
	"github.com/ccerr/ccerr/match"
)

// defaultMatcher builds the matcher explain uses; tests may swap it.
var defaultMatcher = func() (hitFinder, error) {
	m, err := match.Default()
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Default()
	if err != nil {
		return nil, err
	}
	return &verdictFinder{m: m, cat: cat}, nil
}

// verdictFinder is the matcher with classify's verdict on the fields it
// extracts: a pasted "API Error: 529 Overloaded. This is a server-side
// issue…" names the entry a live 529 gets, not the generic server error its
// wording resembles.
type verdictFinder struct {
	m   hitFinder
	cat *catalog.Catalog
}

func (v *verdictFinder) Text(s string) []match.Hit { return refineHits(v.m.Text(s), v.cat) }

func (v *verdictFinder) Reader(r io.Reader) ([]match.Hit, error) {
	hits, err := v.m.Reader(r)
	return refineHits(hits, v.cat), err
}

// refineHits applies the fields' verdict to every hit (see fieldsVerdict)
// and merges hits that end up naming the same entry, keeping the order of
// first appearance.
func refineHits(hits []match.Hit, cat *catalog.Catalog) []match.Hit {
	if cat == nil {
		return hits
	}
	changed := false
	usageLimit := false
	for i := range hits {
		if id := fieldsVerdict(hits[i], cat); id != "" && id != hits[i].ID {
			hits[i].ID, changed = id, true
		}
		usageLimit = usageLimit || hits[i].ID == catalog.UsageLimit
	}
	// A plan's usage limit reaches the client as a 429 whose body is the
	// generic rate_limit_error; its headers (or Claude Code's own words) say
	// which limit it was. When the same text names the usage limit, the bare
	// body is that failure's body, not a second, per-minute rate limit.
	if usageLimit {
		for i := range hits {
			if hits[i].ID == catalog.RateLimited && hits[i].Fields["error_type"] == "rate_limit_error" {
				hits[i].ID, changed = catalog.UsageLimit, true
			}
		}
	}
	if !changed {
		return hits
	}
	out := hits[:0]
	at := map[catalog.ID]int{}
	for _, h := range hits {
		j, seen := at[h.ID]
		if !seen {
			at[h.ID] = len(out)
			out = append(out, h)
			continue
		}
		first := &out[j]
		first.Count += h.Count
		for k, val := range h.Fields {
			if first.Fields == nil {
				first.Fields = match.Fields{}
			}
			if first.Fields[k] == "" {
				first.Fields[k] = val
			}
		}
	}
	return out
}

// fieldsVerdict is the entry classify names for the status and error type
// extracted around a hit, when they overrule the text; "" when the hit
// stands. They overrule it only when the status (or, without one, the
// error type) is written in the hit's excerpt and the catalog says the hit's entry never comes with that status
// (or error type): a status line whose wording matched a neighbouring
// entry. A hit without a status or error type, or whose entry has no HTTP
// trigger to compare with, always stands.
func fieldsVerdict(h match.Hit, cat *catalog.Catalog) catalog.ID {
	p, ok := fieldParts(h)
	if !ok {
		return ""
	}
	if p.Status != 0 && !strings.Contains(h.Excerpt, strconv.Itoa(p.Status)) ||
		p.Status == 0 && !strings.Contains(h.Excerpt, p.ErrorType) {
		return "" // read from the text around the hit, which may be another error's
	}
	if e, found := cat.Lookup(h.ID); found && agrees(e, p.Status, p.ErrorType) {
		return ""
	}
	return verdict.Of(p)
}

// fieldParts turns the fields of a hit into the parts of a failure: status,
// error type, code and model from the fields, and the API body (or, if
// there is none, the text) from the excerpt. ok is false when the hit has
// neither a status nor an error type.
func fieldParts(h match.Hit) (verdict.Parts, bool) {
	status, _ := strconv.Atoi(h.Fields["status"])
	errType := h.Fields["error_type"]
	if status == 0 && errType == "" {
		return verdict.Parts{}, false
	}
	p := verdict.Parts{
		Status:    status,
		ErrorType: errType,
	}
	if i := strings.IndexByte(h.Excerpt, '{'); i >= 0 {
		p.Body = []byte(h.Excerpt[i:])
	} else {
		p.Message = h.Excerpt
	}
	return p, true
}

// agrees reports whether entry e can come with this status and error type:
// one of its HTTP or stream triggers has them, or it has no such trigger to
// judge by.
func agrees(e *catalog.Entry, status int, errType string) bool {
	judged := false
	for _, t := range e.Triggers {
		if t.Kind != catalog.TriggerHTTP && t.Kind != catalog.TriggerStream {
			continue
		}
		judged = true
		if status != 0 && t.Status != status {
			continue
		}
		// A trigger with no error type (an HTML page) says nothing about one,
		// so it agrees only through its status.
		if errType != "" && t.ErrorType != errType && (t.ErrorType != "" || status == 0) {
			continue
		}
		return true
	}
	return !judged
}
