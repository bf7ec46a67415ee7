package match

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// A pattern's regular expression costs microseconds per line it is tried
// on, and ordinary text that uses an error's words ("retrying upload…",
// "the request timed out twice") makes many lines candidates. Before the
// expression runs, a guard derived from its syntax rejects most of those
// lines in a few nanoseconds. A guard is a necessary condition only: when it
// passes, the expression runs as before, so results never depend on it.
//
// The expression is read as alternatives (its top-level "|"). For each, the
// guard knows:
//
//   - the literal texts every match of the alternative holds (the parts of
//     its top-level sequence that are plain text), which must all occur in
//     the window the expression would see;
//   - when the alternative is "context, then the pattern's literal, then
//     context" with both contexts of bounded length, too short to hold
//     another copy of the literal, a match covering an occurrence of the
//     literal must have its literal there: the context after it must then
//     match right after the occurrence, which an anchored expression checks
//     on a few bytes.
//
// The line passes if some alternative passes.

// guard is a necessary condition for a pattern to match around one
// occurrence of its literal.
type guard struct {
	alts []altGuard // nil: no condition, always run the expression
}

type altGuard struct {
	need [][]byte       // texts that must occur in the window
	high bool           // a text of need holds a byte above 0x7f
	post *regexp.Regexp // anchored: the literal's last byte, then what follows it
	span int            // bytes post may read after the literal
}

// allows reports whether the pattern may match the occurrence [ls, le) of
// its literal in low, with the expression seeing low[ws:we]. high says
// whether low holds any byte above 0x7f.
func (g *guard) allows(low []byte, high bool, ws, we, ls, le int) bool {
	if g.alts == nil {
		return true
	}
	for i := range g.alts {
		if (high || !g.alts[i].high) && g.alts[i].allows(low, ws, we, ls, le) {
			return true
		}
	}
	return false
}

func (a *altGuard) allows(low []byte, ws, we, ls, le int) bool {
	for _, n := range a.need {
		if !bytes.Contains(low[ws:we], n) {
			return false
		}
	}
	if a.post != nil && le > 0 {
		// The window holds one whole rune beyond anything post can read,
		// so that \b and $ see the same context as on the whole line.
		return a.post.Match(low[le-1 : min(we, le+a.span+utf8.UTFMax)])
	}
	return true
}

// unbounded is the length of a part of an expression with no upper bound.
const unbounded = 1 << 30

// newGuard derives the guard of expression re (already parsed) for a
// pattern whose literal is lit.
func newGuard(re *syntax.Regexp, lit string) guard {
	alts := []*syntax.Regexp{re}
	if re.Op == syntax.OpAlternate {
		alts = re.Sub
	}
	var g guard
	for _, alt := range alts {
		a := altGuard{}
		seq := []*syntax.Regexp{alt}
		if alt.Op == syntax.OpConcat {
			seq = alt.Sub
		}
		for _, s := range seq {
			a.need = appendNeeds(a.need, s)
		}
		// The occurrence itself is in the window: texts inside the
		// literal tell nothing.
		a.need = slices.DeleteFunc(a.need, func(n []byte) bool { return strings.Contains(lit, string(n)) })
		for _, n := range a.need {
			a.high = a.high || bytes.ContainsFunc(n, func(r rune) bool { return r >= utf8.RuneSelf })
		}
		a.post, a.span = postGuard(seq, lit)
		if len(a.need) == 0 && a.post == nil {
			return guard{} // this alternative could match anywhere
		}
		g.alts = append(g.alts, a)
	}
	return g
}

// appendNeeds appends the texts every match of re holds.
func appendNeeds(need [][]byte, re *syntax.Regexp) [][]byte {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 && len(re.Rune) > 0 {
			need = append(need, []byte(string(re.Rune)))
		}
	case syntax.OpCapture, syntax.OpPlus:
		need = appendNeeds(need, re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			need = appendNeeds(need, re.Sub[0])
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			need = appendNeeds(need, s)
		}
	}
	return need
}

