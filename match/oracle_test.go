package match

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

// The oracle is a slow matcher that does what the package documentation
// says and nothing clever: no prefilter, no anchors, no guards, no probe
// pass, no clusters. It normalises the whole line, looks for every literal
// of every pattern at every offset, runs the pattern's expression on the
// documented window around each occurrence, and applies the overlap rule by
// comparing every match with every other. The fuzzers check that the fast
// matcher finds exactly the entries it finds, in the same order.

type oraclePattern struct {
	entry    int
	literal  []byte
	re       *regexp.Regexp // nil: the literal alone
	m        int            // index of the submatch named "m", or -1
	reach    int            // longest match (each unbounded repetition counting starReach) and one rune
	fallback bool
}

type oracleMatch struct {
	entry, seg int
	fallback   bool
	ns, ne     int // in the normalised variant
	os, oe     int // in the line
	lit        int
}

var (
	oracleOnce sync.Once
	oraclePats []oraclePattern
	oracleIDs  []catalog.ID
)

func oracleLoad() {
	for i, e := range catalog.MustDefault().Entries() {
		oracleIDs = append(oracleIDs, e.ID)
		for _, p := range e.Patterns {
			op := oraclePattern{entry: i, literal: []byte(p.Literal), m: -1, fallback: p.Fallback}
			if p.Regexp != "" {
				op.re = regexp.MustCompile(p.Regexp)
				op.m = op.re.SubexpIndex("m")
				tree, err := syntax.Parse(p.Regexp, syntax.Perl)
				if err != nil {
					panic(err)
				}
				op.reach = reachLen(tree) + utf8.UTFMax
			}
			oraclePats = append(oraclePats, op)
		}
	}
}

// oracleFind returns the ids the documentation says FindLine reports for
// line, in order.
func oracleFind(line []byte) []catalog.ID {
	oracleOnce.Do(oracleLoad)
	var all []oracleMatch
	var t [2]text
	normalize(&t[0], line, true, false)
	variants := 1
	if bytes.IndexByte(line, '\n') >= 0 {
		normalize(&t[1], line, false, false)
		variants = 2
	}
	for v := range variants {
		tv := &t[v]
		low := tv.lower
		for _, p := range oraclePats {
			for ls := 0; ls+len(p.literal) <= len(low); ls++ {
				le := ls + len(p.literal)
				if !bytes.Equal(low[ls:le], p.literal) {
					continue
				}
				ns, ne := ls, le
				if p.re != nil {
					ws := max(0, ls-window, le-p.reach)
					we := min(len(low), le+window, ls+p.reach)
					for k := ls - 1; k >= ws; k-- { // a window stops at a '|', which it includes
						if low[k] == '|' {
							ws = k
							break
						}
					}
					for k := le; k < we; k++ {
						if low[k] == '|' {
							we = k + 1
							break
						}
					}
					ns = -1
					for _, loc := range p.re.FindAllSubmatchIndex(low[ws:we], -1) {
						if ws+loc[0] <= ls && ws+loc[1] >= le {
							ns, ne = ws+loc[0], ws+loc[1]
							if p.m > 0 && loc[2*p.m] >= 0 {
								ns, ne = ws+loc[2*p.m], ws+loc[2*p.m+1]
							}
							break
						}
					}
					if ns < 0 {
						continue
					}
				}
				all = append(all, oracleMatch{entry: p.entry, seg: bytes.Count(low[:ls], []byte{'|'}), fallback: p.fallback,
					ns: ns, ne: ne, os: int(tv.start[ns]), oe: int(tv.end[ne-1]), lit: len(p.literal)})
			}
		}
	}
	// A segment with an ordinary match loses its fallbacks.
	strong := map[int]bool{}
	for _, c := range all {
		if !c.fallback {
			strong[c.seg] = true
		}
	}
	all = slices.DeleteFunc(all, func(c oracleMatch) bool { return c.fallback && strong[c.seg] })
	// Ordinary first, then longer, then longer literal, then catalog order.
	slices.SortStableFunc(all, func(a, b oracleMatch) int {
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
	})
	var kept []oracleMatch
	for _, c := range all {
		keep := true
		for i := range kept {
			o := &kept[i]
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
			kept = append(kept, c)
		}
	}
	slices.SortStableFunc(kept, func(a, b oracleMatch) int { return a.os - b.os })
	var ids []catalog.ID
	lastEntry, lastSeg := -1, -1
	for _, c := range kept {
		if c.entry == lastEntry && c.seg == lastSeg {
			continue
		}
		ids = append(ids, oracleIDs[c.entry])
		lastEntry, lastSeg = c.entry, c.seg
	}
	return ids
}
