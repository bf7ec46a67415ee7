package mock

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"
)

func strictPNG(w, h int) string {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

func imageJSON(w, h int) string {
	return fmt.Sprintf(`{"type":"image","source":{"type":"base64","media_type":"image/png","data":%q}}`, strictPNG(w, h))
}

func pdfJSON(pages int, encrypted bool) string {
	doc := fmt.Sprintf("%%PDF-1.7\n1 0 obj\n<< /Type /Pages /Count %d >>\nendobj\ntrailer\n<< /Root 1 0 R ", pages)
	if encrypted {
		doc += "/Encrypt 5 0 R "
	}
	doc += ">>\n%%EOF\n"
	return fmt.Sprintf(`{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":%q}}`, base64.StdEncoding.EncodeToString([]byte(doc)))
}

// msgs wraps messages (raw JSON, comma-separated) in a request body.
func msgs(m string) string {
	return `{"model":"claude-opus-5-5","max_tokens":64,"messages":[` + m + `]}`
}

func TestStrictRejectsWhatTheAPIRejects(t *testing.T) {
	use := `{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01A","name":"Bash","input":{}}]}`
	many := make([]string, 21)
	for i := range many {
		many[i] = imageJSON(2001, 1)
	}
	for _, tc := range []struct {
		name, body string
		status     int
		message    string // "" for a valid request
	}{
		{"valid", msgs(`{"role":"user","content":"hi"},` + use + `,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"ok"}]}`), 200, ""},
		{"system role messages are skipped", msgs(`{"role":"user","content":"hi"},{"role":"system","content":"ctx"},` + use + `,{"role":"system","content":"ctx"},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"ok"}]}`), 200, ""},
		{"tool_use without result", msgs(`{"role":"user","content":"hi"},` + use + `,{"role":"user","content":"next"}`), 400,
			"messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message."},
		{"orphan tool_result", msgs(`{"role":"user","content":"hi"},{"role":"assistant","content":"ok"},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01ABC","content":"x"}]}`), 400,
			"messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01ABC. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."},
		{"duplicate tool_use id", msgs(`{"role":"user","content":"hi"},` + use + `,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"1"}]},` + use + `,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"2"}]}`), 400,
			"messages.3.content.0: `tool_use` ids must be unique"},
		{"image over 8000 px", msgs(`{"role":"user","content":[{"type":"text","text":"see"},` + imageJSON(8001, 1) + `]}`), 400,
			"messages.0.content.1.image.source.base64.data: image dimensions exceed max allowed size: 8000 pixels"},
		{"image in a tool result", msgs(`{"role":"user","content":"hi"},` + use + `,{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":[` + imageJSON(9000, 2) + `]}]}`), 400,
			"messages.2.content.0.content.0.image.source.base64.data: image dimensions exceed max allowed size: 8000 pixels"},
		{"many images over 2000 px", msgs(`{"role":"user","content":[` + strings.Join(many, ",") + `]}`), 400,
			"messages.0.content.0.image.source.base64.data: At least one of the image dimensions exceed max allowed size for many-image requests: 2000 pixels"},
		{"unreadable image", msgs(`{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"aGVsbG8="}}]}`), 400,
			"messages.0.content.0.image.source.base64.data: Could not process image"},
		{"pdf over 100 pages", msgs(`{"role":"user","content":[` + pdfJSON(101, false) + `]}`), 400,
			"messages.0.content.0.pdf.source.base64.data: A maximum of 100 PDF pages may be provided."},
		{"encrypted pdf", msgs(`{"role":"user","content":[` + pdfJSON(1, true) + `]}`), 400,
			"messages.0.content.0.pdf.source.base64.data: The PDF specified is password protected."},
		{"thinking without signature", msgs(`{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"ok"}]},{"role":"user","content":"more"}`), 400,
			"messages.1.content.0.thinking.signature: Field required"},
		{"thinking signed elsewhere", msgs(`{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"EqQBCkYIBxgCKkDsig"},{"type":"text","text":"ok"}]},{"role":"user","content":"more"}`), 400,
			"messages.1.content.0: Invalid signature in thinking block"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, Config{Strict: true})
			resp, body, err := post(t, s.Client(), s.URL+"/v1/messages", tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if tc.message == "" {
				return
			}
			var eb errorBody
			if err := json.Unmarshal([]byte(body), &eb); err != nil {
				t.Fatal(err)
			}
			if eb.Type != "error" || eb.Error.Type != "invalid_request_error" || eb.Error.Message != tc.message || eb.RequestID != resp.Header.Get("request-id") {
				t.Errorf("body %s\nwant message %q", body, tc.message)
			}
			if got := s.Requests()[0]; got.Scenario != "strict" || got.Status != tc.status {
				t.Errorf("recorded %q %d", got.Scenario, got.Status)
			}
		})
	}
}

