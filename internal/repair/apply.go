package repair

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/ccerr/ccerr/internal/session"
)

// ErrMismatch is returned by [Apply] when the transcript is not the one the
// report was made from.
var ErrMismatch = errors.New("repair: the transcript differs from the one checked")

// Apply writes to dst the transcript read from src with the report's mends
// made. src must hold the same bytes [Check] read. Lines no mend names are
// copied byte for byte, in order; only the lines the mends name are parsed.
func Apply(dst io.Writer, src io.Reader, rep *Report) error {
	var pos int64
	var d session.Doc
	var buf []byte
	for _, e := range rep.plan.sorted() {
		if e.off < pos {
			return ErrMismatch
		}
		if _, err := io.CopyN(dst, src, e.off-pos); err != nil {
			return fmt.Errorf("repair: copy: %w", err)
		}
		size := e.n + int64(e.eol)
		if e.long {
			// A line too long to keep: skip it without holding it.
			if _, err := io.CopyN(io.Discard, src, size); err != nil {
				return ErrMismatch
			}
			pos = e.off + size
			continue
		}
		if int64(cap(buf)) < size {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if _, err := io.ReadFull(src, buf); err != nil {
			return ErrMismatch
		}
		pos = e.off + size
		if e.drop {
			continue
		}
		line, eolBytes := buf[:e.n], buf[e.n:]
		out, tmpl, err := e.render(line, &d)
		if err != nil {
			return err
		}
		if _, err := dst.Write(out); err != nil {
			return err
		}
		if e.insert != nil {
			if len(eolBytes) == 0 {
				eolBytes = []byte("\n")
			}
			if _, err := dst.Write(eolBytes); err != nil {
				return err
			}
			if _, err := dst.Write(e.insert.line(e.uuid, tmpl)); err != nil {
				return err
			}
			eolBytes = []byte("\n")
			if e.eol == 0 {
				eolBytes = nil
			}
		}
		if _, err := dst.Write(eolBytes); err != nil {
			return err
		}
	}
	if _, err := io.Copy(dst, src); err != nil {
		return fmt.Errorf("repair: copy: %w", err)
	}
	return nil
}

// template is what an inserted line copies from the line it follows.
type template struct {
	timestamp, sessionID, cwd, version, gitBranch, userType, entrypoint string
}

// render applies a line's edits. It also returns the line's fields an
// inserted line copies.
func (e *lineEdit) render(line []byte, d *session.Doc) ([]byte, template, error) {
	if err := session.Parse(line, d); err != nil {
		return nil, template{}, ErrMismatch
	}
	root := d.Root()
	if root.Get("uuid").Str() != e.uuid {
		return nil, template{}, ErrMismatch
	}
	t := template{
		timestamp: root.Get("timestamp").Str(), sessionID: root.Get("sessionId").Str(), cwd: root.Get("cwd").Str(),
		version: root.Get("version").Str(), gitBranch: root.Get("gitBranch").Str(),
		userType: root.Get("userType").Str(), entrypoint: root.Get("entrypoint").Str(),
	}
	if e.parent == nil && len(e.blocks) == 0 {
		return line, t, nil
	}
	ed := d.Edit()
	if e.parent != nil {
		v := []byte("null")
		if *e.parent != "" {
			v, _ = json.Marshal(*e.parent)
		}
		if pu := root.Get("parentUuid"); pu.Exists() {
			ed.Replace(pu, v)
		}
	}
	content := root.Path("message", "content")
	top := content.Elems()
	dropped := 0
	for _, be := range e.blocks {
		v := blockAt(content, be.path)
		if !v.Exists() {
			return nil, t, ErrMismatch
		}
		if be.drop {
			ed.Delete(v)
			if len(be.path) == 1 {
				dropped++
			}
			continue
		}
		ed.Replace(v, textBlock(be.text))
	}
	if dropped > 0 && dropped == len(top) {
		// The API refuses a message with no content: leave a text block.
		ed.Replace(content, append(append([]byte("["), textBlock(e.emptyText)...), ']'))
	}
	return ed.Bytes(), t, nil
}

// blockAt finds a block by its path: an index in content, then in a
// tool_result's content.
func blockAt(content session.Value, path []int) session.Value {
	v := content
	for i, p := range path {
		if i > 0 {
			v = v.Get("content")
		}
		elems := v.Elems()
		if v.Kind() != session.Array || p >= len(elems) {
			return session.Value{}
		}
		v = elems[p]
	}
	return v
}

// textBlock is a text content block in compact JSON.
func textBlock(text string) []byte {
	b, _ := marshalCompact(struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}{"text", text})
	return b
}

// line renders the inserted user line: one error tool_result per lost
// result, in Claude Code's compact form and field order.
func (in *insertion) line(parent string, t template) []byte {
	type result struct {
		Type      string `json:"type"`
		ToolUseID string `json:"tool_use_id"`
		Content   string `json:"content"`
		IsError   bool   `json:"is_error"`
	}
	type message struct {
		Role    string   `json:"role"`
		Content []result `json:"content"`
	}
	type line struct {
		ParentUUID    string  `json:"parentUuid"`
		IsSidechain   bool    `json:"isSidechain"`
		Type          string  `json:"type"`
		Message       message `json:"message"`
		UUID          string  `json:"uuid"`
		Timestamp     string  `json:"timestamp,omitempty"`
		ToolUseResult string  `json:"toolUseResult"`
		UserType      string  `json:"userType,omitempty"`
		Entrypoint    string  `json:"entrypoint,omitempty"`
		Cwd           string  `json:"cwd,omitempty"`
		SessionID     string  `json:"sessionId,omitempty"`
		Version       string  `json:"version,omitempty"`
		GitBranch     string  `json:"gitBranch,omitempty"`
	}
	l := line{ParentUUID: parent, Type: "user", UUID: in.uuid, Timestamp: t.timestamp, ToolUseResult: "Error: " + in.text,
		UserType: t.userType, Entrypoint: t.entrypoint, Cwd: t.cwd, SessionID: t.sessionID, Version: t.version, GitBranch: t.gitBranch}
	l.Message.Role = "user"
	for _, id := range in.results {
		l.Message.Content = append(l.Message.Content, result{Type: "tool_result", ToolUseID: id, Content: in.text, IsError: true})
	}
	var b []byte
	b, _ = marshalCompact(l)
	return b
}

// marshalCompact is json.Marshal without HTML escaping, as JSON.stringify
// writes ("<" stays "<").
func marshalCompact(v any) ([]byte, error) {
	var w bytesWriter
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return w.b[:len(w.b)-1], nil
}

type bytesWriter struct{ b []byte }

func (w *bytesWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
