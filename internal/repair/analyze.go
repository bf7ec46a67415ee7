package repair

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/session"
)

// Placeholder texts written into the transcript. The model reads them, so
// they are in English and say what happened.
const (
	lostResultText   = "ccerr repair: the result of this tool call was lost (the session stopped before it was recorded). Run the tool again if you still need its output."
	orphanText       = "[ccerr repair: removed a tool result whose tool call is not in the conversation]"
	dupUseText       = "[ccerr repair: removed a repeated tool call]"
	thinkingText     = "[ccerr repair: removed a thinking block the API cannot verify]"
	placeholderStart = "[ccerr repair: "
)

// turn is a run of sent lines with one role, which the API sees as one
// message.
type turn struct {
	role string
	recs []int // indexes into checker.recs
}

func (c *checker) analyze() {
	rep := c.rep
	rep.Session = c.session
	leaf := c.tree.Leaf()
	chain, breaks := c.tree.Chain(leaf)
	rep.Chain = len(chain)
	if leaf >= 0 {
		rep.Leaf = c.tree.Node(leaf).UUID
	}
	var found []Finding
	found = append(found, c.damaged...)
	for _, b := range breaks {
		r := &c.recs[b.Node]
		parent := ""
		if b.Relinked >= 0 {
			parent = c.recs[b.Relinked].entry.UUID
		}
		p := parent
		c.plan.editRec(r).parent = &p
		found = append(found, Finding{Class: ClassDamage, Kind: ParentMissing, Line: r.line, UUID: r.entry.UUID,
			Timestamp: r.entry.Timestamp, Parent: b.Missing, Mend: Mend{Action: Relink, Line: r.line, Parent: parent}})
	}

	var turns []turn
	for _, i := range chain {
		r := &c.recs[i]
		if !r.sent() {
			continue
		}
		if n := len(turns); n > 0 && turns[n-1].role == r.entry.Type {
			turns[n-1].recs = append(turns[n-1].recs, i)
			continue
		}
		turns = append(turns, turn{role: r.entry.Type, recs: []int{i}})
	}
	found = append(found, c.tools(turns, chain)...)
	found = append(found, c.thinking(turns, chain)...)
	found = append(found, c.media(turns)...)

	slices.SortStableFunc(found, func(a, b Finding) int { return a.Line - b.Line })
	rep.Findings = found
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	rep.plan = c.plan
}

// finding starts a finding about a line on the tree.
func (c *checker) finding(r *rec, class Class, kind Kind, id catalog.ID) Finding {
	return Finding{Class: class, Kind: kind, Line: r.line, UUID: r.entry.UUID, Timestamp: r.entry.Timestamp, ID: id}
}

// dropBlock plans the removal of a block; a line left with no block gets
// the text instead.
func (c *checker) dropBlock(r *rec, path []int, text string) Mend {
	e := c.plan.editRec(r)
	e.blocks[pathString(path)] = blockEdit{path: path, drop: true}
	if len(path) == 1 {
		e.emptyText = text
	}
	return Mend{Action: DropBlock, Line: r.line, Path: pathString(path)}
}

// replaceBlock plans the replacement of a block with a text block.
func (c *checker) replaceBlock(r *rec, path []int, text string) Mend {
	c.plan.editRec(r).blocks[pathString(path)] = blockEdit{path: path, text: text}
	return Mend{Action: ReplaceBlock, Line: r.line, Path: pathString(path), Text: text}
}

// tools checks tool_use and tool_result pairing across turns.
func (c *checker) tools(turns []turn, chain []int) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for ti, t := range turns {
		if t.role == "user" {
			if ti > 0 && turns[ti-1].role == "assistant" {
				continue // checked with the assistant turn before it
			}
			// Nothing before it can hold the calls its results answer.
			for _, ri := range t.recs {
				r := &c.recs[ri]
				for _, b := range r.blocks {
					if b.kind == bkToolResult {
						f := c.finding(r, ClassTool, ToolResultOrphan, catalog.ToolUseMismatch)
						f.ToolUseID, f.Mend = b.id, c.dropBlock(r, b.path, orphanText)
						out = append(out, f)
					}
				}
			}
			continue
		}
		var uses []string
		useRec := map[string]*rec{}
		for _, ri := range t.recs {
			r := &c.recs[ri]
			for _, b := range r.blocks {
				if b.kind != bkToolUse {
					continue
				}
				if seen[b.id] {
					f := c.finding(r, ClassTool, ToolUseDuplicate, catalog.ToolUseMismatch)
					f.ToolUseID, f.Mend = b.id, c.dropBlock(r, b.path, dupUseText)
					out = append(out, f)
					continue
				}
				seen[b.id] = true
				uses = append(uses, b.id)
				useRec[b.id] = r
			}
		}
		have := map[string]bool{}
		if ti+1 < len(turns) {
			for _, ri := range turns[ti+1].recs {
				r := &c.recs[ri]
				for _, b := range r.blocks {
					if b.kind != bkToolResult {
						continue
					}
					kind := Kind("")
					switch {
					case !slices.Contains(uses, b.id):
						kind = ToolResultOrphan
					case have[b.id]:
						kind = ToolResultDuplicate
					}
					if kind == "" {
						have[b.id] = true
						continue
					}
					f := c.finding(r, ClassTool, kind, catalog.ToolUseMismatch)
					f.ToolUseID, f.Mend = b.id, c.dropBlock(r, b.path, orphanText)
					out = append(out, f)
				}
			}
		}
		var missing []string
		for _, id := range uses {
			if !have[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			continue
		}
		last := &c.recs[t.recs[len(t.recs)-1]]
		ins := &insertion{uuid: newUUID(last.entry.UUID, missing[0]), results: missing, text: lostResultText}
		c.plan.editRec(last).insert = ins
		// The chain continues through the new line.
		if pos := slices.Index(chain, t.recs[len(t.recs)-1]); pos >= 0 && pos+1 < len(chain) {
			next := &c.recs[chain[pos+1]]
			u := ins.uuid
			c.plan.editRec(next).parent = &u
		}
		for _, id := range missing {
			f := c.finding(useRec[id], ClassTool, ToolResultMissing, catalog.ToolUseMismatch)
			f.ToolUseID = id
			f.Mend = Mend{Action: AddToolResult, Line: last.line, UUID: ins.uuid, Text: lostResultText}
			out = append(out, f)
		}
	}
	return out
}

