package match

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"regexp/syntax"
	"slices"
	"sync"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match/internal/index"
)

// Matcher recognises catalog entries in text. It is safe for concurrent use.
type Matcher struct {
	ix   *index.Index
	rxs  []lazyRegexp // by index.Pattern.Rx; rxs[0] is unused
	pool sync.Pool    // *scratch
}

// window bounds the text a pattern's regular expression sees on each side of
// its literal, so that very long lines cost no more than short ones.
const window = 512

// New builds a matcher for the entries of c. It fails if a pattern is
// invalid.
func New(c *catalog.Catalog) (*Matcher, error) {
	for _, e := range c.Entries() {
		for _, p := range e.Patterns {
			if p.Regexp == "" {
				continue
			}
			// Parsing checks the expression; compiling it waits for the
			// first line that holds the literal.
			if _, err := syntax.Parse(p.Regexp, syntax.Perl); err != nil {
				return nil, fmt.Errorf("match: %s: %w", e.ID, err)
			}
		}
	}
	ix, err := index.Build(c)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	return &Matcher{ix: ix, rxs: make([]lazyRegexp, ix.Regexps+1), pool: sync.Pool{New: newScratch}}, nil
}

func newScratch() any { return &scratch{brk: -1} }

var (
	defaultOnce sync.Once
	defaultM    *Matcher
)

// defaultRxs are the expressions of the default matcher, compiled on first
// use. They are shared by every matcher newDefault returns.
var defaultRxs [defaultRegexps + 1]lazyRegexp

// Default returns a matcher for [catalog.Default]. Its tables were built at
// go generate time (default_gen.go) and its patterns are checked by the
// package's tests, so it costs nearly nothing to get and never fails; the
// error is always nil.
func Default() (*Matcher, error) {
	defaultOnce.Do(func() { defaultM = newDefault() })
	return defaultM, nil
}

// newDefault returns a matcher for the tables of default_gen.go. [Default]
// calls it once; BenchmarkDefaultFirstUse calls it again and again to
// measure a first use.
func newDefault() *Matcher {
	return &Matcher{ix: &defaultIndex, rxs: defaultRxs[:], pool: sync.Pool{New: newScratch}}
}

// scratch holds the buffers one search reuses.
type scratch struct {
	txt   [2]text
	cands []cand
	out   []cand
	order []cand // one cluster of overlapping candidates, by priority
	segs  []int  // segments that hold an ordinary match
	later []later
	probe bool // match only sets hit, at the first pattern that may match
	hit   bool
	// brk, when not negative, is the offset of a line break in the line
	// being matched: only literals that straddle it are tried.
	brk int
	cut bool // the last line matched ends inside a literal
	// work counts the bytes normalised and the bytes of windows given to
	// regular expressions; tests use it to prove that the cost of a line
	// is linear in its length.
	work int
}

func (m *Matcher) get() *scratch  { return m.pool.Get().(*scratch) }
func (m *Matcher) put(s *scratch) { m.pool.Put(s) }

// cand is a match of one pattern: [ns, ne) in the normalised text of variant
// v, [os, oe) in the original line.
type cand struct {
	entry    int
	fallback bool
	v        int
	ns, ne   int
	os, oe   int
	lit      int // length of the literal, for tie-breaks
	seg      int // number of '|' before the match: the segment of the line it is in
}

// FindLine returns the entries found in one logical line, in order of
// position. A logical line may hold line breaks: a line the terminal wrapped
// is passed with its continuation lines. FindLine does not retain line.
func (m *Matcher) FindLine(line []byte) []Found {
	if !m.candidate(line) {
		return nil
	}
	s := m.get()
	defer m.put(s)
	cs := m.find(s, line)
	if len(cs) == 0 {
		return nil
	}
	out := make([]Found, len(cs))
	for i, c := range cs {
		out[i] = Found{ID: m.ix.IDs[c.entry], Start: c.os, End: c.oe, Fields: fieldsAt(&s.txt[c.v], cs, i)}
	}
	return out
}

