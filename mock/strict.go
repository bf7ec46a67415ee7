package mock

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/ccerr/ccerr/internal/session"
)

// The limits a strict server holds requests to (FACTS §2).
const (
	strictImageBytes = 10 << 20 // base64 bytes of one image, direct API
	strictMaxSide    = 8000
	strictManySide   = 2000
	strictManyImages = 20
	strictMaxImages  = 100
	strictPDFPages   = 100
)

// strictState is what a strict server keeps: the key its thinking
// signatures are made with.
type strictState struct {
	key []byte
}

// newStrict makes the state of a strict server. A nil key means a random
// one, so that no other server (and no real API) can sign for it.
func newStrict(key []byte) *strictState {
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	return &strictState{key: key}
}

// sign is the signature the server gives a thinking block: an HMAC of the
// thinking text under the server's key.
func (st *strictState) sign(thinking string) string {
	m := hmac.New(sha256.New, st.key)
	m.Write([]byte(thinking))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// verify reports whether sig is the server's signature of thinking.
func (st *strictState) verify(thinking, sig string) bool {
	want := st.sign(thinking)
	return hmac.Equal([]byte(want), []byte(sig))
}

// rejection is a strict server's answer to a request the API refuses.
type rejection struct {
	status  int
	errType string
	message string
}

func badRequest(format string, args ...any) *rejection {
	return &rejection{status: 400, errType: "invalid_request_error", message: fmt.Sprintf(format, args...)}
}

// validate checks a request body as the Messages API does and returns the
// first problem, or nil. Messages with the role "system" (Claude Code puts
// some context there) are skipped when pairing turns.
func (st *strictState) validate(body []byte) *rejection {
	var d session.Doc
	if err := session.Parse(body, &d); err != nil {
		return badRequest("There was an issue with your request: the body is not valid JSON (%v)", err)
	}
	msgs := d.Root().Get("messages")
	if msgs.Kind() != session.Array {
		return badRequest("messages: Field required")
	}
	type turn struct {
		idx    int
		role   string
		blocks []session.Value
	}
	var turns []turn
	for i, m := range msgs.Elems() {
		role := m.Get("role").Str()
		if role == "system" {
			continue
		}
		var blocks []session.Value
		if c := m.Get("content"); c.Kind() == session.Array {
			blocks = c.Elems()
		}
		turns = append(turns, turn{i, role, blocks})
	}

	// Tool history.
	seen := map[string]bool{}
	for ti, t := range turns {
		var uses []string
		for bi, b := range t.blocks {
			switch b.Get("type").Str() {
			case "tool_use":
				if t.role != "assistant" {
					continue
				}
				id := b.Get("id").Str()
				if seen[id] {
					return badRequest("messages.%d.content.%d: `tool_use` ids must be unique", t.idx, bi)
				}
				seen[id] = true
				uses = append(uses, id)
			case "tool_result":
				id := b.Get("tool_use_id").Str()
				if t.role != "user" || ti == 0 || !calls(turns[ti-1].role, turns[ti-1].blocks, id) {
					return badRequest("messages.%d.content.%d: unexpected `tool_use_id` found in `tool_result` blocks: %s. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.", t.idx, bi, id)
				}
			}
		}
		if len(uses) == 0 {
			continue
		}
		var missing []string
		have := map[string]bool{}
		if ti+1 < len(turns) && turns[ti+1].role == "user" {
			for _, b := range turns[ti+1].blocks {
				if b.Get("type").Str() == "tool_result" {
					have[b.Get("tool_use_id").Str()] = true
				}
			}
		}
		if ti+1 == len(turns) {
			continue // the last turn: the client is asking for a continuation
		}
		for _, id := range uses {
			if !have[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			return badRequest("messages.%d: `tool_use` ids were found without `tool_result` blocks immediately after: %s. Each `tool_use` block must have a corresponding `tool_result` block in the next message.", t.idx, strings.Join(missing, ", "))
		}
	}

	// Thinking signatures.
	for _, t := range turns {
		if t.role != "assistant" {
			continue
		}
		for bi, b := range t.blocks {
			switch b.Get("type").Str() {
			case "thinking":
				sig := b.Get("signature")
				if sig.Kind() != session.String {
					return badRequest("messages.%d.content.%d.thinking.signature: Field required", t.idx, bi)
				}
				if !st.verify(b.Get("thinking").Str(), sig.Str()) {
					return badRequest("messages.%d.content.%d: Invalid signature in thinking block", t.idx, bi)
				}
			case "redacted_thinking":
				return badRequest("messages.%d.content.%d: Invalid signature in thinking block", t.idx, bi)
			}
		}
	}

	// Media, in user turns, also inside tool results.
	type img struct {
		path string
		info session.ImageInfo
	}
	var imgs []img
	for _, t := range turns {
		for bi, b := range t.blocks {
			path := fmt.Sprintf("messages.%d.content.%d", t.idx, bi)
			inner := []session.Value{b}
			paths := []string{path}
			if b.Get("type").Str() == "tool_result" {
				inner, paths = nil, nil
				for j, ib := range b.Get("content").Elems() {
					inner = append(inner, ib)
					paths = append(paths, fmt.Sprintf("%s.content.%d", path, j))
				}
			}
			for k, ib := range inner {
				src := ib.Get("source")
				if src.Get("type").Str() != "base64" {
					continue
				}
				data := []byte(src.Get("data").Str())
				switch ib.Get("type").Str() {
				case "image":
					info := session.InspectImage(src.Get("media_type").Str(), data)
					if info.Bad != "" {
						return badRequest("%s.image.source.base64.data: Could not process image", paths[k])
					}
					if info.Bytes > strictImageBytes {
						return badRequest("%s.image.source.base64: image exceeds 10 MB maximum: %d bytes > %d bytes", paths[k], info.Bytes, strictImageBytes)
					}
					if max(info.Width, info.Height) > strictMaxSide {
						return badRequest("%s.image.source.base64.data: image dimensions exceed max allowed size: %d pixels", paths[k], strictMaxSide)
					}
					imgs = append(imgs, img{paths[k], info})
				case "document":
					if src.Get("media_type").Str() != "application/pdf" {
						continue
					}
					info := session.InspectPDF(data)
					switch {
					case info.Bad != "":
						return badRequest("%s.pdf.source.base64.data: The PDF specified was not valid.", paths[k])
					case info.Encrypted:
						return badRequest("%s.pdf.source.base64.data: The PDF specified is password protected.", paths[k])
					case info.Pages > strictPDFPages:
						return badRequest("%s.pdf.source.base64.data: A maximum of %d PDF pages may be provided.", paths[k], strictPDFPages)
					}
				}
			}
		}
	}
	if len(imgs) > strictMaxImages {
		return badRequest("messages: Too many images in this request: %d, the maximum is %d.", len(imgs), strictMaxImages)
	}
	if len(imgs) > strictManyImages {
		for _, im := range imgs {
			if max(im.info.Width, im.info.Height) > strictManySide {
				return badRequest("%s.image.source.base64.data: At least one of the image dimensions exceed max allowed size for many-image requests: %d pixels", im.path, strictManySide)
			}
		}
	}
	return nil
}

// calls reports whether a turn is an assistant turn that calls tool id.
func calls(role string, blocks []session.Value, id string) bool {
	if role != "assistant" {
		return false
	}
	for _, b := range blocks {
		if b.Get("type").Str() == "tool_use" && b.Get("id").Str() == id {
			return true
		}
	}
	return false
}

// reject writes a rejection as the API's error body.
func (x *exchange) reject(r *rejection) {
	x.writeError(r.status, r.errType, r.message, nil)
}

// strictCheck validates a request on a strict server. A request the API
// would refuse is recorded and answered here, and strictCheck returns true;
// otherwise the reply to give is planned and the scenario plays.
func (s *Server) strictCheck(x *exchange, rec *Request, body []byte) bool {
	if rej := s.strict.validate(body); rej != nil {
		rec.Scenario, rec.Status = "strict", rej.status
		s.finish(*rec)
		x.reject(rej)
		return true
	}
	x.answer = s.strict.plan(body, x.id)
	return false
}

// keep returns the first limit bytes of body (none when limit < 0), the
// part [Request.Body] records.
func keep(body []byte, limit int) []byte {
	if limit < 0 {
		return nil
	}
	if len(body) > limit {
		return body[:limit]
	}
	return body
}
