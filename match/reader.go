package match

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match/internal/index"
)

// Limits of the streaming reader. The buffer starts at 64 KiB and grows to
// bufSize at most, whatever the input: a line longer than maxLine is read in
// overlapping pieces.
const (
	bufSize     = 1 << 20
	maxLine     = 256 << 10 // longest piece of a line matched at once
	overlap     = 4 << 10   // overlap of consecutive pieces of a long line
	maxJoin     = 8         // continuation lines joined to a line, each way
	maxGroup    = 64 << 10  // bytes of joined lines
	excerptSize = 200
)

// Text returns the entries found in s, in order of first appearance.
func (m *Matcher) Text(s string) []Hit {
	if len(s) > bufSize {
		hits, _ := m.Reader(strings.NewReader(s))
		return hits
	}
	// The whole text fits in one buffer: match it in place, as Reader
	// would once it had read it all.
	st := stream{m: m, s: m.get(), line: 1}
	defer m.put(st.s)
	st.process([]byte(s), true, true)
	return st.hits
}

// Reader reads r to the end and returns the entries found, in order of
// first appearance, each once with its count. Memory use is bounded
// whatever the size of the input or of its lines. The error is the first
// read error other than io.EOF; the hits found before it are returned too.
func (m *Matcher) Reader(r io.Reader) ([]Hit, error) {
	st := stream{m: m, s: m.get(), line: 1}
	defer m.put(st.s)
	buf := make([]byte, 0, 64<<10)
	var rerr error
	for {
		if rerr == nil && len(buf) < cap(buf) {
			n, err := io.ReadAtLeast(r, buf[len(buf):cap(buf)], 1)
			buf = buf[:len(buf)+n]
			if err != nil {
				rerr = err
			}
		}
		eof := rerr != nil
		st.process(buf, false, eof)
		if eof {
			break
		}
		buf = st.compact(buf)
		if len(buf) == cap(buf) && cap(buf) < bufSize {
			// A long line or group: grow the buffer, up to bufSize.
			buf = append(buf[:cap(buf)], make([]byte, cap(buf))...)[:len(buf)]
			continue
		}
		if len(buf) == cap(buf) {
			// Nothing could be read for a group still open at the end of
			// a full buffer: match it as it is.
			st.process(buf, true, false)
			buf = st.compact(buf)
		}
	}
	if errors.Is(rerr, io.EOF) {
		rerr = nil
	}
	return st.hits, rerr
}

// compact keeps a few lines before pos, for a wrapped message whose head
// was in them, and moves them and the unprocessed rest to the front of buf.
func (st *stream) compact(buf []byte) []byte {
	keep := st.pos
	for n := 0; n < maxJoin && keep > st.floor && st.pos-keep < 16<<10; n++ {
		keep = max(bytes.LastIndexByte(buf[:keep-1], '\n')+1, st.floor)
	}
	copy(buf, buf[keep:])
	buf = buf[:len(buf)-keep]
	st.pos -= keep
	st.floor = max(st.floor-keep, 0)
	st.done = max(st.done-keep, 0)
	return buf
}

// stream is the state of one Reader call.
type stream struct {
	m     *Matcher
	s     *scratch
	pos   int  // next unprocessed byte in the buffer; a line start unless long
	line  int  // 1-based number of the line at pos
	floor int  // lines before floor are gone or belong to a matched group
	done  int  // end of the last matched group
	long  bool // pos is inside a line longer than maxLine
	noise noiseScan
	hits  []Hit
	byID  map[catalog.ID]int
}