// candidate reports whether line may hold a match: an anchor is in it, or
// noise that may hide one.
func (m *Matcher) candidate(line []byte) bool {
	return nextAnchor(m.ix, line, 0) >= 0 || m.noiseAt(line) >= 0
}

// find matches line and returns the resolved occurrences in s.out, sorted
// by position. s.txt holds the normalised variants they refer to.
func (m *Matcher) find(s *scratch, line []byte) []cand {
	s.cands = s.cands[:0]
	s.cut = false
	s.work += len(line)
	if s.brk < 0 {
		// Most candidate lines only use an error's words: learn cheaply
		// whether anything matches before building the offsets.
		s.probe, s.hit = true, false
		normalize(&s.txt[0], line, true, true)
		m.match(s, 0)
		if !s.hit && s.txt[0].joins {
			normalize(&s.txt[1], line, false, true)
			m.match(s, 1)
		}
		s.probe = false
		if !s.hit {
			s.out = s.out[:0]
			return s.out
		}
	}
	normalize(&s.txt[0], line, true, false)
	m.match(s, 0)
	if s.txt[0].joins {
		// The line was wrapped: try again with the breaks removed, for a
		// word the terminal cut in two.
		normalize(&s.txt[1], line, false, false)
		m.match(s, 1)
	}
	m.fallbacks(s)
	s.out = resolve(s, s.cands, s.out[:0])
	return s.out
}

