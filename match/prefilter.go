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

// fold maps ASCII upper case to lower case and leaves other bytes alone
// (TestFold checks it). A constant, it costs nothing at start.
const fold = "" +
	"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f" +
	"\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f" +
	"\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c\x2d\x2e\x2f" +
	"\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x3a\x3b\x3c\x3d\x3e\x3f" +
	"\x40\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f" +
	"\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x5b\x5c\x5d\x5e\x5f" +
	"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f" +
	"\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x7b\x7c\x7d\x7e\x7f" +
	"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f" +
	"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f" +
	"\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf" +
	"\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf" +
	"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf" +
	"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf" +
	"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef" +
	"\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff"

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
