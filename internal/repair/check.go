package repair

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/session"
)

// blockKind is the kind of a content block repair looks at.
type blockKind uint8

const (
	bkOther blockKind = iota
	bkToolUse
	bkToolResult
	bkThinking
	bkRedacted
	bkImage
	bkPDF
)

// block is one content block of a message (or of a tool_result's content).
type block struct {
	path   []int // index in message.content, then in a tool_result's content
	kind   blockKind
	id     string // tool_use id, or the tool_result's tool_use_id
	signed bool   // a thinking block with a signature (redacted: with data)
	size   int64  // bytes of the block's JSON
	img    *session.ImageInfo
	pdf    *session.PDFInfo
}

// rec is what pass one keeps of a line on the conversation tree.
type rec struct {
	line    int
	off     int64
	n       int64
	eol     int
	entry   session.Entry
	msgSize int64   // bytes of "message"
	blocks  []block // the blocks repair looks at
	nTop    int     // top-level content blocks; -1 when content is a string
	sigErr  bool    // an API error message about a thinking signature
	cwd     string
}

// sent reports whether Claude Code puts the line in the request: user and
// assistant messages, but not the error messages it wrote itself.
func (r *rec) sent() bool {
	return (r.entry.Type == "user" || r.entry.Type == "assistant") && !r.entry.APIError && r.entry.Model != "<synthetic>"
}

// Report is the result of [Check].
type Report struct {
	// Lines and Bytes are the transcript's size.
	Lines int   `json:"lines"`
	Bytes int64 `json:"bytes"`
	// Session is the session id the lines name.
	Session string `json:"session,omitempty"`
	// Chain is how many lines are on the chain Claude Code sends on resume.
	Chain int `json:"chain"`
	// Leaf is the uuid the chain ends at.
	Leaf string `json:"leaf,omitempty"`
	// Findings are the problems found, in line order.
	Findings []Finding `json:"findings"`

	plan plan
}

// Clean reports whether nothing was found.
func (r *Report) Clean() bool { return len(r.Findings) == 0 }

// Mendable reports whether [Apply] would change anything.
func (r *Report) Mendable() bool { return len(r.plan.edits) > 0 }

// checker is one run of Check.
type checker struct {
	opts    Options
	tree    *session.Tree
	recs    []rec // by tree index
	damaged []Finding
	session string
	rep     *Report
	plan    plan
}

// Check reads a transcript from r, follows the chain Claude Code sends on
// resume, and returns what it finds with the mend for each. It reads r once
// and keeps only a few words per line; an error is returned only when r
// cannot be read.
func Check(r io.Reader, opts Options) (*Report, error) {
	opts.defaults()
	c := &checker{opts: opts, tree: session.NewTree(), rep: &Report{}, plan: newPlan()}
	rd := session.NewReader(r, opts.MaxLine)
	var d session.Doc
	for rd.Next() {
		c.line(rd.Line(), &d)
	}
	if err := rd.Err(); err != nil {
		return nil, err
	}
	c.analyze()
	return c.rep, nil
}

// line reads one line in pass one.
func (c *checker) line(l session.Line, d *session.Doc) {
	c.rep.Lines = l.No
	c.rep.Bytes = l.Offset + l.Len + int64(l.EOL)
	if l.TooLong {
		c.damage(l, LineTooLong)
		return
	}
	if len(bytes.TrimSpace(l.Bytes)) == 0 {
		return
	}
	if err := session.Parse(l.Bytes, d); err != nil {
		kind := LineInvalid
		if l.EOL == 0 {
			kind = LineTruncated
		}
		c.damage(l, kind)
		return
	}
	e, err := session.Envelope(d)
	if err != nil {
		c.damage(l, LineInvalid)
		return
	}
	if c.session == "" && e.SessionID != "" {
		c.session = e.SessionID
	}
	if !e.Chained() {
		return
	}
	// The tree index of the line is its index in c.recs.
	if c.tree.Add(l.No, &e) < 0 {
		return
	}
	r := rec{line: l.No, off: l.Offset, n: l.Len, eol: l.EOL, entry: e, nTop: -1}
	root := d.Root()
	r.cwd = root.Get("cwd").Str()
	msg := root.Get("message")
	if msg.Exists() {
		s, end := msg.Span()
		r.msgSize = int64(end - s)
	}
	content := msg.Get("content")
	if e.APIError {
		r.sigErr = mentionsSignature(root)
	}
	if content.Kind() == session.Array {
		elems := content.Elems()
		r.nTop = len(elems)
		for i, b := range elems {
			r.blocks = c.inspectBlock(r.blocks, b, []int{i})
		}
	}
	c.recs = append(c.recs, r)
}