// postGuard returns the anchored expression for what follows lit in seq,
// when seq is bounded context, lit, bounded context, and the contexts are
// too short to hold another copy of lit.
func postGuard(seq []*syntax.Regexp, lit string) (*regexp.Regexp, int) {
	k := -1
	for i, s := range seq {
		if s.Op == syntax.OpCapture {
			s = s.Sub[0]
		}
		if s.Op == syntax.OpLiteral && s.Flags&syntax.FoldCase == 0 && string(s.Rune) == lit {
			if k >= 0 {
				return nil, 0
			}
			k = i
		}
	}
	if k < 0 || lit == "" || lit[len(lit)-1] >= utf8.RuneSelf {
		return nil, 0
	}
	before, after := 0, 0
	for _, s := range seq[:k] {
		before = addLen(before, maxLen(s))
	}
	for _, s := range seq[k+1:] {
		after = addLen(after, maxLen(s))
	}
	// A match covering an occurrence with its own literal elsewhere has
	// that literal within max(before, after) bytes of the occurrence.
	reach := max(before, after)
	if reach >= len(lit) {
		return nil, 0
	}
	for d := 1; d <= reach; d++ {
		if lit[d:] == lit[:len(lit)-d] {
			return nil, 0 // lit overlaps itself at that distance
		}
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: seq[k+1:]}
	re, err := regexp.Compile(`^(?s:.)(?:` + rest.String() + `)`)
	if err != nil {
		return nil, 0
	}
	return re, after
}

func addLen(a, b int) int { return min(a+b, unbounded) }

// maxLen is the most bytes re can match, or unbounded.
func maxLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				n += utf8.UTFMax
			} else {
				n += utf8.RuneLen(r)
			}
		}
		return n
	case syntax.OpCharClass:
		n := 1
		for i := 1; i < len(re.Rune); i += 2 {
			n = max(n, utf8.RuneLen(re.Rune[i]))
		}
		return n
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpNoMatch, syntax.OpBeginLine, syntax.OpEndLine,
		syntax.OpBeginText, syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		return min(re.Max*maxLen(re.Sub[0]), unbounded)
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n = addLen(n, maxLen(s))
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, s := range re.Sub {
			n = max(n, maxLen(s))
		}
		return n
	}
	return unbounded
}

// starReach is how many bytes an unbounded repetition (x*, x+, x{n,}) of an
// expression is given when the matcher decides how much text around an
// occurrence the expression sees.
const starReach = 256

// reachLen is the most bytes re can match, counting each unbounded
// repetition as starReach bytes, and at most 2*window.
func reachLen(re *syntax.Regexp) int {
	n := 0
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus:
		n = starReach
	case syntax.OpRepeat:
		if re.Max < 0 {
			n = starReach
		} else {
			n = re.Max * reachLen(re.Sub[0])
		}
	case syntax.OpCapture, syntax.OpQuest:
		n = reachLen(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			n += reachLen(s)
		}
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			n = max(n, reachLen(s))
		}
	default:
		n = maxLen(re)
	}
	return min(n, 2*window)
}

// lazyRegexp is a pattern's expression, compiled with its guard on first
// use: most runs meet only a few of the catalog's patterns.
type lazyRegexp struct {
	once sync.Once
	re   *regexp.Regexp // nil if it failed to compile
	m    int            // index of the submatch named "m", or -1
	g    guard
	// reach bounds how far from an occurrence of the literal a match
	// covering it can end: the expression's longest match and one rune.
	reach int
}

// get compiles src, the expression of a pattern whose literal is lit, on
// its first call, and returns l.
func (l *lazyRegexp) get(src, lit string) *lazyRegexp {
	l.once.Do(func() {
		l.m = -1
		re, err := regexp.Compile(src)
		if err != nil {
			return
		}
		l.re, l.m = re, re.SubexpIndex("m")
		l.reach = unbounded
		if tree, err := syntax.Parse(src, syntax.Perl); err == nil {
			l.g = newGuard(tree, lit)
			l.reach = addLen(reachLen(tree), utf8.UTFMax)
		}
	})
	return l
}