// process matches the complete lines of data from st.pos on. With final
// set, a group of wrapped lines at the end of data is matched even though
// the next read might have extended it; with eof set, so is the last line.
func (st *stream) process(data []byte, final, eof bool) {
	limit := len(data)
	if !eof {
		limit = bytes.LastIndexByte(data, '\n') + 1
	}
	defer func() {
		for !eof && limit <= st.pos && len(data)-st.pos >= maxLine {
			st.piece(data)
		}
	}()
	st.noise.ix = st.m.ix
	st.noise.reset(data[:limit])
	next := -1 // the next anchor at or after pos, when known
	for st.pos < limit {
		if next < st.pos {
			if next = nextAnchor(st.m.ix, data[:limit], st.pos); next < 0 {
				next = limit
			}
		}
		c := next
		if k := st.noise.at(st.pos, c); k >= 0 {
			c = k // noise may hide an anchor: match the line it is in
		}
		if c >= limit {
			st.advance(data, limit)
			return
		}
		ls := bytes.LastIndexByte(data[:c], '\n') + 1
		if ls < st.pos {
			ls = st.pos
		}
		st.advance(data, ls)
		first := st.line
		if !st.long {
			lo := max(st.floor, st.done)
			for n := 0; n < maxJoin && ls > lo && continuation(data[ls:]); n++ {
				p := bytes.LastIndexByte(data[:ls-1], '\n') + 1
				if p < lo || blank(data[p:ls-1]) || c-p > maxGroup {
					break
				}
				ls = p
				first--
			}
		}
		le := lineEnd(data, c, limit)
		for n := 0; n < maxJoin && !st.long && le < limit && le-ls < maxGroup; n++ {
			next := le + 1
			if next >= limit {
				if !final && !eof {
					// The next line is not read yet and may continue this one.
					return
				}
				break
			}
			if !continuation(data[next:]) {
				break
			}
			le = lineEnd(data, next, limit)
		}
		found := st.group(data[ls:le], first, st.long)
		if found == 0 && st.s.cut && !st.long && le+1 < limit && bytes.IndexByte(data[ls:le], '\n') < 0 {
			// Nothing in a line that ends inside a literal: the terminal or
			// the paste may have cut a message there, without the
			// indentation of a wrapped line.
			if ne := lineEnd(data, le+1, limit); wrapped(data[ls:le], data[le+1:ne]) {
				st.spanning(data[ls:ne], first, le-ls)
			}
		}
		st.long = false
		st.done = le
		st.floor = le
		st.advance(data, min(le+1, len(data)))
	}
}

// advance moves pos to p, counting lines.
func (st *stream) advance(data []byte, p int) {
	if p > st.pos {
		st.line += bytes.Count(data[st.pos:p], []byte{'\n'})
		if st.long && bytes.IndexByte(data[st.pos:p], '\n') >= 0 {
			st.long = false
		}
		st.pos = p
	}
}

// piece matches the first maxLine bytes of an over-long line and moves pos
// on by maxLine-overlap. Each piece keeps the matches that start in its
// share, [overlap/2, maxLine-overlap/2), so none is counted twice.
func (st *stream) piece(data []byte) {
	p := data[st.pos : st.pos+maxLine]
	if st.m.candidate(p) {
		lo := 0
		if st.long {
			lo = overlap / 2
		}
		st.matchRange(p, st.line, lo, maxLine-overlap/2)
	}
	st.long = true
	st.pos += maxLine - overlap
	st.floor, st.done = st.pos, st.pos
}

// group matches one logical line whose first line is number first and
// returns the number of matches it counted.
func (st *stream) group(g []byte, first int, cont bool) int {
	if !cont && bytes.IndexByte(g, '\n') >= 0 {
		return st.joined(g, first)
	}
	lo := 0
	if cont {
		lo = overlap / 2
	}
	return st.matchRange(g, first, lo, len(g)+1)
}

func (st *stream) matchRange(g []byte, first, lo, hi int) int {
	cs := st.m.find(st.s, g)
	n := 0
	line, at := first, 0 // line number of g[at]; cs is sorted by position
	for i, c := range cs {
		if c.os < lo || c.os >= hi {
			continue
		}
		line += bytes.Count(g[at:c.os], []byte{'\n'})
		at = c.os
		st.add(c, line, cs, i)
		n++
	}
	return n
}

