package repair

import (
	"slices"
)

// plan is the set of line edits the findings call for.
type plan struct {
	edits map[int]*lineEdit
}

func newPlan() plan { return plan{edits: map[int]*lineEdit{}} }

// lineEdit is every change to one line.
type lineEdit struct {
	line int
	off  int64
	n    int64
	eol  int
	uuid string // the line's uuid, checked again when the edit is applied

	drop      bool
	long      bool                 // a line too long to hold: skipped unread
	parent    *string              // new parentUuid; "" writes null
	blocks    map[string]blockEdit // by block path
	emptyText string               // the text block left when every block goes
	insert    *insertion           // a line written after this one
}

// blockEdit drops a block or replaces it with a text block.
type blockEdit struct {
	path []int
	drop bool
	text string
}

// insertion is a new user line with error tool_results, written after the
// last line of an assistant turn.
type insertion struct {
	uuid    string
	results []string // tool_use ids
	text    string
}

// edit returns the edit of a line, creating it.
func (p *plan) edit(line int, off, n int64, eol int) *lineEdit {
	e, ok := p.edits[line]
	if !ok {
		e = &lineEdit{line: line, off: off, n: n, eol: eol, blocks: map[string]blockEdit{}}
		p.edits[line] = e
	}
	return e
}

// editRec returns the edit of a line on the tree.
func (p *plan) editRec(r *rec) *lineEdit {
	e := p.edit(r.line, r.off, r.n, r.eol)
	e.uuid = r.entry.UUID
	return e
}

// sorted returns the edits in line order.
func (p *plan) sorted() []*lineEdit {
	out := make([]*lineEdit, 0, len(p.edits))
	for _, e := range p.edits {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *lineEdit) int { return a.line - b.line })
	return out
}
