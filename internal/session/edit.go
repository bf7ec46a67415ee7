package session

// Edits is a set of changes to a parsed document: values replaced by other
// JSON, elements and members removed. [Edits.Bytes] renders the result and
// copies every value the edits do not touch byte for byte; only the
// containers around an edit are re-joined (in compact form).
type Edits struct {
	d     *Doc
	repl  map[int32][]byte
	del   map[int32]bool
	dirty map[int32]bool
}

// Edit starts a set of edits on d. The edits refer to d's values, so d must
// not be parsed again until they are rendered.
func (d *Doc) Edit() *Edits {
	return &Edits{d: d, repl: map[int32][]byte{}, del: map[int32]bool{}, dirty: map[int32]bool{}}
}

// Empty reports whether no edit was made.
func (e *Edits) Empty() bool { return len(e.repl) == 0 && len(e.del) == 0 }

func (e *Edits) markDirty(i int32) {
	for p := e.d.nodes[i].parent; p >= 0; p = e.d.nodes[p].parent {
		if e.dirty[p] {
			return
		}
		e.dirty[p] = true
	}
}

// Replace replaces v with raw, which must be valid JSON.
func (e *Edits) Replace(v Value, raw []byte) {
	if v.d != e.d {
		return
	}
	e.repl[v.i] = raw
	e.markDirty(v.i)
}

// Delete removes v from the array or object that holds it. Deleting the
// top-level value does nothing.
func (e *Edits) Delete(v Value) {
	if v.d != e.d || v.i == 0 {
		return
	}
	e.del[v.i] = true
	e.markDirty(v.i)
}

// Bytes renders the edited document.
func (e *Edits) Bytes() []byte {
	src := e.d.src
	if len(e.d.nodes) == 0 {
		return append([]byte(nil), src...)
	}
	root := &e.d.nodes[0]
	out := make([]byte, 0, len(src)+64)
	out = append(out, src[:root.start]...)
	out = e.render(out, 0)
	return append(out, src[root.end:]...)
}

func (e *Edits) render(out []byte, i int32) []byte {
	if r, ok := e.repl[i]; ok {
		return append(out, r...)
	}
	n := &e.d.nodes[i]
	src := e.d.src
	if !e.dirty[i] || n.first < 0 {
		return append(out, src[n.start:n.end]...)
	}
	// Keep the original text around the members: the opening up to the
	// first one, the separator before each kept one, the closing.
	itemStart := func(c int32) int32 {
		if n.kind == Object {
			return e.d.nodes[c].keyStart
		}
		return e.d.nodes[c].start
	}
	out = append(out, src[n.start:itemStart(n.first)]...)
	kept := false
	prevEnd := int32(-1)
	for c := n.first; c >= 0; c = e.d.nodes[c].next {
		cn := &e.d.nodes[c]
		if !e.del[c] {
			if kept {
				out = append(out, src[prevEnd:itemStart(c)]...)
			}
			kept = true
			if n.kind == Object {
				out = append(out, src[cn.keyStart:cn.start]...)
			}
			out = e.render(out, c)
		}
		prevEnd = cn.end
	}
	return append(out, src[e.d.nodes[n.last].end:n.end]...)
}
