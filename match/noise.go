package match

import (
	"bytes"
	"unicode/utf8"

	"github.com/ccerr/ccerr/match/internal/index"
)

// The prefilter reads raw bytes, but patterns run on normalised text. Where
// normalisation removes or changes bytes inside a run of words (a colour
// code between two letters, a zero-width character, full-width letters, a
// \u escape of a letter, an escaped line break or a tab between two words of
// an anchor), a literal can be present in the normalised line while no anchor is in the
// raw one. Such noise is rare in ordinary text, so a line holding it is made
// a candidate as if an anchor had been seen: it is normalised and matched,
// which finds what the noise hid.

// noiseBytes are the bytes that start the noise normalisation removes or
// changes: ESC, a backslash, the control characters that become a space
// (tab, carriage return), and the lead bytes of U+00A0, of the spaces and
// zero-width characters of U+2000–U+257F, of U+3000, and of U+FEFF and the
// full-width forms. Other control characters are kept by normalisation, so
// they hide nothing.
var noiseBytes = [...]byte{0x1b, '\\', '\t', '\r', 0xc2, 0xe2, 0xe3, 0xef}

// noiseScan finds noise in one buffer. It searches in chunks of noiseChunk
// bytes, every kind of noise byte in a chunk before the next chunk, so that
// the chunk stays in the cache, and remembers for each kind how far it
// searched and what it found, so that no byte is searched twice.
type noiseScan struct {
	ix      *index.Index // the anchors, whose adjacent words white space may join
	buf     []byte
	next    [len(noiseBytes)]int // an occurrence found at or after from, or -1
	scanned [len(noiseBytes)]int // each kind is searched in buf[:scanned]
	from    int
}

// noiseChunk is how many bytes are searched for every kind at a time.
const noiseChunk = 32 << 10

// reset prepares s for buf.
func (s *noiseScan) reset(buf []byte) {
	s.buf, s.from = buf, 0
	for k := range noiseBytes {
		s.next[k], s.scanned[k] = -1, 0
	}
}

// at returns the offset of the first noise at or after from and before to,
// or -1. Calls must not decrease from.
func (s *noiseScan) at(from, to int) int {
	if from < s.from {
		s.reset(s.buf)
	}
	s.from = from
	to = min(to, len(s.buf))
	for from < to {
		end := min(to, from+noiseChunk)
		k, best := -1, end
		for i := range noiseBytes {
			if n := s.find(i, from, end); n >= 0 && n < best {
				k, best = i, n
			}
		}
		if k < 0 {
			from = end
			continue
		}
		hidden, after := hides(s.buf, best, s.ix)
		if hidden {
			return best
		}
		// Search on past this one; the others found stay valid.
		s.next[k], s.scanned[k] = -1, max(s.scanned[k], min(after, len(s.buf)))
	}
	return -1
}

// find returns the first occurrence of kind k in buf[from:end], or -1.
func (s *noiseScan) find(k, from, end int) int {
	if n := s.next[k]; n >= from {
		if n < end {
			return n
		}
		return -1
	}
	start := max(from, s.scanned[k])
	if start >= end {
		return -1
	}
	if i := bytes.IndexByte(s.buf[start:end], noiseBytes[k]); i >= 0 {
		s.next[k], s.scanned[k] = start+i, start+i+1
		return start + i
	}
	s.next[k], s.scanned[k] = -1, end
	return -1
}

// noiseAt returns the offset of the first noise in b that may hide one of
// m's anchors, or -1.
func (m *Matcher) noiseAt(b []byte) int {
	s := noiseScan{ix: m.ix}
	s.reset(b)
	return s.at(0, len(b))
}

// wordy reports whether c may be part of an anchor: a letter, digit, _, -
// or a space between words.
func wordy(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == ' '
}

// between reports whether the bytes before i and at j are both wordy.
func between(b []byte, i, j int) bool {
	return i > 0 && j < len(b) && wordy(b[i-1]) && wordy(b[j])
}

// hides reports whether the noise byte at b[i] may hide a literal from the
// prefilter, and where the search for the next noise of its kind resumes.
func hides(b []byte, i int, ix *index.Index) (bool, int) {
	switch c := b[i]; c {
	case 0x1b:
		j := skipEscape(b, i+1)
		for j < len(b) && b[j] == 0x1b {
			j = skipEscape(b, j+1)
		}
		return between(b, i, j), j
	case '\\':
		j := i
		for j < len(b) && b[j] == '\\' {
			j++
		}
		if j == len(b) {
			return false, j
		}
		switch b[j] {
		case 'n', 't', 'r', 'f', 'b':
			return joins(b, i, j+1, ix), j + 1
		case 'u':
			r, k, ok := hex4(b, j+1)
			return ok && runeHides(r, b, i, k, ix), j + 1
		}
		return false, j
	}
	if isBlankControl(b[i]) {
		return joins(b, i, i+1, ix), i + 1
	}
	r, size := utf8.DecodeRune(b[i:])
	return size > 1 && runeHides(r, b, i, i+size, ix), i + 1
}

// runeHides reports whether r, spelled as b[i:j], may hide a literal.
func runeHides(r rune, b []byte, i, j int, ix *index.Index) bool {
	switch {
	case r < utf8.RuneSelf:
		if r == '\n' || isBlankControl(byte(r)) {
			return joins(b, i, j, ix)
		}
		return wordy(byte(r))
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return true // zero-width
	case r >= 0xff01 && r <= 0xff5e:
		return wordy(byte(r - 0xfee0)) // full-width ASCII
	case isSpaceRune(r):
		return joins(b, i, j, ix)
	}
	return false
}

// joins reports whether the white space b[i:j], which normalisation turns
// into a single space, stands between two words that are adjacent in an
// anchor: only there does it hide the anchor from the prefilter. Escaped
// line breaks and tabs between the words of ordinary text (code in a
// transcript) are left alone.
func joins(b []byte, i, j int, ix *index.Index) bool {
	k := i
	for k > 0 && b[k-1] == ' ' {
		k--
	}
	s := k // the word before, not the letter of an escape
	for s > 0 && k-s < 32 && index.WordByte(fold[b[s-1]]) && (s < 2 || b[s-2] != '\\') {
		s--
	}
	l := j // skip further white space, escaped or not
	for l < len(b) {
		if b[l] == ' ' || isBlankControl(b[l]) {
			l++
		} else if b[l] == '\\' && l+1 < len(b) && bytes.IndexByte([]byte("ntrfb"), b[l+1]) >= 0 {
			l += 2
		} else {
			break
		}
	}
	e := l
	for e < len(b) && e-l < 32 && index.WordByte(fold[b[e]]) {
		e++
	}
	if s == k || e == l {
		return false
	}
	var buf [65]byte
	n := copy(buf[:], b[s:k])
	buf[n] = ' '
	n++
	n += copy(buf[n:], b[l:e])
	lowerASCII(buf[:n])
	return ix.HasPair(buf[:n])
}
