package doctor

import (
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// fix returns the fix for a finding: the first fix of catalog entry id that
// mentions hint (in its env var, command or English text; "" takes the
// first fix), else the doctor's own fallback message.
func (r *runner) fix(id catalog.ID, hint string, fallback Kind, args ...any) Text {
	if i, ok := r.catalogFixIndex(id, hint); ok {
		return catalogFix(id, i)
	}
	return say(fallback, args...)
}

// catalogFixIndex finds the first fix of catalog entry id that mentions
// hint. The English text is searched, so the choice is the same in every
// language.
func (r *runner) catalogFixIndex(id catalog.ID, hint string) (int, bool) {
	if id == "" || r.opts.Catalog == nil {
		return 0, false
	}
	e, ok := r.opts.Catalog.Lookup(id)
	if !ok {
		return 0, false
	}
	for i, fx := range e.In(catalog.English).Fixes {
		if fx.Command == "ccerr doctor" || fx.Text == "" {
			continue // the reader is running the doctor already
		}
		if hint == "" || fx.Env == hint || strings.Contains(fx.Command, hint) || strings.Contains(fx.Text, hint) {
			return i, true
		}
	}
	return 0, false
}
