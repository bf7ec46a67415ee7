package mock

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// okText is the answer of the ok scenario.
const okText = "Hello from ccerr mock."

// usage is the token count the mock reports.
type usage struct {
	InputTokens  int `json:"input_tokens"`
	OutputTokens int `json:"output_tokens"`
}

// message is a Messages API response object.
type message struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Role         string  `json:"role"`
	Model        string  `json:"model"`
	Content      []block `json:"content"`
	StopReason   *string `json:"stop_reason"`
	StopSequence *string `json:"stop_sequence"`
	Usage        usage   `json:"usage"`
}

type block struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func (x *exchange) message(content []block, stop *string, out int) message {
	return message{
		ID:         "msg_" + strings.TrimPrefix(x.id, "req_"),
		Type:       "message",
		Role:       "assistant",
		Model:      x.model,
		Content:    content,
		StopReason: stop,
		Usage:      usage{InputTokens: 8, OutputTokens: out},
	}
}

// writeOK answers with a valid response: SSE when the request streams,
// JSON otherwise.
func (x *exchange) writeOK() {
	if x.answer != nil {
		x.writeAnswer(x.answer)
		return
	}
	if !x.stream {
		end := "end_turn"
		data, _ := json.Marshal(x.message([]block{{Type: "text", Text: okText}}, &end, 5))
		x.writeJSON(http.StatusOK, data, nil)
		return
	}
	sse := x.startSSE()
	x.streamHead(sse)
	sse.event("content_block_delta", map[string]any{"type": "content_block_delta", "index": 0,
		"delta": map[string]any{"type": "text_delta", "text": okText}})
	sse.event("content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
	sse.event("message_delta", map[string]any{"type": "message_delta",
		"delta": map[string]any{"stop_reason": "end_turn", "stop_sequence": nil},
		"usage": map[string]any{"output_tokens": 5}})
	sse.event("message_stop", map[string]any{"type": "message_stop"})
}

func (x *exchange) messageStart() any {
	return map[string]any{"type": "message_start", "message": x.message([]block{}, nil, 1)}
}

// streamHead sends the events every stream begins with: message_start,
// an empty text block, and a ping.
func (x *exchange) streamHead(sse *sseWriter) {
	sse.event("message_start", x.messageStart())
	sse.event("content_block_start", map[string]any{"type": "content_block_start", "index": 0,
		"content_block": block{Type: "text", Text: ""}})
	sse.event("ping", map[string]any{"type": "ping"})
}

// sseWriter writes server-sent events, flushing each one.
type sseWriter struct {
	w  io.Writer
	rc *http.ResponseController
}

func (x *exchange) startSSE() *sseWriter {
	h := x.w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("request-id", x.id)
	x.w.WriteHeader(http.StatusOK)
	return &sseWriter{w: x.w, rc: http.NewResponseController(x.w)}
}

func (s *sseWriter) event(name string, data any) {
	b, _ := json.Marshal(data)
	_, _ = fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", name, b)
	_ = s.rc.Flush()
}