// TestStrictSignsItsOwnThinking: a thinking block a strict server issued
// verifies on that server and fails on another, as a block from another
// provider fails on the API.
func TestStrictSignsItsOwnThinking(t *testing.T) {
	a := start(t, Config{Strict: true})
	b := start(t, Config{Strict: true})
	first := `{"model":"claude-opus-5-5","max_tokens":64,"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"hi"}]}`
	resp, body, err := post(t, a.Client(), a.URL+"/v1/messages", first)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v %s", err, resp, body)
	}
	var m struct {
		Content []json.RawMessage `json:"content"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil || len(m.Content) != 2 || !strings.Contains(string(m.Content[0]), `"signature":"`) {
		t.Fatalf("answer %s: want a signed thinking block then text", body)
	}
	replay := func() string {
		return `{"model":"claude-opus-5-5","max_tokens":64,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[` +
			string(m.Content[0]) + `,` + string(m.Content[1]) + `]},{"role":"user","content":"again"}]}`
	}
	next := replay()
	if resp, body, _ := post(t, a.Client(), a.URL+"/v1/messages", next); resp.StatusCode != 200 {
		t.Errorf("own signature rejected: %s", body)
	}
	resp, body, _ = post(t, b.Client(), b.URL+"/v1/messages", next)
	if resp.StatusCode != 400 || !strings.Contains(body, "Invalid signature in thinking block") {
		t.Errorf("another server's signature: %d %s", resp.StatusCode, body)
	}
	// A fixed key signs the same on every server.
	k := []byte("fixed key")
	c, d := start(t, Config{Strict: true, SigningKey: k}), start(t, Config{Strict: true, SigningKey: k})
	_, body, _ = post(t, c.Client(), c.URL+"/v1/messages", first)
	_ = json.Unmarshal([]byte(body), &m)
	next = replay()
	if resp, body, _ := post(t, d.Client(), d.URL+"/v1/messages", next); resp.StatusCode != 200 {
		t.Errorf("same key, other server: %s", body)
	}
}

func TestStrictToolDirective(t *testing.T) {
	s := start(t, Config{Strict: true})
	body := `{"model":"claude-opus-5-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>x</system-reminder>"},{"type":"text","text":"please\nccerr-mock: tool Bash {\"command\":\"ls\"} id=toolu_fixed\nccerr-mock: tool Read {\"file_path\":\"/a.png\"}"}]}]}`
	resp, stream, err := post(t, s.Client(), s.URL+"/v1/messages", body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatal(err, resp)
	}
	events, ok := parseSSE(stream)
	if !ok {
		t.Fatal("stream not complete")
	}
	var starts, stop []string
	for _, e := range events {
		switch e.Name {
		case "content_block_start", "content_block_delta":
			starts = append(starts, e.Data)
		case "message_delta":
			stop = append(stop, e.Data)
		}
	}
	all := strings.Join(starts, "\n")
	for _, want := range []string{`"id":"toolu_fixed","input":{},"name":"Bash"`, `"name":"Read"`, `"partial_json":"{\"command\":\"ls\"}"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in\n%s", want, all)
		}
	}
	if len(stop) != 1 || !strings.Contains(stop[0], `"stop_reason":"tool_use"`) {
		t.Errorf("message_delta %v", stop)
	}
	// Once the results come back, the answer is text.
	after := `{"model":"claude-opus-5-5","max_tokens":64,"messages":[{"role":"user","content":"ccerr-mock: tool Bash {} id=toolu_fixed"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_fixed","name":"Bash","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_fixed","content":"a"}]}]}`
	if _, body, _ := post(t, s.Client(), s.URL+"/v1/messages", after); !strings.Contains(body, okText) {
		t.Errorf("after the result: %s", body)
	}
}

func TestStrictOffChangesNothing(t *testing.T) {
	s := start(t, Config{})
	resp, _, err := post(t, s.Client(), s.URL+"/v1/messages", msgs(`{"role":"user","content":[{"type":"tool_result","tool_use_id":"x","content":"y"}]}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("a lenient server refused: %v %v", err, resp)
	}
}

func TestStrictUnsignedDirective(t *testing.T) {
	s := start(t, Config{Strict: true})
	body := `{"model":"claude-opus-5-5","max_tokens":64,"stream":true,"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"hi\n` + UnsignedDirective + `"}]}`
	_, stream, err := post(t, s.Client(), s.URL+"/v1/messages", body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stream, `"thinking_delta"`) || strings.Contains(stream, `"signature_delta"`) {
		t.Errorf("want a thinking block without its signature_delta:\n%s", stream)
	}
	body = strings.Replace(body, `"stream":true,`, "", 1)
	_, js, _ := post(t, s.Client(), s.URL+"/v1/messages", body)
	if !strings.Contains(js, `"type":"thinking"`) || strings.Contains(js, `"signature"`) {
		t.Errorf("non-streaming answer %s", js)
	}
}
