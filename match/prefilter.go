package match

import (
	"encoding/binary"

	"github.com/ccerr/ccerr/match/internal/index"
)

// The prefilter finds, at memory speed, the places where some pattern's
// literal may occur, so that normalisation and regular expressions run only
// on the few lines that need them. Its tables (index.Index) hold one or two
// anchors per literal, words that normalisation never alters, each filed
// under the four quads of its rarest window of seven bytes (see package
// match/internal/index). The scan reads the input four bytes at a time, at
// offsets 0, 4, 8…: one of the four quads of any anchor occurrence starts at
// such an offset. It folds case with one OR, hashes, and looks the quad up;
// only on a hit does it compare whole anchors, case-insensitively. A line
// with a verified anchor is a candidate; one without cannot hold any literal
// unless noise falls inside each of its anchors.

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

// nextAnchor returns the offset of the first anchor in b found at or after from,
// or -1. Anchors are found in the order of their indexed quads, which is
// their order in b except for anchors that overlap.
func nextAnchor(ix *index.Index, b []byte, from int) int {
	i := max(from, 0)
	t := &ix.Quad
	for ; i+8 <= len(b); i += 8 {
		v := binary.LittleEndian.Uint64(b[i:]) | 0x2020202020202020
		h0, h1 := index.QuadHash(uint32(v)), index.QuadHash(uint32(v>>32))
		if (t[h0>>6]>>(h0&63)|t[h1>>6]>>(h1&63))&1 == 0 {
			continue
		}
		if s := anchorAt(ix, b, i); s >= 0 {
			return max(s, from)
		}
		if s := anchorAt(ix, b, i+4); s >= 0 {
			return max(s, from)
		}
	}
	for ; i+4 <= len(b); i += 4 {
		if s := anchorAt(ix, b, i); s >= 0 {
			return max(s, from)
		}
	}
	return -1
}

// anchorAt returns the start of an anchor one of whose indexed quads starts
// at b[i], or -1.
func anchorAt(ix *index.Index, b []byte, i int) int {
	if i+4 > len(b) {
		return -1
	}
	h := index.QuadHash(binary.LittleEndian.Uint32(b[i:]) | 0x20202020)
	if ix.Quad[h>>6]&(1<<(h&63)) == 0 {
		return -1
	}
	for _, a := range ix.Anchors[ix.Slot[h>>4]] {
		s := i - a.Off
		if a.Hash != h || s < 0 || s+len(a.Word) > len(b) {
			continue
		}
		if equalFold(b[s:s+len(a.Word)], a.Word) {
			return s
		}
	}
	return -1
}

// equalFold compares b, folded, with the lower-case w of the same length.
func equalFold(b []byte, w string) bool {
	for i := range len(w) {
		if fold[b[i]] != w[i] {
			return false
		}
	}
	return true
}
