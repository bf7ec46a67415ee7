// Package match finds the documented Claude Code errors of a [catalog] in
// arbitrary text: terminal output, logs, session transcripts, stack traces,
// a paste in a chat.
//
// # Contract
//
// [Matcher.Text] and [Matcher.Reader] report each entry found once, as a
// [Hit], in order of first appearance, with the number of occurrences, the
// line of the first one, an excerpt and the [Fields] read around its first
// occurrence, completed by those of the next seven.
// [Matcher.FindLine] reports every occurrence in one logical line, in order,
// with byte offsets into that line; it keeps no reference to the line.
// Reader reads its input once, in a buffer of at most 1 MiB, so input of any
// size and lines of any length are fine; a line longer than 256 KiB is
// matched in overlapping pieces. A Matcher is safe for concurrent use and
// never panics, whatever the bytes it is given.
//
// # What is recognised
//
// Every wording listed in the catalog (the reference's messages, current and
// older ones), raw API error bodies and headers, and retry spinner lines, in
// the middle of noise. Before patterns run, a candidate line is normalised:
// ANSI escape sequences are removed; JSON string escapes are decoded, however
// many times the text was escaped (\" \\ \n \u00b7 …); TUI glyphs (⎿ ⏺ ✻ ●)
// become a " | " separator; Unicode spaces, tabs and carriage returns
// become spaces and runs of spaces collapse (other
// control characters are kept, and split words as they do in the
// original); zero-width characters vanish;
// typographic quotes become ASCII ones, "…" becomes "..." and "∙" becomes
// "·"; full-width ASCII becomes ASCII; ASCII letters are lower-cased; after a
// line break, a quoted paste's "> " markers are dropped. Invalid UTF-8 is
// kept as is. Text and Reader join a line with
// the lines after it that are indented by two spaces (a message the terminal
// wrapped), and try the join both with a space and without one (a word cut
// in two). An indented line whose text starts with a TUI glyph ("⎿ " of a
// tool result, "●", "✻", a bullet) is a new output item and is not joined.
// A line without indentation is joined to the next one only when it holds
// no match and ends inside a literal, and the next line starts with a
// letter or digit (a message cut where the terminal or a log viewer broke
// it): then only the matches of literals that straddle the break count,
// on the first line. A join never costs a physical line
// what it finds on its own: when one of the joined lines alone holds a match
// the joined line lacks, each line's own matches count, with fields read in
// that line, plus the joined line's matches that span a line break and
// overlap none of them.
//
// Short messages that are also ordinary words ("Request timed out", "Prompt
// is too long", "fetch failed") count only where they stand as a message:
// at the start of a line or after punctuation, a glyph, other-language text
// or a log level, and followed by the end of the line or punctuation. Prose
// such as "the request timed out after 30 seconds" does not match, nor do
// other tools' errors (npm, shells, MCP servers, hooks) or other vendors'
// error bodies.
//
// # Patterns
//
// Each catalog [catalog.Pattern] is a lower-case literal and an optional RE2
// expression run on the normalised line, around each occurrence of the
// literal; a match counts only if it covers the literal. The expression
// sees the text a match covering the occurrence could span, and no more:
// its longest match (an unbounded repetition counting 256 bytes) and one
// rune on each side, at most 512 bytes each side, and never past a "|"
// (which it sees, as the punctuation around a message). So each occurrence
// costs the same however long or dense the line, and a line's cost is
// linear in its length.
// When the expression has a submatch named "m" that took part, the
// occurrence is that submatch, so that context such as a message boundary
// stays out of offsets and excerpts.
//
// # Overlaps
//
// When matches overlap, one wins, by this rule:
//
//  1. An ordinary pattern beats a fallback pattern (a bare error type, a
//     bare 401 or 5xx status line, a spinner with no label).
//  2. Then the longer match (in normalised bytes) wins: "Request timed out.
//     Check your internet connection" is connection-failed, not
//     request-timeout; "API Error: 504 Request timed out. This is a
//     server-side issue…" is server-error.
//  3. Then the longer literal, then the entry that comes first in the
//     catalog.
//
// A match that overlaps one already kept for another entry is dropped; one
// that overlaps a match of the same entry is merged into it. A logical line
// is made of segments, the parts between two "|" (a TUI glyph becomes one):
// messages joined by "|" are found one by one. When a segment holds any
// ordinary match, its fallback matches are dropped: in a transcript line
// that says "You've hit your 5-hour limit" next to "rate_limit_error", only
// usage-limit counts. Neighbouring matches of the same entry in one
// segment, with no other entry between them, count once; the same error
// said three times between "|" counts three times.
//
// A retry spinner that names no status ("✻ API error · retrying in 1s ·
// attempt 1/6", "Retrying in 4s · attempt 3/10") is reported as server-error,
// with its attempt and delay as fields: Claude Code shows that label for the
// first attempts of a 5xx, and a spinner that names its cause (529, 429, a
// network error) matches that cause's entry instead.
//
// # Speed
//
// A prefilter finds candidate lines without normalising them: each literal
// has one or two anchors of at least seven bytes whose four-byte pieces are
// rare in ordinary text (frequency tables generated by go generate from the
// corpus in internal/genfreq/corpus); the input is read four bytes at a time
// and each piece looked up in a 64 Ki-bit hash table. Only lines where a
// whole anchor is verified are normalised and matched, so text with few
// errors goes at the speed of that scan. A line where normalisation would
// remove or change bytes between two words (a colour code, a zero-width or
// full-width character, a \u escape of a letter, an escaped line break, a
// tab) is a candidate too, since that noise may hide an anchor.
//
// A candidate line is first normalised without the offsets back to the
// original, which is enough to learn whether anything may match; the full
// work is done only for lines that pass. Before a pattern's expression runs
// on an occurrence of its literal, a guard derived from the expression's
// syntax must pass: every plain text the expression requires must be in the
// window, and when the expression is bounded context, the literal, bounded
// context, what it requires right after the literal must follow it (checked
// by an anchored expression on a few bytes). A guard is a necessary
// condition only, so it changes the cost of a line, never its result: prose
// such as "retrying upload" or "request timed out twice" is rejected without
// running an expression. Expressions and the extractors of fields are
// compiled on first use, so a run pays only for the patterns it meets.
//
// [Default] costs almost nothing at start: the tables of the catalog compiled
// into the binary (its literals, anchors and hash table) are built at go
// generate time by internal/genmatch and laid out by the compiler as data,
// and its expressions are checked by the package's tests rather than parsed
// at every start. [New] builds the same tables at run time for any other
// catalog and checks its expressions.
package match
