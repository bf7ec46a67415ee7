package match

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The prefilter finds, at memory speed, the places where some pattern's
// literal may occur, so that normalisation and regular expressions run only
// on the few lines that need them.
//
// Each literal is given one or two anchors: a word of at least seven bytes
// of [a-z0-9_-], or two or three such words with single spaces between them,
// which normalisation never alters, chosen among the literal's rarest. In
// each anchor a window of seven bytes is chosen whose four substrings of
// four bytes (quads) are all rare; the four quads are hashed into a 64 Ki-bit
// table that fits in the L1 cache. The scan reads the input four bytes at a
// time, at offsets 0, 4, 8…: one of the four quads of any anchor occurrence
// starts at such an offset. It folds case with one OR, hashes, and looks the
// quad up; only on a hit does it compare whole anchors, case-insensitively.
// A line with a verified anchor is a candidate; one without cannot hold any
// literal unless noise falls inside each of its anchors.

// minAnchor is the shortest anchor: a window of seven bytes always holds a
// quad that starts at a multiple of four.
const minAnchor = 7

// fold maps ASCII upper case to lower case and leaves other bytes alone.
var fold = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

func wordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

type anchor struct {
	word  []byte   // lower case
	off   int      // offset in word of the quad this entry is filed under
	hash  uint16   // the quad's hash
	first *firstOf // the literals whose first anchor is word; nil if none
}

// firstOf lists the literals whose first anchor is one word. The four
// entries of that word share it.
type firstOf struct{ lits []litRef }

// litRef says that literal lit holds its anchor at offset at.
type litRef struct{ lit, at int }

type prefilter struct {
	quad    [1 << 16 / 64]uint64 // one bit per hash of an indexed quad
	slot    [1 << 12]uint16      // top 12 bits of a quad's hash -> index in anchors
	anchors [][]anchor           // anchors[0] is unused
	first   map[string]*firstOf  // by anchor word, while building
	pairs   map[string]bool      // words adjacent in an anchor, "a b"
}

// add indexes the anchors of literal number li.
func (p *prefilter) add(lit string, li int) error {
	if p.anchors == nil {
		p.anchors = make([][]anchor, 1)
	}
	words := anchorWords(lit)
	if len(words) == 0 {
		return fmt.Errorf("literal %q has no run of %d letters, digits and single spaces to anchor it", lit, minAnchor)
	}
	for j, w := range words {
		if fs := strings.Fields(w); len(fs) > 1 {
			if p.pairs == nil {
				p.pairs = map[string]bool{}
			}
			for k := 1; k < len(fs); k++ {
				p.pairs[fs[k-1]+" "+fs[k]] = true
			}
		}
		var first *firstOf
		if j == 0 {
			if p.first == nil {
				p.first = map[string]*firstOf{}
			}
			first = p.first[w]
			if first == nil {
				first = &firstOf{}
				p.first[w] = first
			}
			first.lits = append(first.lits, litRef{lit: li, at: strings.Index(lit, w)})
		}
		o := rarestWindow(w)
		for d := 0; d < 4; d++ {
			off := o + d
			h := quadHash(uint32(w[off]|0x20) | uint32(w[off+1]|0x20)<<8 | uint32(w[off+2]|0x20)<<16 | uint32(w[off+3]|0x20)<<24)
			p.quad[h>>6] |= 1 << (h & 63)
			c := h >> 4
			if p.slot[c] == 0 {
				if len(p.anchors) == 1<<16-1 {
					return errors.New("too many anchors")
				}
				p.slot[c] = uint16(len(p.anchors))
				p.anchors = append(p.anchors, nil)
			}
			as := &p.anchors[p.slot[c]]
			n := slices.IndexFunc(*as, func(e anchor) bool { return string(e.word) == w && e.off == off })
			if n < 0 {
				n = len(*as)
				*as = append(*as, anchor{word: []byte(w), off: off, hash: h})
			}
			if first != nil {
				(*as)[n].first = first
			}
		}
	}
	return nil
}

