package match

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// text is a logical line after normalisation. clean keeps the letters' case
// (fields are read from it); lower is clean with ASCII letters lower-cased
// (patterns run on it). Both have the same length, and for every byte i,
// start[i] and end[i] give the span of the original bytes that produced it.
type text struct {
	clean, lower []byte
	start, end   []int32
	pending      bool  // a run of white space awaits a non-space byte
	pendingAt    int32 // where that run began in the original
	joins        bool  // the line held at least one line break
	// light skips clean, start and end: enough to learn whether anything
	// matches, at a fraction of the cost.
	light bool
	high  bool    // lower holds a byte above 0x7f
	pipes []int32 // offsets of the '|' in lower, in order
}

func (t *text) reset() {
	t.clean, t.lower = t.clean[:0], t.lower[:0]
	t.start, t.end = t.start[:0], t.end[:0]
	t.pending, t.joins, t.high = false, false, false
	t.pipes = t.pipes[:0]
}

// segment returns the number of '|' before offset i of lower: messages a
// line holds side by side, separated by '|' (a TUI glyph becomes one), are
// its segments.
func (t *text) segment(i int) int {
	n, _ := slices.BinarySearch(t.pipes, int32(i))
	return n
}

func (t *text) emit(b byte, s, e int) {
	if t.pending {
		t.pending = false
		t.push(' ', t.pendingAt, int32(s))
	}
	t.push(b, int32(s), int32(e))
}