// thinking checks the thinking blocks of the assistant turns.
func (c *checker) thinking(turns []turn, chain []int) []Finding {
	current := ""
	for _, t := range turns {
		if t.role == "assistant" {
			for _, ri := range t.recs {
				if m := c.recs[ri].entry.Model; m != "" {
					current = m
				}
			}
		}
	}
	// Every signed block before the last API error about a signature was
	// made by a signer the API no longer accepts.
	rejectedBefore := -1
	for _, i := range chain {
		if c.recs[i].sigErr {
			rejectedBefore = c.recs[i].line
		}
	}
	var out []Finding
	for _, t := range turns {
		if t.role != "assistant" {
			continue
		}
		for _, ri := range t.recs {
			r := &c.recs[ri]
			for _, b := range r.blocks {
				if b.kind != bkThinking && b.kind != bkRedacted {
					continue
				}
				var f Finding
				switch {
				case !b.signed:
					f = c.finding(r, ClassThinking, ThinkingUnsigned, catalog.ToolUseMismatch)
				case c.opts.DropThinking || r.line < rejectedBefore:
					f = c.finding(r, ClassThinking, ThinkingRejected, catalog.ToolUseMismatch)
				case r.entry.Model != "" && current != "" && r.entry.Model != current:
					f = c.finding(r, ClassThinking, ThinkingModel, catalog.ToolUseMismatch)
					f.Model, f.Current = r.entry.Model, current
				default:
					continue
				}
				f.Mend = c.dropBlock(r, b.path, thinkingText)
				out = append(out, f)
			}
		}
	}
	return out
}

// mediaRef is an image or PDF on the chain.
type mediaRef struct {
	r *rec
	b *block
}

