// Package index builds the tables the matcher of package match searches
// with: the catalog's distinct literals and their patterns, the anchors the
// prefilter looks for, and the table of their quads (see anchors.go for how
// anchors are chosen).
//
// match.New builds an [Index] for any catalog at run time. For the catalog
// compiled into the binary, match/internal/genmatch writes the same Index as
// a Go composite literal at go generate time, which the compiler lays out as
// data: the default matcher costs no work and almost no allocation at start.
package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// Index is what the matcher knows of a catalog. Its fields are read, never
// written, once it is built.
type Index struct {
	// IDs are the catalog's entries in catalog order; Pattern.Entry indexes it.
	IDs []catalog.ID
	// Lits are the distinct literals, in order of first use.
	Lits []Literal
	// Regexps is how many patterns have a regular expression; their
	// Pattern.Rx run from 1 to Regexps.
	Regexps int
	// Quad has one bit per hash of an indexed quad.
	Quad [1 << 16 / 64]uint64
	// Slot maps the top 12 bits of a quad's hash to an index in Anchors;
	// 0 means none.
	Slot [1 << 12]uint16
	// Anchors are the anchors filed under each slot. Anchors[0] is unused.
	Anchors [][]Anchor
	// Firsts list, for each anchor word that is some literal's first
	// anchor, those literals. Firsts[0] is unused.
	Firsts [][]LitRef
	// Pairs are the words adjacent in some anchor, as "a b", sorted.
	Pairs []string
}

// Literal is one distinct pattern literal and the patterns that use it.
type Literal struct {
	Text string
	Pats []Pattern
}

// Pattern is one catalog pattern.
type Pattern struct {
	Entry    int    // index into Index.IDs
	Regexp   string // "": the literal alone matches
	Rx       int    // number of the expression, from 1; 0 when Regexp is ""
	Fallback bool
}

// Anchor is one indexed quad of an anchor word. Each word is filed four
// times, once under each of the quads of its rarest window.
type Anchor struct {
	Word  string // lower case
	Off   int    // offset in Word of the quad this entry is filed under
	Hash  uint16 // the quad's hash
	First int    // index in Index.Firsts of the literals whose first anchor is Word; 0 if none
}

// LitRef says that literal Lit holds its first anchor at offset At.
type LitRef struct{ Lit, At int }

// Build indexes the patterns of c. It fails on a pattern whose literal is
// empty or has no anchor; it does not check regular expressions, which
// match.New does.
func Build(c *catalog.Catalog) (*Index, error) {
	b := builder{
		ix:    &Index{Anchors: make([][]Anchor, 1), Firsts: make([][]LitRef, 1)},
		first: map[string]int{},
		pairs: map[string]bool{},
	}
	ix := b.ix
	byLit := map[string]int{}
	for i, e := range c.Entries() {
		ix.IDs = append(ix.IDs, e.ID)
		for _, p := range e.Patterns {
			if p.Literal == "" {
				return nil, fmt.Errorf("%s: empty literal", e.ID)
			}
			pat := Pattern{Entry: i, Regexp: p.Regexp, Fallback: p.Fallback}
			if p.Regexp != "" {
				ix.Regexps++
				pat.Rx = ix.Regexps
			}
			k, ok := byLit[p.Literal]
			if !ok {
				k = len(ix.Lits)
				byLit[p.Literal] = k
				ix.Lits = append(ix.Lits, Literal{Text: p.Literal})
				if err := b.add(p.Literal, k); err != nil {
					return nil, fmt.Errorf("%s: %w", e.ID, err)
				}
			}
			ix.Lits[k].Pats = append(ix.Lits[k].Pats, pat)
		}
	}
	for p := range b.pairs {
		ix.Pairs = append(ix.Pairs, p)
	}
	slices.Sort(ix.Pairs)
	return ix, nil
}

// builder holds what building an Index needs besides the Index.
type builder struct {
	ix    *Index
	first map[string]int  // anchor word -> index in ix.Firsts
	pairs map[string]bool // words adjacent in an anchor, "a b"
}

// add indexes the anchors of literal number li.
func (b *builder) add(lit string, li int) error {
	ix := b.ix
	words := anchorWords(lit)
	if len(words) == 0 {
		return fmt.Errorf("literal %q has no run of %d letters, digits and single spaces to anchor it", lit, minAnchor)
	}
	for j, w := range words {
		if fs := strings.Fields(w); len(fs) > 1 {
			for k := 1; k < len(fs); k++ {
				b.pairs[fs[k-1]+" "+fs[k]] = true
			}
		}
		first := 0
		if j == 0 {
			first = b.first[w]
			if first == 0 {
				first = len(ix.Firsts)
				b.first[w] = first
				ix.Firsts = append(ix.Firsts, nil)
			}
			ix.Firsts[first] = append(ix.Firsts[first], LitRef{Lit: li, At: strings.Index(lit, w)})
		}
		o := rarestWindow(w)
		for d := range 4 {
			off := o + d
			h := QuadHash(uint32(w[off]|0x20) | uint32(w[off+1]|0x20)<<8 | uint32(w[off+2]|0x20)<<16 | uint32(w[off+3]|0x20)<<24)
			ix.Quad[h>>6] |= 1 << (h & 63)
			c := h >> 4
			if ix.Slot[c] == 0 {
				if len(ix.Anchors) == 1<<16-1 {
					return errors.New("too many anchors")
				}
				ix.Slot[c] = uint16(len(ix.Anchors))
				ix.Anchors = append(ix.Anchors, nil)
			}
			as := &ix.Anchors[ix.Slot[c]]
			n := slices.IndexFunc(*as, func(e Anchor) bool { return e.Word == w && e.Off == off })
			if n < 0 {
				n = len(*as)
				*as = append(*as, Anchor{Word: w, Off: off, Hash: h})
			}
			if first != 0 {
				(*as)[n].First = first
			}
		}
	}
	return nil
}

// QuadHash hashes four bytes, each already ORed with 0x20 (which folds
// ASCII letters), to 16 bits.
func QuadHash(q uint32) uint16 {
	return uint16((q * 0x9e3779b1) >> 16)
}

// HasPair reports whether pair, two lower-case words joined by one space,
// are adjacent in some anchor of ix.
func (ix *Index) HasPair(pair []byte) bool {
	i, j := 0, len(ix.Pairs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if ix.Pairs[h] < string(pair) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i < len(ix.Pairs) && ix.Pairs[i] == string(pair)
}