// match appends to s.cands every pattern match in variant v. Literals are
// found through their first anchor word, which normalised text keeps intact.
func (m *Matcher) match(s *scratch, v int) {
	t := &s.txt[v]
	low := t.lower
	ix := m.ix
	quad := &ix.Quad
	// Every anchor has one of its four indexed quads at a multiple of
	// four, so each occurrence is found once, stepping by four.
	for i := 0; i+4 <= len(low); i += 4 {
		h := index.QuadHash(binary.LittleEndian.Uint32(low[i:]) | 0x20202020)
		if quad[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, a := range ix.Anchors[ix.Slot[h>>4]] {
			ws := i - a.Off
			if a.First == 0 || a.Hash != h || ws < 0 || ws+len(a.Word) > len(low) || string(low[ws:ws+len(a.Word)]) != a.Word {
				continue
			}
			for _, ref := range ix.Firsts[a.First] {
				l := &ix.Lits[ref.Lit]
				ls := ws - ref.At
				le := ls + len(l.Text)
				if ls < 0 || le > len(low) || string(low[ls:le]) != l.Text {
					if ls >= 0 && le > len(low) && string(low[ls:]) == l.Text[:len(low)-ls] {
						s.cut = true // the line ends inside this literal
					}
					continue
				}
				m.literalAt(s, v, l, ls, le)
				if s.probe && s.hit {
					return
				}
			}
		}
	}
}

// literalAt records the patterns of l that match around its occurrence
// [ls, le) in variant v.
func (m *Matcher) literalAt(s *scratch, v int, l *index.Literal, ls, le int) {
	t := &s.txt[v]
	if s.brk >= 0 && !t.straddles(ls, le, s.brk) {
		return // the occurrence does not straddle the break
	}
	for k := range l.Pats {
		if !s.probe && l.Pats[k].Fallback {
			// A fallback counts only in a segment without an ordinary
			// match: try it once those are known.
			s.later = append(s.later, later{v: v, l: l, k: k, ls: ls, le: le})
			continue
		}
		if m.try(s, v, l, k, ls, le) && s.probe {
			return
		}
	}
}

// later is a fallback pattern's occurrence waiting for the ordinary
// matches of its line.
type later struct {
	v, k, ls, le int
	l            *index.Literal
}

// try matches pattern k of l around the occurrence [ls, le) in variant v,
// appends what it finds to s.cands (in probe mode, sets s.hit instead), and
// reports whether it found anything.
func (m *Matcher) try(s *scratch, v int, l *index.Literal, k, ls, le int) bool {
	t := &s.txt[v]
	low := t.lower
	p := &l.Pats[k]
	ns, ne := ls, le
	if p.Rx != 0 {
		rx := m.rxs[p.Rx].get(p.Regexp, l.Text)
		ws, we := rx.window(low, ls, le)
		if rx.re == nil || !rx.g.allows(low, t.high, ws, we, ls, le) {
			return false
		}
		if s.probe {
			// The guard passed: leave the expression to the full pass.
			s.hit = true
			return true
		}
		s.work += we - ws
		ns, ne = rx.cover(low[ws:we], ls-ws, le-ws)
		if ns < 0 {
			return false
		}
		ns, ne = ws+ns, ws+ne
	}
	if s.probe {
		s.hit = true
		return true
	}
	s.cands = append(s.cands, cand{entry: p.Entry, fallback: p.Fallback, v: v, ns: ns, ne: ne,
		os: int(t.start[ns]), oe: int(t.end[ne-1]), lit: len(l.Text), seg: t.segment(ls)})
	return true
}

// fallbacks tries the fallback occurrences of s.later that lie in segments
// without an ordinary match.
func (m *Matcher) fallbacks(s *scratch) {
	s.segs = s.segs[:0]
	for _, c := range s.cands {
		s.segs = append(s.segs, c.seg)
	}
	slices.Sort(s.segs)
	s.segs = slices.Compact(s.segs)
	for _, x := range s.later {
		if _, strong := slices.BinarySearch(s.segs, s.txt[x.v].segment(x.ls)); !strong {
			m.try(s, x.v, x.l, x.k, x.ls, x.le)
		}
	}
	s.later = s.later[:0]
}

// cover returns the match proper of the first of the successive
// (leftmost-first, non-overlapping) matches of the expression in w that
// covers [ls, le), or -1, -1. The first match is nearly always the answer
// or shows there is none, so the others are looked for only when needed.
func (l *lazyRegexp) cover(w []byte, ls, le int) (int, int) {
	loc := l.re.FindSubmatchIndex(w)
	if loc == nil || loc[0] > ls {
		return -1, -1
	}
	if loc[1] < le {
		loc = nil
		for _, m := range l.re.FindAllSubmatchIndex(w, -1) {
			if m[0] > ls {
				break
			}
			if m[1] >= le {
				loc = m
				break
			}
		}
		if loc == nil {
			return -1, -1
		}
	}
	if l.m > 0 && loc[2*l.m] >= 0 {
		// The match proper, without the context around it.
		return loc[2*l.m], loc[2*l.m+1]
	}
	return loc[0], loc[1]
}

// straddles reports whether the normalised bytes [i, j) come from both
// sides of the line break at offset brk of the original line.
func (t *text) straddles(i, j, brk int) bool {
	return int(t.start[i]) < brk && int(t.end[j-1]) > brk
}

// window returns the part [ws, we) of low that the expression sees around
// the occurrence [ls, le) of its literal: at most window bytes on each side,
// no further than a match covering the occurrence can reach (with one rune
// to spare, so that \b and $ see their context), and never past a '|', which
// separates the messages of a line (the '|' itself is included, as the
// punctuation before or after a message).
func (l *lazyRegexp) window(low []byte, ls, le int) (ws, we int) {
	ws = max(0, ls-window, le-l.reach)
	we = min(len(low), le+window, ls+l.reach)
	if k := bytes.LastIndexByte(low[ws:ls], '|'); k >= 0 {
		ws += k
	}
	if k := bytes.IndexByte(low[le:we], '|'); k >= 0 {
		we = le + k + 1
	}
	return ws, we
}

// resolve applies the overlap rule to cs and appends the survivors to out,
// sorted by position:
//
//  1. Ordinary patterns outrank fallback patterns; among equals the longer
//     match (in normalised text) wins, then the longer literal, then the
//     entry that comes first in the catalog.
//  2. Matches are taken in that order; one that overlaps a match already
//     taken for a different entry is dropped, one that overlaps a match of
//     the same entry is merged into it.
//  3. A fallback match is dropped when an ordinary match survives in its
//     segment (the part of the line between two '|').
//  4. Neighbouring matches of the same entry in one segment, with no other
//     entry between them, are merged: an error counts once per run.
//
// Matches only compete with those they overlap, directly or through a chain
// of overlaps, so the rule is applied to each such cluster on its own: the
// cost stays linear however many errors a line holds.
func resolve(s *scratch, cs []cand, out []cand) []cand {
	// Drop duplicates: one match can be reached through two occurrences.
	slices.SortFunc(cs, func(a, b cand) int {
		if d := a.os - b.os; d != 0 {
			return d
		}
		if d := a.oe - b.oe; d != 0 {
			return d
		}
		if d := a.entry - b.entry; d != 0 {
			return d
		}
		if d := a.v - b.v; d != 0 {
			return d
		}
		if d := a.ns - b.ns; d != 0 {
			return d
		}
		if d := a.ne - b.ne; d != 0 {
			return d
		}
		if d := a.lit - b.lit; d != 0 {
			return d
		}
		if a.fallback != b.fallback {
			if a.fallback {
				return 1
			}
			return -1
		}
		return 0
	})
	cs = slices.Compact(cs)
	// Rule 3: a segment holding an ordinary match loses its fallbacks. The
	// ordinary match that ranks first in a segment always survives, so
	// candidates tell as much as survivors.
	s.segs = s.segs[:0]
	for _, c := range cs {
		if !c.fallback {
			s.segs = append(s.segs, c.seg)
		}
	}
	slices.Sort(s.segs)
	s.segs = slices.Compact(s.segs)
	w := 0
	for _, c := range cs {
		if _, strong := slices.BinarySearch(s.segs, c.seg); c.fallback && strong {
			continue
		}
		cs[w] = c
		w++
	}
	cs = cs[:w]
	// Rules 1 and 2, cluster by cluster.
	first := len(out)
	for i := 0; i < len(cs); {
		j, end := i+1, cs[i].oe
		for j < len(cs) && cs[j].os < end {
			end = max(end, cs[j].oe)
			j++
		}
		s.order = append(s.order[:0], cs[i:j]...)
		slices.SortFunc(s.order, byPriority)
		from := len(out)
		for _, c := range s.order {
			keep := true
			for k := from; k < len(out); k++ {
				o := &out[k]
				if c.os >= o.oe || o.os >= c.oe {
					continue
				}
				keep = false
				if o.entry != c.entry {
					break
				}
				o.os, o.oe = min(o.os, c.os), max(o.oe, c.oe)
			}
			if keep {
				out = append(out, c)
			}
		}
		i = j
	}
	res := out[first:]
	slices.SortFunc(res, func(a, b cand) int { return a.os - b.os })
	// Rule 4: merge runs of the same entry within a segment.
	w = 0
	for _, c := range res {
		if w > 0 && res[w-1].entry == c.entry && res[w-1].seg == c.seg {
			res[w-1].oe = max(res[w-1].oe, c.oe)
			if res[w-1].v == c.v {
				res[w-1].ne = max(res[w-1].ne, c.ne)
			}
			continue
		}
		res[w] = c
		w++
	}
	return out[:first+w]
}

// byPriority orders matches by rule 1 of resolve.
func byPriority(a, b cand) int {
	if a.fallback != b.fallback {
		if a.fallback {
			return 1
		}
		return -1
	}
	if d := (b.ne - b.ns) - (a.ne - a.ns); d != 0 {
		return d
	}
	if d := b.lit - a.lit; d != 0 {
		return d
	}
	if d := a.entry - b.entry; d != 0 {
		return d
	}
	return a.os - b.os
}