// quadHash hashes four bytes, each already ORed with 0x20 (which folds ASCII
// letters), to 16 bits.
func quadHash(q uint32) uint16 {
	return uint16((q * 0x9e3779b1) >> 16)
}

// next returns the offset of the first anchor in b found at or after from,
// or -1. Anchors are found in the order of their indexed quads, which is
// their order in b except for anchors that overlap.
func (p *prefilter) next(b []byte, from int) int {
	i := max(from, 0)
	t := &p.quad
	for ; i+8 <= len(b); i += 8 {
		v := binary.LittleEndian.Uint64(b[i:]) | 0x2020202020202020
		h0, h1 := quadHash(uint32(v)), quadHash(uint32(v>>32))
		if (t[h0>>6]>>(h0&63)|t[h1>>6]>>(h1&63))&1 == 0 {
			continue
		}
		if s := p.at(b, i); s >= 0 {
			return max(s, from)
		}
		if s := p.at(b, i+4); s >= 0 {
			return max(s, from)
		}
	}
	for ; i+4 <= len(b); i += 4 {
		if s := p.at(b, i); s >= 0 {
			return max(s, from)
		}
	}
	return -1
}

// at returns the start of an anchor one of whose indexed quads starts at
// b[i], or -1.
func (p *prefilter) at(b []byte, i int) int {
	if i+4 > len(b) {
		return -1
	}
	h := quadHash(binary.LittleEndian.Uint32(b[i:]) | 0x20202020)
	if p.quad[h>>6]&(1<<(h&63)) == 0 {
		return -1
	}
	for _, a := range p.anchors[p.slot[h>>4]] {
		s := i - a.off
		if a.hash != h || s < 0 || s+len(a.word) > len(b) {
			continue
		}
		if equalFold(b[s:s+len(a.word)], a.word) {
			return s
		}
	}
	return -1
}

// equalFold compares b, folded, with the lower-case w of the same length.
func equalFold(b, w []byte) bool {
	for i, c := range w {
		if fold[b[i]] != c {
			return false
		}
	}
	return true
}

// anchorWords picks up to two anchors for lit: its rarest words, or runs of
// two or three words when no single word is long and rare enough. A second
// anchor, taken only when it is itself rare and apart from the first, lets
// a literal survive a line wrap, an escape or a colour change that cuts the
// first.
func anchorWords(lit string) []string {
	type span struct{ i, j int }
	var words []span
	for i := 0; i < len(lit); {
		if !wordByte(lit[i]) {
			i++
			continue
		}
		j := i
		for j < len(lit) && wordByte(lit[j]) {
			j++
		}
		words = append(words, span{i, j})
		i = j
	}
	var cands []string
	for k, w := range words {
		for n := k; n < len(words) && n < k+3; n++ {
			if n > k && (words[n].i != words[n-1].j+1 || lit[words[n-1].j] != ' ') {
				break
			}
			if c := lit[w.i:words[n].j]; len(c) >= minAnchor {
				cands = append(cands, c)
			}
		}
	}
	// Score each candidate once: scoring walks the quad table.
	type scored struct {
		w     string
		score int
	}
	sc := make([]scored, len(cands))
	for i, c := range cands {
		sc[i] = scored{c, anchorScore(c)}
	}
	slices.SortStableFunc(sc, func(a, b scored) int { return a.score - b.score })
	sc = slices.CompactFunc(sc, func(a, b scored) bool { return a.w == b.w })
	cands = cands[:0]
	for _, c := range sc {
		cands = append(cands, c.w)
	}
	if len(cands) > 1 && (sc[1].score >= secondAnchorMax || strings.Contains(cands[0], cands[1]) || strings.Contains(cands[1], cands[0])) {
		cands = cands[:1]
	}
	if len(cands) > 2 {
		cands = cands[:2]
	}
	return cands
}

