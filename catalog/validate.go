package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Validate checks the catalog's invariants: the ids are exactly [IDs] in
// order, every entry has a known category and side, at least one message and
// pattern, a trigger, and complete text in every language. It returns every
// problem found, joined.
func (c *Catalog) Validate() error {
	var errs []error
	bad := func(id ID, format string, args ...any) {
		errs = append(errs, fmt.Errorf("catalog: %s: %s", id, fmt.Sprintf(format, args...)))
	}
	got := make([]ID, len(c.entries))
	for i, e := range c.entries {
		got[i] = e.ID
	}
	if !slices.Equal(got, IDs) {
		errs = append(errs, fmt.Errorf("catalog: ids %v, want %v", got, IDs))
	}
	for _, e := range c.entries {
		if !slices.Contains(Categories, e.Category) {
			bad(e.ID, "unknown category %q", e.Category)
		}
		switch e.Side {
		case SideAnthropic, SideAccount, SideLocal, SideNetwork, SideRequest:
		default:
			bad(e.ID, "unknown side %q", e.Side)
		}
		if len(e.Messages) == 0 && e.Category != Quality {
			bad(e.ID, "no messages")
		}
		for _, m := range e.Messages {
			if m.Text == "" {
				bad(e.ID, "empty message")
			}
			switch m.Source {
			case SourceSeed, SourceCurrent, SourceOlder:
			default:
				bad(e.ID, "message %q: unknown source %q", m.Text, m.Source)
			}
		}
		if len(e.Patterns) == 0 && e.Category != Quality {
			bad(e.ID, "no patterns")
		}
		for _, p := range e.Patterns {
			if p.Literal == "" || p.Literal != strings.ToLower(p.Literal) {
				bad(e.ID, "pattern literal %q must be non-empty lower case", p.Literal)
			}
			if p.Regexp != "" {
				if _, err := regexp.Compile(p.Regexp); err != nil {
					bad(e.ID, "pattern %q: %v", p.Regexp, err)
				}
			}
		}
		if len(e.Triggers) == 0 {
			bad(e.ID, "no triggers")
		}
		for _, t := range e.Triggers {
			switch t.Kind {
			case TriggerHTTP, TriggerStream:
				if t.Status == 0 {
					bad(e.ID, "%s trigger without status", t.Kind)
				}
			case TriggerFault:
				if t.Fault == "" {
					bad(e.ID, "fault trigger without fault")
				}
			case TriggerLocal:
				if t.Condition == "" {
					bad(e.ID, "local trigger without condition")
				}
			default:
				bad(e.ID, "unknown trigger kind %q", t.Kind)
			}
		}
		for _, lang := range Languages {
			t, ok := e.Text[lang]
			if !ok {
				bad(e.ID, "no %s text", lang)
				continue
			}
			if t.Title == "" || t.Meaning == "" || t.Cause == "" {
				bad(e.ID, "%s text lacks title, meaning or cause", lang)
			}
			if len(t.Fixes) == 0 {
				bad(e.ID, "%s text has no fixes", lang)
			}
			for _, f := range t.Fixes {
				if f.Text == "" {
					bad(e.ID, "%s fix with no text", lang)
				}
			}
		}
		if en, zh := e.Text[English], e.Text[Chinese]; len(en.Fixes) != len(zh.Fixes) {
			bad(e.ID, "%d English fixes but %d Chinese ones", len(en.Fixes), len(zh.Fixes))
		}
	}
	return errors.Join(errs...)
}