// media checks images, PDFs and the request's size.
func (c *checker) media(turns []turn) []Finding {
	var out []Finding
	var images, pdfs []mediaRef
	var total int64 = requestOverhead
	for _, t := range turns {
		for _, ri := range t.recs {
			r := &c.recs[ri]
			total += r.msgSize
			if t.role != "user" {
				continue
			}
			for bi := range r.blocks {
				b := &r.blocks[bi]
				if c.plan.dropped(r, b.path) {
					continue
				}
				switch b.kind {
				case bkImage:
					images = append(images, mediaRef{r, b})
				case bkPDF:
					pdfs = append(pdfs, mediaRef{r, b})
				}
			}
		}
	}
	remove := func(m mediaRef, kind Kind, id catalog.ID, md *Media, why string) {
		f := c.finding(m.r, ClassMedia, kind, id)
		f.Media = md
		f.Mend = c.replaceBlock(m.r, m.b.path, placeholderStart+why+"]")
		out = append(out, f)
		total += int64(len(textBlock(f.Mend.Text))) - m.b.size
	}
	var kept []mediaRef
	for _, m := range images {
		img := m.b.img
		md := imageMedia(img)
		switch {
		case img.Bad != "":
			md.Reason = img.Bad
			remove(m, ImageUnreadable, catalog.ImageTooLarge, md, "removed an image the API cannot process: "+img.Bad)
		case img.Bytes > c.opts.ImageBytes:
			md.Limit = c.opts.ImageBytes
			remove(m, ImageTooLarge, catalog.ImageTooLarge, md, fmt.Sprintf("removed an image (%s) over the %s image size limit", describeImage(img), humanBytes(c.opts.ImageBytes)))
		case max(img.Width, img.Height) > DefaultMaxSide:
			md.Limit = DefaultMaxSide
			remove(m, ImageTooWide, catalog.ImageTooLarge, md, fmt.Sprintf("removed an image (%s) over the API's %d px limit", describeImage(img), DefaultMaxSide))
		default:
			kept = append(kept, m)
		}
	}
	if n := len(kept); n > c.opts.MaxImages {
		for _, m := range kept[:n-c.opts.MaxImages] {
			md := imageMedia(m.b.img)
			md.Count, md.Limit = n, int64(c.opts.MaxImages)
			remove(m, ImagesTooMany, catalog.ImageTooLarge, md, fmt.Sprintf("removed an older image (%s): the conversation held %d images, more than the %d a request may carry", describeImage(m.b.img), n, c.opts.MaxImages))
		}
		kept = kept[n-c.opts.MaxImages:]
	}
	if n := len(kept); n > DefaultManyImages {
		var still []mediaRef
		for _, m := range kept {
			img := m.b.img
			if max(img.Width, img.Height) <= DefaultManySide {
				still = append(still, m)
				continue
			}
			md := imageMedia(img)
			md.Count, md.Limit = n, DefaultManySide
			remove(m, ImageManyTooWide, catalog.ImageTooLarge, md, fmt.Sprintf("removed an image (%s) over the %d px limit for requests with more than %d images", describeImage(img), DefaultManySide, DefaultManyImages))
		}
		kept = still
	}
	var keptPDF []mediaRef
	for _, m := range pdfs {
		p := m.b.pdf
		md := &Media{Type: "pdf", Bytes: p.B64, Pages: p.Pages}
		switch {
		case p.Bad != "":
			md.Reason = p.Bad
			remove(m, PDFInvalid, catalog.PDFUnreadable, md, "removed a PDF the API cannot read: "+p.Bad)
		case p.Encrypted:
			remove(m, PDFEncrypted, catalog.PDFUnreadable, md, "removed a password-protected PDF")
		case p.Pages > DefaultPDFPages:
			md.Limit = DefaultPDFPages
			remove(m, PDFTooLarge, catalog.PDFUnreadable, md, fmt.Sprintf("removed a PDF of %d pages, over the API's %d-page limit", p.Pages, DefaultPDFPages))
		case p.Bytes > DefaultPDFBytes:
			md.Limit = DefaultPDFBytes
			remove(m, PDFTooLarge, catalog.PDFUnreadable, md, fmt.Sprintf("removed a PDF of %s, over the API's %s limit", humanBytes(p.Bytes), humanBytes(DefaultPDFBytes)))
		default:
			keptPDF = append(keptPDF, m)
		}
	}
	if total <= c.opts.RequestBytes {
		return out
	}
	// Still over the request limit: replace media, oldest first.
	rest := append(kept, keptPDF...)
	slices.SortStableFunc(rest, func(a, b mediaRef) int { return a.r.line - b.r.line })
	for _, m := range rest {
		if total <= c.opts.RequestBytes {
			return out
		}
		md := &Media{Type: "request", Bytes: total, Limit: c.opts.RequestBytes}
		what := "a PDF"
		if m.b.kind == bkImage {
			what = "an image (" + describeImage(m.b.img) + ")"
		}
		remove(m, RequestTooLarge, catalog.RequestTooLarge, md, fmt.Sprintf("removed %s: the conversation was over the API's %s request limit", what, humanBytes(c.opts.RequestBytes)))
	}
	if total > c.opts.RequestBytes && len(turns) > 0 {
		// Nothing left to remove: only compaction can shrink it.
		last := &c.recs[turns[len(turns)-1].recs[0]]
		f := c.finding(last, ClassMedia, RequestTooLarge, catalog.RequestTooLarge)
		f.Media = &Media{Type: "request", Bytes: total, Limit: c.opts.RequestBytes}
		f.Mend = Mend{Action: NoMend, Line: last.line}
		out = append(out, f)
	}
	return out
}

func imageMedia(img *session.ImageInfo) *Media {
	md := &Media{Type: "image", Format: img.Format, Bytes: img.Bytes, Width: img.Width, Height: img.Height}
	if md.Format == "" {
		md.Format = img.Declared
	}
	return md
}

// describeImage says "PNG, 9000×600 px, 1.2 MB" for placeholder texts.
func describeImage(img *session.ImageInfo) string {
	parts := []string{}
	if img.Format != "" {
		parts = append(parts, strings.ToUpper(img.Format))
	}
	if img.Width > 0 {
		parts = append(parts, fmt.Sprintf("%d×%d px", img.Width, img.Height))
	}
	parts = append(parts, humanBytes(img.Bytes))
	return strings.Join(parts, ", ")
}

// dropped reports whether a block (or the tool_result holding it) is
// already planned to go.
func (p *plan) dropped(r *rec, path []int) bool {
	e, ok := p.edits[r.line]
	if !ok {
		return false
	}
	for i := 1; i <= len(path); i++ {
		if be, ok := e.blocks[pathString(path[:i])]; ok && (be.drop || be.text != "") {
			return true
		}
	}
	return false
}

// newUUID derives a stable uuid (version 4 layout) for an inserted line,
// so that the same repair of the same file writes the same bytes.
func newUUID(parts ...string) string {
	h := sha256.Sum256([]byte("ccerr-repair\x00" + strings.Join(parts, "\x00")))
	h[6] = h[6]&0x0f | 0x40
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
