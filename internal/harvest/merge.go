package main

import (
	"slices"
	"sort"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// Message is one harvested wording, as catalog/data/harvest.json holds it.
type Message struct {
	// Text is the message verbatim, each ${…} of a template literal
	// replaced by "...".
	Text string `json:"text"`
	// First and Last are the earliest and latest harvested releases whose
	// bundle holds Text.
	First string `json:"first"`
	Last  string `json:"last"`
	// ID is the catalog entry the message belongs to, "" when no rule of
	// assign.json claims it.
	ID string `json:"id"`
}

// merge folds the releases into messages, applies the rules and sorts the
// result: by entry in catalog order (unassigned last), then by first
// release, then by text.
func merge(rels []*release, r *rules) []Message {
	type span struct{ first, last version }
	spans := map[string]*span{}
	for _, rel := range rels {
		v, _ := parseVersion(rel.Version)
		for _, t := range rel.Texts {
			s, ok := spans[t]
			if !ok {
				spans[t] = &span{v, v}
				continue
			}
			if v.less(s.first) {
				s.first = v
			}
			if s.last.less(v) {
				s.last = v
			}
		}
	}
	var out []Message
	for t, s := range spans {
		if !candidate(t) { // the filter may have tightened since extraction
			continue
		}
		id, keep := r.verdict(t)
		if !keep {
			continue
		}
		out = append(out, Message{Text: t, First: s.first.String(), Last: s.last.String(), ID: id})
	}
	sortMessages(out)
	return out
}

// sortMessages orders messages as harvest.json keeps them.
func sortMessages(ms []Message) {
	rank := func(id string) int {
		if i := slices.Index(catalog.IDs, catalog.ID(id)); i >= 0 {
			return i
		}
		return len(catalog.IDs)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if ra, rb := rank(a.ID), rank(b.ID); ra != rb {
			return ra < rb
		}
		va, _ := parseVersion(a.First)
		vb, _ := parseVersion(b.First)
		if va != vb {
			return va.less(vb)
		}
		return strings.Compare(a.Text, b.Text) < 0
	})
}
