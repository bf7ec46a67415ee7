package repair

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"time"
)

// transcript builds a session file shaped like Claude Code 2.1.332's:
// compact JSON, the envelope fields in its order, one content block per
// assistant line.
type transcript struct {
	lines   []string
	last    string // uuid of the last chained line
	n       int
	session string
	t0      time.Time
}

const fixtureSession = "5d0c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b"

func newTranscript() *transcript {
	tr := &transcript{session: fixtureSession, t0: time.Date(2026, 12, 5, 13, 11, 35, 0, time.UTC)}
	tr.raw(fmt.Sprintf(`{"type":"queue-operation","operation":"enqueue","timestamp":"2026-12-05T13:11:35.489Z","sessionId":%q,"content":"hi"}`, tr.session))
	return tr
}

func (tr *transcript) next() (uuid, ts string) {
	tr.n++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", tr.n), tr.t0.Add(time.Duration(tr.n) * time.Second).Format("2006-01-02T15:04:05.000Z")
}

func jstr(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (tr *transcript) parent() string {
	if tr.last == "" {
		return "null"
	}
	return jstr(tr.last)
}

func (tr *transcript) tail() string {
	return fmt.Sprintf(`"userType":"external","entrypoint":"sdk-cli","cwd":"/home/me/app","sessionId":%q,"version":"2.1.332","gitBranch":"HEAD"}`, tr.session)
}

// user adds a user line; content is raw JSON (a string or a block list).
func (tr *transcript) user(content string) string {
	u, ts := tr.next()
	tr.raw(fmt.Sprintf(`{"parentUuid":%s,"isSidechain":false,"promptId":"p-1","type":"user","message":{"role":"user","content":%s},"uuid":%q,"timestamp":%q,"permissionMode":"default",`, tr.parent(), content, u, ts) + tr.tail())
	tr.last = u
	return u
}

// assistant adds an assistant line holding blocks (raw JSON).
func (tr *transcript) assistant(model string, blocks ...string) string {
	u, ts := tr.next()
	tr.raw(fmt.Sprintf(`{"parentUuid":%s,"isSidechain":false,"message":{"id":"msg_%04d","type":"message","role":"assistant","model":%q,"content":[%s],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":5}},"requestId":"req_%04d","type":"assistant","uuid":%q,"timestamp":%q,`,
		tr.parent(), tr.n, model, strings.Join(blocks, ","), tr.n, u, ts) + tr.tail())
	tr.last = u
	return u
}

// apiError adds the message Claude Code writes when a request failed.
func (tr *transcript) apiError(text string) string {
	u, ts := tr.next()
	tr.raw(fmt.Sprintf(`{"parentUuid":%s,"isSidechain":false,"type":"assistant","uuid":%q,"timestamp":%q,"message":{"id":"m-%d","model":"<synthetic>","role":"assistant","type":"message","stop_reason":"stop_sequence","stop_sequence":"","content":[{"type":"text","text":%s}]},"error":"invalid_request","isApiErrorMessage":true,"apiErrorStatus":400,`,
		tr.parent(), u, ts, tr.n, jstr(text)) + tr.tail())
	tr.last = u
	return u
}

// system adds a system line (api_error retry, compact_boundary, …).
func (tr *transcript) system(subtype string, parentNull bool) string {
	u, ts := tr.next()
	p := tr.parent()
	logical := ""
	if parentNull {
		logical = fmt.Sprintf(`"logicalParentUuid":%s,`, p)
		p = "null"
	}
	tr.raw(fmt.Sprintf(`{"parentUuid":%s,%s"isSidechain":false,"type":"system","subtype":%q,"content":"Conversation compacted","level":"info","uuid":%q,"timestamp":%q,`, p, logical, subtype, u, ts) + tr.tail())
	tr.last = u
	return u
}

// sidechain adds a subagent line that hangs off the current line.
func (tr *transcript) sidechain(content string) string {
	u, ts := tr.next()
	tr.raw(fmt.Sprintf(`{"parentUuid":%s,"isSidechain":true,"type":"user","message":{"role":"user","content":%s},"uuid":%q,"timestamp":%q,`, tr.parent(), content, u, ts) + tr.tail())
	return u
}

func (tr *transcript) raw(line string) { tr.lines = append(tr.lines, line) }

func (tr *transcript) String() string {
	var b strings.Builder
	for _, l := range tr.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(fmt.Sprintf(`{"type":"last-prompt","lastPrompt":"hi","leafUuid":%q,"sessionId":%q}`+"\n", tr.last, tr.session))
	return b.String()
}

// Blocks.

func text(s string) string { return `{"type":"text","text":` + jstr(s) + `}` }

func toolUse(id string) string {
	return fmt.Sprintf(`{"type":"tool_use","id":%q,"name":"Bash","input":{"command":"ls","description":"List files"},"caller":{"type":"direct"}}`, id)
}

func toolResult(id, out string) string {
	return fmt.Sprintf(`{"tool_use_id":%q,"type":"tool_result","content":%s,"is_error":false}`, id, jstr(out))
}

func toolResultBlocks(id string, blocks ...string) string {
	return fmt.Sprintf(`{"tool_use_id":%q,"type":"tool_result","content":[%s]}`, id, strings.Join(blocks, ","))
}

func thinking(textS, sig string) string {
	return `{"type":"thinking","thinking":` + jstr(textS) + `,"signature":` + jstr(sig) + `}`
}

func imageBlock(mediaType string, data []byte) string {
	return fmt.Sprintf(`{"type":"image","source":{"type":"base64","media_type":%q,"data":%q}}`, mediaType, base64.StdEncoding.EncodeToString(data))
}

func pdfBlock(data []byte) string {
	return fmt.Sprintf(`{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":%q}}`, base64.StdEncoding.EncodeToString(data))
}

func blocks(b ...string) string { return "[" + strings.Join(b, ",") + "]" }

// Media.

func pngOf(w, h int) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}

func jpegOf(w, h int) []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil)
	return b.Bytes()
}

func gifOf(w, h int) []byte {
	var b bytes.Buffer
	_ = gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White}), nil)
	return b.Bytes()
}

// webpOf is the head of a lossless WebP (RFC 9649 VP8L) of w×h.
func webpOf(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(30))
	b.WriteString("WEBPVP8L")
	_ = binary.Write(&b, binary.LittleEndian, uint32(10))
	b.WriteByte(0x2f)
	_ = binary.Write(&b, binary.LittleEndian, bits)
	b.Write(make([]byte, 5))
	return b.Bytes()
}

// pdfOf builds a PDF with n pages; encrypted adds an /Encrypt entry;
// objstm keeps the page tree in a compressed object stream.
func pdfOf(n int, encrypted, objstm bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	tree := fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count %d >>", n)
	if objstm {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, _ = zw.Write([]byte("2 0 " + tree))
		_ = zw.Close()
		fmt.Fprintf(&b, "4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n", z.Len())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	} else {
		b.WriteString("2 0 obj\n" + tree + "\nendobj\n")
	}
	b.WriteString("3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R ")
	if encrypted {
		b.WriteString("/Encrypt 5 0 R ")
	}
	b.WriteString(">>\n%%EOF\n")
	return b.Bytes()
}