func (t *text) push(b byte, s, e int32) {
	if !t.light {
		t.clean = append(t.clean, b)
		t.start = append(t.start, s)
		t.end = append(t.end, e)
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	t.high = t.high || b >= utf8.RuneSelf
	if b == '|' && !t.light {
		t.pipes = append(t.pipes, int32(len(t.lower)))
	}
	t.lower = append(t.lower, b)
}

func (t *text) emitString(str string, s, e int) {
	for i := 0; i < len(str); i++ {
		t.emit(str[i], s, e)
	}
}

func (t *text) space(s int) {
	if len(t.lower) > 0 && !t.pending {
		t.pending, t.pendingAt = true, int32(s)
	}
}

// normalize turns one logical line into t. It removes ANSI escape
// sequences, decodes JSON string escapes (\" \\ \/ \n \t \uXXXX), turns TUI
// glyphs into " | ", control characters and Unicode spaces into spaces, collapses runs
// of white space, maps typographic quotes to ASCII ones and "…" to "...".
// A line break inside the line (a wrapped continuation) becomes a space when
// joinSpace is set, and nothing otherwise (a word cut in two by the wrap).
func normalize(t *text, line []byte, joinSpace, light bool) {
	t.reset()
	t.light = light
	n := len(line)
	for i := 0; i < n; {
		c := line[i]
		switch {
		case c == 0x1b:
			i = skipEscape(line, i+1)
		case c == '\\':
			i = t.escape(line, i)
		case c == '\n':
			t.joins = true
			if joinSpace {
				t.space(i)
			} else {
				t.pending = false
			}
			for i++; i < n && (line[i] == ' ' || line[i] == '\t'); i++ {
			}
			// A quoted paste ("> …") repeats its marker on every line.
			for i < n && line[i] == '>' && (i+1 == n || line[i+1] == ' ') {
				for i++; i < n && line[i] == ' '; i++ {
				}
			}
		case c == ' ' || isBlankControl(c):
			t.space(i)
			i++
		case c < 0x20 || c == 0x7f:
			// Other control characters are kept: they split words in the
			// normalised text as they do in the original, where the
			// prefilter reads.
			t.emit(c, i, i+1)
			i++
		case c < utf8.RuneSelf:
			i = t.ascii(line, i)
		default:
			r, size := utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size == 1 {
				t.emit(c, i, i+1) // invalid UTF-8 is kept as is
			} else {
				t.rune(r, line[i:i+size], i, i+size)
			}
			i += size
		}
	}
}

// rune handles one decoded non-ASCII rune whose encoding is raw.
func (t *text) rune(r rune, raw []byte, s, e int) {
	switch {
	case r == 0x1b:
		// Only reached for \u001b; the caller skips the sequence.
	case r < 0x20 && (r == '\n' || isBlankControl(byte(r))):
		t.space(s)
	case r < 0x20 || r == 0x7f:
		t.emit(byte(r), s, e)
	case r < utf8.RuneSelf:
		t.emit(byte(r), s, e)
	case isGlyph(r):
		// A TUI glyph starts a new message: keep a boundary.
		if len(t.lower) > 0 {
			t.space(s)
			t.emit('|', s, e)
		}
		t.space(e)
	case isSpaceRune(r):
		t.space(s)
	case r >= 0x200b && r <= 0x200d, r == 0xfeff:
		// zero-width characters vanish
	case r == 0x2018 || r == 0x2019 || r == 0x201b || r == 0x2032:
		t.emit('\'', s, e)
	case r == 0x201c || r == 0x201d:
		t.emit('"', s, e)
	case r == 0x2026:
		t.emitString("...", s, e)
	case r == 0x2219:
		t.emitString("·", s, e) // the bullet operator older versions put before "resets"
	case r >= 0xff01 && r <= 0xff5e:
		t.emit(byte(r-0xfee0), s, e) // full-width ASCII
	default:
		for _, b := range raw {
			t.emit(b, s, e)
		}
	}
}

// isBlankControl reports the control characters that stand for white space
// in what people paste: tab and carriage return.
func isBlankControl(c byte) bool {
	return c == '\t' || c == '\r'
}

// isSpaceRune reports Unicode spaces and box drawing.
func isSpaceRune(r rune) bool {
	switch r {
	case 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return (r >= 0x2000 && r <= 0x200a) || (r >= 0x2500 && r <= 0x257f)
}

// isGlyph reports the TUI's decorations: ⎿ ⏺ ● ✻, the spinner's frames,
// bullets and arrows.
func isGlyph(r rune) bool {
	switch r {
	case 0x23bf, 0x23fa, 0x23f5, 0x25cf, 0x273b, 0x2722, 0x2723, 0x2733, 0x2736,
		0x273d, 0x276f, 0x25b6, 0x25b8, 0x2022, 0x2023, 0x26a0:
		return true
	}
	return false
}

// skipEscape returns the index just past the ANSI escape sequence whose ESC
// byte precedes line[i].
func skipEscape(line []byte, i int) int {
	if i >= len(line) {
		return i
	}
	switch line[i] {
	case '[': // CSI: parameters, then one final byte in 0x40–0x7e
		j := i + 1
		for j < len(line) && j-i < 64 && (line[j] < 0x40 || line[j] > 0x7e) {
			j++
		}
		if j < len(line) {
			j++
		}
		return j
	case ']', 'P', '_', '^': // OSC and other strings: end at BEL or ESC \
		j := i + 1
		for j < len(line) && j-i < 4096 {
			if line[j] == 0x07 {
				return j + 1
			}
			if line[j] == 0x1b {
				if j+1 < len(line) && line[j+1] == '\\' {
					return j + 2
				}
				return j
			}
			j++
		}
		return j
	default:
		return i + 1
	}
}

// escape decodes a JSON-style escape at line[i] == '\\' (any number of
// backslashes, since text may be escaped several times over) and returns
// the index after it.
func (t *text) escape(line []byte, i int) int {
	j := i
	for j < len(line) && line[j] == '\\' {
		j++
	}
	if j == len(line) {
		t.emit('\\', i, j)
		return j
	}
	switch c := line[j]; c {
	case '"', '/', '\'':
		t.emit(c, i, j+1)
		return j + 1
	case 'n', 'r', 't', 'f', 'b':
		t.space(i)
		return j + 1
	case 'u':
		r, k, ok := hex4(line, j+1)
		if !ok {
			break
		}
		if r >= 0xd800 && r < 0xdc00 { // a surrogate pair: \uD83D\uDE00
			l := k
			for l < len(line) && line[l] == '\\' {
				l++
			}
			if l > k && l < len(line) && line[l] == 'u' {
				if lo, m, ok := hex4(line, l+1); ok && lo >= 0xdc00 && lo < 0xe000 {
					r, k = (r-0xd800)<<10+(lo-0xdc00)+0x10000, m
				}
			}
		}
		if r == 0x1b {
			return skipEscape(line, k)
		}
		if r >= 0xd800 && r < 0xe000 {
			r = utf8.RuneError
		}
		var buf [utf8.UTFMax]byte
		size := utf8.EncodeRune(buf[:], r)
		t.rune(r, buf[:size], i, k)
		return k
	}
	t.emit('\\', i, j)
	return j
}

// hex4 decodes four hex digits at line[i:].
func hex4(line []byte, i int) (rune, int, bool) {
	if i+4 > len(line) {
		return 0, i, false
	}
	var r rune
	for _, c := range line[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, i, false
		}
	}
	return r, i + 4, true
}

// ascii copies the run of printable ASCII bytes other than backslash that
// starts at line[i], with no space at its end and no two spaces together,
// and returns the index after it. It does
// what emit does byte by byte, in bulk.
func (t *text) ascii(line []byte, i int) int {
	// A single space between two such bytes is kept as it is too, with
	// the same offsets as emit would give it.
	j := i
	for j < len(line) {
		c := line[j]
		if c == ' ' && j+1 < len(line) {
			c = line[j+1]
		}
		if c <= ' ' || c >= 0x7f || c == '\\' {
			break
		}
		j++
	}
	if t.pending {
		t.pending = false
		t.push(' ', t.pendingAt, int32(i))
	}
	n := len(t.lower)
	t.lower = append(t.lower, line[i:j]...)
	lowerASCII(t.lower[n:])
	if t.light {
		return j
	}
	for k := n; ; k++ {
		d := bytes.IndexByte(t.lower[k:], '|')
		if d < 0 {
			break
		}
		k += d
		t.pipes = append(t.pipes, int32(k))
	}
	t.clean = append(t.clean, line[i:j]...)
	t.start = slices.Grow(t.start, j-i)
	t.end = slices.Grow(t.end, j-i)
	st, en := t.start[len(t.start):len(t.start)+j-i], t.end[len(t.end):len(t.end)+j-i]
	for k := range st {
		st[k] = int32(i + k)
		en[k] = int32(i + k + 1)
	}
	t.start, t.end = t.start[:len(t.start)+j-i], t.end[:len(t.end)+j-i]
	return j
}

// lowerASCII lower-cases b in place; every byte of b is below 0x7f.
func lowerASCII(b []byte) {
	k := 0
	for ; k+8 <= len(b); k += 8 {
		// Per byte, without carries: bit 7 of x+0x3f is set from 'A' on,
		// that of x+0x25 from 'Z'+1 on; their difference marks A-Z.
		w := binary.LittleEndian.Uint64(b[k:])
		m := ((w + 0x3f3f3f3f3f3f3f3f) ^ (w + 0x2525252525252525)) & 0x8080808080808080
		binary.LittleEndian.PutUint64(b[k:], w|m>>2)
	}
	for ; k < len(b); k++ {
		if 'A' <= b[k] && b[k] <= 'Z' {
			b[k] += 'a' - 'A'
		}
	}
}
