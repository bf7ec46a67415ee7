package mock

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/internal/session"
)

// DirectivePrefix starts a line in a user message that tells a strict
// server to answer with a tool call instead of text:
//
//	ccerr-mock: tool <Name> <JSON input> [id=<tool_use id>]
//
// One block per such line (several make parallel calls). It is how a real
// client is driven through tool use on loopback, for instance to have
// Claude Code read a file or run a command; an id= repeated across turns
// makes the duplicate-id history the API rejects.
const DirectivePrefix = "ccerr-mock: tool "

// UnsignedDirective, on a line of its own in a user message, makes a strict
// server send the reply's thinking block without its signature, as a
// gateway that drops signature_delta events does.
const UnsignedDirective = "ccerr-mock: thinking unsigned"

// answer is what a strict server replies to a valid request.
type answer struct {
	thinking  string // a thinking block first, signed, when the request enables thinking
	signature string
	unsigned  bool // send the thinking block without its signature
	tools     []toolCall
}

type toolCall struct {
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Input json.RawMessage `json:"input"`
}

// plan reads what to answer from a valid request body.
func (st *strictState) plan(body []byte, reqID string) *answer {
	var d session.Doc
	if session.Parse(body, &d) != nil {
		return &answer{}
	}
	root := d.Root()
	a := &answer{}
	switch root.Path("thinking", "type").Str() {
	case "enabled", "adaptive":
		a.thinking = "The mock considered the request."
		a.signature = st.sign(a.thinking)
	}
	msgs := root.Get("messages").Elems()
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.Get("role").Str() == "system" {
			continue
		}
		if m.Get("role").Str() != "user" {
			break
		}
		a.tools, a.unsigned = directives(m.Get("content"), reqID)
		break
	}
	return a
}

// directives reads the directives of a user message: the tool calls to
// make (none when it carries tool results: the call already happened), and
// whether to leave the thinking block unsigned.
func directives(content session.Value, reqID string) (calls []toolCall, unsigned bool) {
	var texts []string
	switch content.Kind() {
	case session.String:
		texts = append(texts, content.Str())
	case session.Array:
		for _, b := range content.Elems() {
			switch b.Get("type").Str() {
			case "tool_result":
				return nil, false
			case "text":
				texts = append(texts, b.Get("text").Str())
			}
		}
	}
	for _, t := range texts {
		for line := range strings.Lines(t) {
			if strings.TrimSpace(line) == UnsignedDirective {
				unsigned = true
				continue
			}
			rest, ok := strings.CutPrefix(strings.TrimSpace(line), DirectivePrefix)
			if !ok {
				continue
			}
			name, input, _ := strings.Cut(rest, " ")
			id := ""
			if i := strings.LastIndex(input, " id="); i >= 0 {
				input, id = input[:i], input[i+4:]
			}
			input = strings.TrimSpace(input)
			if input == "" {
				input = "{}"
			}
			if name == "" || !json.Valid([]byte(input)) {
				continue
			}
			if id == "" {
				id = "toolu_" + strings.TrimPrefix(reqID, "req_") + "_" + strconv.Itoa(len(calls)+1)
			}
			calls = append(calls, toolCall{ID: id, Name: name, Input: json.RawMessage(input)})
		}
	}
	return calls, unsigned
}

// writeAnswer writes a strict server's reply: SSE when the request streams,
// JSON otherwise.
func (x *exchange) writeAnswer(a *answer) {
	stop := "end_turn"
	var content []any
	if a.thinking != "" {
		b := map[string]any{"type": "thinking", "thinking": a.thinking, "signature": a.signature}
		if a.unsigned {
			delete(b, "signature")
		}
		content = append(content, b)
	}
	if len(a.tools) > 0 {
		stop = "tool_use"
		for _, t := range a.tools {
			content = append(content, map[string]any{"type": "tool_use", "id": t.ID, "name": t.Name, "input": t.Input})
		}
	} else {
		content = append(content, map[string]any{"type": "text", "text": okText})
	}
	if !x.stream {
		msg := x.message(nil, &stop, 5)
		data, _ := json.Marshal(struct {
			message
			Content []any `json:"content"`
		}{msg, content})
		x.writeJSON(http.StatusOK, data, nil)
		return
	}
	sse := x.startSSE()
	sse.event("message_start", x.messageStart())
	sse.event("ping", map[string]any{"type": "ping"})
	for i, c := range content {
		b := c.(map[string]any)
		switch b["type"] {
		case "thinking":
			sse.event("content_block_start", map[string]any{"type": "content_block_start", "index": i,
				"content_block": map[string]any{"type": "thinking", "thinking": "", "signature": ""}})
			sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": i,
				"delta": map[string]any{"type": "thinking_delta", "thinking": b["thinking"]}})
			if sig, ok := b["signature"]; ok {
				sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": i,
					"delta": map[string]any{"type": "signature_delta", "signature": sig}})
			}
		case "tool_use":
			sse.event("content_block_start", map[string]any{"type": "content_block_start", "index": i,
				"content_block": map[string]any{"type": "tool_use", "id": b["id"], "name": b["name"], "input": map[string]any{}}})
			sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": i,
				"delta": map[string]any{"type": "input_json_delta", "partial_json": string(b["input"].(json.RawMessage))}})
		default:
			sse.event("content_block_start", map[string]any{"type": "content_block_start", "index": i,
				"content_block": map[string]any{"type": "text", "text": ""}})
			sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": i,
				"delta": map[string]any{"type": "text_delta", "text": b["text"]}})
		}
		sse.event("content_block_stop", map[string]any{"type": "content_block_stop", "index": i})
	}
	sse.event("message_delta", map[string]any{"type": "message_delta",
		"delta": map[string]any{"stop_reason": stop, "stop_sequence": nil},
		"usage": map[string]any{"output_tokens": 5}})
	sse.event("message_stop", map[string]any{"type": "message_stop"})
}