// spanning matches two physical lines joined, g, whose line break is at
// brk, and counts only the matches of literals that straddle the break:
// each line's own matches are counted when that line is matched.
func (st *stream) spanning(g []byte, first, brk int) {
	st.s.brk = brk
	cs := st.m.find(st.s, g)
	st.s.brk = -1
	for i, c := range cs {
		if c.os < brk && c.oe > brk+1 {
			st.add(c, first, cs, i)
		}
	}
}

// wrapped reports whether line b, which has no indentation, may continue a
// message that line a left unfinished: a ends inside a sentence (a letter, a
// digit, a comma, a hyphen) and b starts with a letter or a digit.
func wrapped(a, b []byte) bool {
	a = bytes.TrimRight(a, " \t\r")
	if q := []byte("> "); bytes.HasPrefix(bytes.TrimLeft(a, " "), q) && bytes.HasPrefix(b, q) {
		b = bytes.TrimLeft(b[1:], " ") // both lines are quoted
	}
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	e, c := a[len(a)-1], b[0]
	return (index.WordByte(e|0x20) || e == ',') && index.WordByte(c|0x20) && c != '_' && c != '-'
}

// joined matches a logical line made of several physical lines. Joining
// must not cost a physical line a hit it has on its own: when a line alone
// holds a match the joined line lacks, each line's own matches count, with
// fields read in that line only, and of the joined line's matches only
// those that span a line break and overlap none of them.
func (st *stream) joined(g []byte, first int) int {
	m := st.m
	cs := m.find(st.s, g)
	s2 := m.get()
	defer m.put(s2)
	lost := false
	for a := 0; a <= len(g) && !lost; {
		b := lineEnd(g, a, len(g))
		if m.candidate(g[a:b]) {
			for _, p := range m.find(s2, g[a:b]) {
				if !covered(cs, p.entry, a+p.os, a+p.oe) {
					lost = true
					break
				}
			}
		}
		a = b + 1
	}
	if !lost {
		line, at := first, 0
		for i, c := range cs {
			line += bytes.Count(g[at:c.os], []byte{'\n'})
			at = c.os
			st.add(c, line, cs, i)
		}
		return len(cs)
	}
	var found []pending
	line := first
	for a := 0; a <= len(g); line++ {
		b := lineEnd(g, a, len(g))
		if m.candidate(g[a:b]) {
			ps := m.find(s2, g[a:b])
			for i, p := range ps {
				t := &s2.txt[p.v]
				found = append(found, pending{os: a + p.os, oe: a + p.oe, entry: p.entry, line: line,
					excerpt: excerpt(t.clean, p.ns, p.ne), fields: fieldsAt(t, ps, i)})
			}
		}
		a = b + 1
	}
	own := len(found)
	for i, c := range cs {
		if bytes.IndexByte(g[c.os:c.oe], '\n') < 0 || overlapsAny(found[:own], c.os, c.oe) {
			continue
		}
		t := &st.s.txt[c.v]
		found = append(found, pending{os: c.os, oe: c.oe, entry: c.entry, line: first + bytes.Count(g[:c.os], []byte{'\n'}),
			excerpt: excerpt(t.clean, c.ns, c.ne), fields: fieldsAt(t, cs, i)})
	}
	slices.SortStableFunc(found, func(x, y pending) int { return x.os - y.os })
	for _, p := range found {
		st.addHit(p.entry, p.line, func() string { return p.excerpt }, func() Fields { return p.fields })
	}
	return len(found)
}

// pending is a match of joined, waiting to be added in order of position.
type pending struct {
	os, oe  int
	entry   int
	line    int
	excerpt string
	fields  Fields
}

// covered reports whether cs holds a match of entry that overlaps [os, oe).
func covered(cs []cand, entry, os, oe int) bool {
	for _, c := range cs {
		if c.entry == entry && c.os < oe && os < c.oe {
			return true
		}
	}
	return false
}

func overlapsAny(ps []pending, os, oe int) bool {
	for _, p := range ps {
		if p.os < oe && os < p.oe {
			return true
		}
	}
	return false
}

