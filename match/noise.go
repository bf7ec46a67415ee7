package match

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// The prefilter reads raw bytes, but patterns run on normalised text. Where
// normalisation removes or changes bytes inside a run of words (a colour
// code between two letters, a zero-width character, full-width letters, a
// \u escape of a letter, an escaped line break or a tab between two words),
// a literal can be present in the normalised line while no anchor is in the
// raw one. Such noise is rare in ordinary text, so a line holding it is made
// a candidate as if an anchor had been seen: it is normalised and matched,
// which finds what the noise hid.

// noiseBytes are the bytes that start the noise normalisation removes or
// changes: ESC, a backslash, and the lead bytes of U+00A0, of the spaces and
// zero-width characters of U+2000–U+257F, of U+3000, and of U+FEFF and the
// full-width forms. The last kind of noise, control characters other than a
// line break (a tab, a carriage return, a NUL…), is found by indexControl.
var noiseBytes = [...]byte{0x1b, '\\', 0xc2, 0xe2, 0xe3, 0xef, controlKind}

// controlKind stands in noiseBytes for the control characters.
const controlKind = 0

// noiseScan finds noise in one buffer, remembering for each kind of noise
// byte where it next occurs, so that a buffer is scanned once however many
// times it is asked.
type noiseScan struct {
	buf  []byte
	next [len(noiseBytes)]int // next occurrence at or after the last from; len(buf) for none
	from int
}

// reset prepares s for buf.
func (s *noiseScan) reset(buf []byte) {
	s.buf, s.from = buf, 0
	for k, c := range noiseBytes {
		s.next[k] = indexFrom(buf, c, 0)
	}
}

// at returns the offset of the first noise at or after from and before to,
// or -1. Calls must not decrease from.
func (s *noiseScan) at(from, to int) int {
	if from < s.from {
		s.reset(s.buf)
	}
	s.from = from
	for {
		k, best := -1, to
		for i, n := range s.next {
			if n < from {
				n = indexFrom(s.buf, noiseBytes[i], from)
				s.next[i] = n
			}
			if n < best {
				k, best = i, n
			}
		}
		if k < 0 {
			return -1
		}
		hidden, after := hides(s.buf, best)
		if hidden {
			return best
		}
		s.next[k] = indexFrom(s.buf, noiseBytes[k], after)
	}
}

// indexFrom is the index of c in b at or after i, or len(b); for
// controlKind, that of the first control character other than ESC and a
// line break.
func indexFrom(b []byte, c byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	if c == controlKind {
		return indexControl(b, i)
	}
	if k := bytes.IndexByte(b[i:], c); k >= 0 {
		return i + k
	}
	return len(b)
}

// indexControl returns the index of the first byte of b at or after i that
// is below 0x20 or 0x7f, other than '\n' and ESC, or len(b). It reads eight
// bytes at a time: such bytes are rare, line breaks one a line.
func indexControl(b []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		d := w ^ 0x7f7f7f7f7f7f7f7f
		if ((w-0x20*ones)&^w|(d-ones)&^d)&highs == 0 {
			continue
		}
		for k := i; k < i+8; k++ {
			if isControl(b[k]) {
				return k
			}
		}
	}
	for ; i < len(b); i++ {
		if isControl(b[i]) {
			return i
		}
	}
	return len(b)
}

func isControl(c byte) bool {
	return (c < 0x20 || c == 0x7f) && c != '\n' && c != 0x1b
}

// noiseAt returns the offset of the first noise in b, or -1.
func noiseAt(b []byte) int {
	var s noiseScan
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
func hides(b []byte, i int) (bool, int) {
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
			return between(b, i, j+1), j + 1
		case 'u':
			r, k, ok := hex4(b, j+1)
			return ok && runeHides(r, b, i, k), j + 1
		}
		return false, j
	}
	if isControl(b[i]) {
		return between(b, i, i+1), i + 1
	}
	r, size := utf8.DecodeRune(b[i:])
	return size > 1 && runeHides(r, b, i, i+size), i + 1
}

// runeHides reports whether r, spelled as b[i:j], may hide a literal.
func runeHides(r rune, b []byte, i, j int) bool {
	switch {
	case r < utf8.RuneSelf:
		if r < 0x20 || r == 0x7f {
			return between(b, i, j)
		}
		return wordy(byte(r))
	case r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return true // zero-width
	case r >= 0xff01 && r <= 0xff5e:
		return wordy(byte(r - 0xfee0)) // full-width ASCII
	case isSpaceRune(r):
		return between(b, i, j)
	}
	return false
}