// commonWords are words too frequent in logs and prose to anchor on when a
// literal offers anything better.
var commonWords = map[string]bool{
	"api": true, "error": true, "errors": true, "request": true, "the": true, "your": true,
	"with": true, "for": true, "and": true, "not": true, "is": true, "to": true, "in": true,
	"of": true, "too": true, "long": true, "large": true, "limit": true, "server": true,
	"connection": true, "failed": true, "token": true, "model": true, "type": true,
	"message": true, "run": true, "please": true, "check": true, "this": true, "that": true,
	"has": true, "been": true, "are": true, "you": true, "an": true, "a": true, "be": true,
	"was": true, "by": true, "at": true, "on": true, "it": true, "or": true, "all": true,
	"response": true, "max": true, "can": true, "out": true, "org": true, "status": true,
	"data": true, "file": true, "http": true, "https": true, "www": true, "com": true,
	"our": true, "mid": true, "hit": true, "before": true, "after": true, "from": true,
	"claude": true, "anthropic": true, "tool": true, "tokens": true, "session": true,
	"usage": true, "auto": true, "mode": true, "image": true, "pdf": true, "use": true,
	"connect": true, "internal": true, "prompt": true, "timeout": true, "context": true,
	"login": true, "key": true, "high": true, "could": true, "through": true, "lost": true,
	"requests": true, "reached": true, "upstream": true, "network": true, "currently": true,
	"continuing": true, "contact": true, "missing": true, "computer": true, "unavailable": true,
	"available": true, "invalid": true, "expired": true, "maximum": true, "conversation": true,
	"services": true, "certificate": true, "exceeds": true, "allowed": true, "history": true,
}

func class(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return int(c - 'a')
	case '0' <= c && c <= '9':
		return 26 + int(c-'0')
	case c == '_':
		return 36
	case c == '-':
		return 37
	case c == ' ':
		return 38
	}
	return -1
}

// pairScore is how common the pair a, b is; a space counts as common.
func pairScore(a, b byte) int {
	x, y := class(a), class(b)
	if x < 0 || y < 0 || x == 38 || y == 38 {
		return 20000
	}
	return int(pairFreq[x*38+y]) + 1
}

// quadScore is how common the quad at w[i:] is in ordinary text, from the
// table of common quads, with the rarity of its pairs to break ties.
func quadScore(w string, i int) int {
	q := w[i : i+4]
	pairs := min(pairScore(q[0], q[1]), pairScore(q[1], q[2]), pairScore(q[2], q[3]))
	if strings.Contains(q, " ") {
		return 300*100 + pairs/100
	}
	return commonQuad(q)*100 + pairs/100
}

// quadCount is a run of four bytes and how many times it occurs per million
// bytes of ordinary text.
type quadCount struct {
	quad string
	n    int
}

// commonQuad is how many times q occurs per million bytes of ordinary text,
// or 0 if it is not among the common quads.
func commonQuad(q string) int {
	if i, ok := slices.BinarySearchFunc(commonQuads[:], q, func(c quadCount, q string) int { return strings.Compare(c.quad, q) }); ok {
		return commonQuads[i].n
	}
	return 0
}

// rarestWindow returns the offset of the window of seven bytes of w whose
// commonest quad is the rarest.
func rarestWindow(w string) int {
	off, _ := rarest(w)
	return off
}

// rarest returns the offset of the rarest window of w and the score of its
// commonest quad.
func rarest(w string) (off, score int) {
	var buf [64]int
	qs := buf[:0]
	for i := 0; i+4 <= len(w); i++ {
		qs = append(qs, quadScore(w, i))
	}
	best := 1 << 30
	for o := 0; o+minAnchor <= len(w); o++ {
		s := max(qs[o], qs[o+1], qs[o+2], qs[o+3])
		if s < best {
			best, off = s, o
		}
	}
	return off, best
}

// secondAnchorMax is the highest score of a second anchor: its commonest
// quad occurs less than about 30 times per million bytes.
const secondAnchorMax = 30 * 100

// anchorScore is lower for better anchors: rare windows first, single
// uncommon words before runs of words.
func anchorScore(w string) int {
	_, s := rarest(w)
	switch {
	case strings.Contains(w, " "):
		allCommon := true
		for _, x := range strings.Fields(w) {
			allCommon = allCommon && commonWords[x]
		}
		if allCommon {
			return s + 1<<22
		}
		return s + 1<<20
	case commonWords[w]:
		return s + 1<<23
	}
	return s
}
