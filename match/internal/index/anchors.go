package index

import (
	"slices"
	"strings"
)

// Anchors. The prefilter finds, at memory speed, the places where some
// pattern's literal may occur, so that normalisation and regular
// expressions run only on the few lines that need them.
//
// Each literal is given one or two anchors: a word of at least seven bytes
// of [a-z0-9_-], or two or three such words with single spaces between them,
// which normalisation never alters, chosen among the literal's rarest. In
// each anchor a window of seven bytes is chosen whose four substrings of
// four bytes (quads) are all rare; the four quads are hashed into a 64 Ki-bit
// table that fits in the L1 cache. The scan reads the input four bytes at a
// time, at offsets 0, 4, 8…: one of the four quads of any anchor occurrence
// starts at such an offset.

// minAnchor is the shortest anchor: a window of seven bytes always holds a
// quad that starts at a multiple of four.
const minAnchor = 7

// WordByte reports whether c, lower case, may be part of an anchor word.
func WordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-'
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
		if !WordByte(lit[i]) {
			i++
			continue
		}
		j := i
		for j < len(lit) && WordByte(lit[j]) {
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

// commonWord reports whether w is too frequent in logs and prose to anchor
// on when a literal offers anything better. (A switch, not a map: it costs
// nothing at start.)
func commonWord(w string) bool {
	switch w {
	case "api", "error", "errors", "request", "the", "your", "with", "for", "and", "not",
		"is", "to", "in", "of", "too", "long", "large", "limit", "server", "connection",
		"failed", "token", "model", "type", "message", "run", "please", "check", "this",
		"that", "has", "been", "are", "you", "an", "a", "be", "was", "by", "at", "on", "it",
		"or", "all", "response", "max", "can", "out", "org", "status", "data", "file",
		"http", "https", "www", "com", "our", "mid", "hit", "before", "after", "from",
		"claude", "anthropic", "tool", "tokens", "session", "usage", "auto", "mode", "image",
		"pdf", "use", "connect", "internal", "prompt", "timeout", "context", "login", "key",
		"high", "could", "through", "lost", "requests", "reached", "upstream", "network",
		"currently", "continuing", "contact", "missing", "computer", "unavailable",
		"available", "invalid", "expired", "maximum", "conversation", "services",
		"certificate", "exceeds", "allowed", "history":
		return true
	}
	return false
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
			allCommon = allCommon && commonWord(x)
		}
		if allCommon {
			return s + 1<<22
		}
		return s + 1<<20
	case commonWord(w):
		return s + 1<<23
	}
	return s
}