func (st *stream) add(c cand, line int, cs []cand, i int) {
	if k, ok := st.byID[st.m.ix.IDs[c.entry]]; ok && st.hits[k].Count >= fieldOccurrences {
		st.hits[k].Count++ // nothing more to read from this one
		return
	}
	t := &st.s.txt[c.v]
	st.addHit(c.entry, line, func() string { return excerpt(t.clean, c.ns, c.ne) }, func() Fields { return fieldsAt(t, cs, i) })
}

// fieldOccurrences is how many occurrences of an entry its hit's fields are
// read from: the first one, completed by the next ones. Reading them from
// every occurrence would make a line holding thousands cost far more than
// the others.
const fieldOccurrences = 8

// addHit counts one occurrence of entry; the excerpt is made only for the
// first one, the fields only for the first fieldOccurrences.
func (st *stream) addHit(entry, line int, exc func() string, fields func() Fields) {
	id := st.m.ix.IDs[entry]
	if k, ok := st.byID[id]; ok {
		h := &st.hits[k]
		h.Count++
		if h.Count > fieldOccurrences {
			return
		}
		for key, v := range fields() {
			if _, ok := h.Fields[key]; !ok {
				if h.Fields == nil {
					h.Fields = Fields{}
				}
				h.Fields[key] = v
			}
		}
		return
	}
	if st.byID == nil {
		st.byID = map[catalog.ID]int{}
	}
	st.byID[id] = len(st.hits)
	st.hits = append(st.hits, Hit{ID: id, Count: 1, Line: line, Excerpt: exc(), Fields: fields()})
}

// continuation reports whether the line at the start of b continues the
// previous one: the terminal indents a wrapped line by two spaces. A line
// whose text starts with a TUI glyph (the "⎿" of a tool result, "●", "⏺",
// "✻", a bullet) is a new output item, however far it is indented.
func continuation(b []byte) bool {
	if len(b) < 3 || b[0] != ' ' || b[1] != ' ' {
		return false
	}
	if k := bytes.IndexByte(b, '\n'); k >= 0 {
		b = b[:k]
	}
	if blank(b) {
		return false
	}
	r, _ := utf8.DecodeRune(bytes.TrimLeft(b, " \t"))
	return !isGlyph(r)
}

func blank(b []byte) bool {
	return len(bytes.TrimSpace(b)) == 0
}

// lineEnd returns the index of the '\n' ending the line that holds i, or
// limit.
func lineEnd(data []byte, i, limit int) int {
	if k := bytes.IndexByte(data[i:limit], '\n'); k >= 0 {
		return i + k
	}
	return limit
}

// excerpt returns clean[ns:ne] with context, at most about excerptSize
// bytes, cut on rune boundaries and marked with "…" where cut.
func excerpt(clean []byte, ns, ne int) string {
	if ne-ns > excerptSize {
		ne = ns + excerptSize
	}
	ctx := (excerptSize - (ne - ns)) / 2
	lo, hi := max(0, ns-ctx), min(len(clean), ne+ctx)
	for lo > 0 && !utf8.RuneStart(clean[lo]) {
		lo--
	}
	for hi < len(clean) && !utf8.RuneStart(clean[hi]) {
		hi++
	}
	mid := strings.ToValidUTF8(string(clean[lo:hi]), "\uFFFD")
	cutLo, cutHi := lo > 0, hi < len(clean)
	// Replacement characters may have made it longer: trim both ends.
	for end := true; len(mid) > excerptSize; end = !end {
		if end {
			_, n := utf8.DecodeLastRuneInString(mid)
			mid, cutHi = mid[:len(mid)-n], true
		} else {
			_, n := utf8.DecodeRuneInString(mid)
			mid, cutLo = mid[n:], true
		}
	}
	var b strings.Builder
	if cutLo {
		b.WriteString("…")
	}
	b.WriteString(mid)
	if cutHi {
		b.WriteString("…")
	}
	return b.String()
}