// mentionsSignature reports whether an API error message is about a
// thinking block's signature ("Invalid signature in thinking block",
// Bedrock's "thinking.signature: Field required").
func mentionsSignature(root session.Value) bool {
	texts := []string{root.Get("errorDetails").Str()}
	for _, b := range root.Path("message", "content").Elems() {
		texts = append(texts, b.Get("text").Str())
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), "signature") {
			return true
		}
	}
	return false
}

// inspectBlock records a content block if it is one repair looks at.
func (c *checker) inspectBlock(out []block, b session.Value, path []int) []block {
	s, e := b.Span()
	bl := block{path: path, size: int64(e - s)}
	switch b.Get("type").Str() {
	case "tool_use", "server_tool_use":
		bl.kind, bl.id = bkToolUse, b.Get("id").Str()
	case "tool_result":
		bl.kind, bl.id = bkToolResult, b.Get("tool_use_id").Str()
		out = append(out, bl)
		if inner := b.Get("content"); inner.Kind() == session.Array {
			for j, ib := range inner.Elems() {
				out = c.inspectBlock(out, ib, append(slices.Clip(path), j))
			}
		}
		return out
	case "thinking":
		bl.kind = bkThinking
		sig := b.Get("signature")
		bl.signed = sig.Kind() == session.String && len(strings.TrimSpace(sig.Str())) > 0
	case "redacted_thinking":
		bl.kind = bkRedacted
		data := b.Get("data")
		bl.signed = data.Kind() == session.String && data.Str() != ""
	case "image":
		src := b.Get("source")
		if src.Get("type").Str() != "base64" {
			return out
		}
		bl.kind = bkImage
		info := session.InspectImage(src.Get("media_type").Str(), dataBytes(src.Get("data")))
		bl.img = &info
	case "document":
		src := b.Get("source")
		if src.Get("type").Str() != "base64" || src.Get("media_type").Str() != "application/pdf" {
			return out
		}
		bl.kind = bkPDF
		info := session.InspectPDF(dataBytes(src.Get("data")))
		bl.pdf = &info
	default:
		return out
	}
	return append(out, bl)
}

// dataBytes returns a string's content for base64 decoding: the raw bytes
// when it holds no escape (the usual case, no copy), else decoded.
func dataBytes(v session.Value) []byte {
	raw, escaped := v.StrBytes()
	if !escaped {
		return raw
	}
	return []byte(v.Str())
}

// damage records a line that cannot be read; it is dropped.
func (c *checker) damage(l session.Line, kind Kind) {
	f := Finding{Class: ClassDamage, Kind: kind, Line: l.No, Mend: Mend{Action: DropLine, Line: l.No}}
	if kind == LineTooLong {
		// Over the line limit, it could never fit in a request either.
		f.ID = catalog.RequestTooLarge
		f.Media = &Media{Type: "request", Bytes: l.Len}
	}
	c.damaged = append(c.damaged, f)
	e := c.plan.edit(l.No, l.Offset, l.Len, l.EOL)
	e.drop, e.long = true, l.TooLong
}

// pathString renders a block path as the mend shows it.
func pathString(path []int) string {
	var b strings.Builder
	b.WriteString("message.content")
	for i, p := range path {
		if i > 0 {
			b.WriteString(".content")
		}
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(p))
	}
	return b.String()
}

// humanBytes renders a size for placeholder texts: "12.3 MB", "480 KB".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
