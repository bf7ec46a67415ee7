// Command gensession writes one large Claude Code session transcript, in
// the compact JSON Claude Code 2.1.332 writes, for bench/repair.sh: a long
// conversation of prompts, signed thinking, tool calls with multi-kilobyte
// results and some images, with a few poisoned spots that ccerr repair
// finds (a lost tool result, an orphan result, an unsigned thinking block,
// an image over 8000 px, a damaged line).
//
//	go run ./bench/gensession -size 200M -seed 1 > session.jsonl
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"
)

const session = "7e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

func main() {
	size := flag.String("size", "200M", "size to write: bytes or a number with K, M or G")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	limit, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensession:", err)
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	g := &gen{w: w, r: rand.New(rand.NewPCG(*seed, 99)), t0: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	g.images()
	// End a little after the last compaction's poisoned turns, so the chain
	// Claude Code would resume holds all four.
	for g.n < limit || g.turns%120 != 100 {
		g.turn()
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gensession:", err)
		os.Exit(1)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

type gen struct {
	w      *bufio.Writer
	r      *rand.Rand
	t0     time.Time
	n      int64 // bytes written
	lines  int
	last   string
	turns  int
	ids    int
	photo  string // base64 of a 1200x900 noisy PNG
	wide   string // base64 of a 9000x4 PNG
	words  []string
	poison int
}

func (g *gen) images() {
	img := image.NewGray(image.Rect(0, 0, 1200, 900))
	for i := range img.Pix {
		img.Pix[i] = byte(g.r.IntN(40) + i%200)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	g.photo = base64.StdEncoding.EncodeToString(b.Bytes())
	b.Reset()
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 9000, 4)))
	g.wide = base64.StdEncoding.EncodeToString(b.Bytes())
	g.words = strings.Fields("the of and to in is that for it with as was on be by this are from or an which func return err nil if go test file line package import type struct string int error context")
}

func (g *gen) text(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(g.words[g.r.IntN(len(g.words))])
		if g.r.IntN(12) == 0 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (g *gen) uuid() string {
	g.lines++
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", g.lines, g.r.Uint64()&0xffffffffffff)
}

func (g *gen) ts() string {
	return g.t0.Add(time.Duration(g.lines) * 1500 * time.Millisecond).Format("2006-01-02T15:04:05.000Z")
}

func (g *gen) tail() string {
	return `"userType":"external","entrypoint":"cli","cwd":"/home/me/app","sessionId":"` + session + `","version":"2.1.332","gitBranch":"main"}`
}

func (g *gen) write(line string) {
	g.w.WriteString(line)
	g.w.WriteByte('\n')
	g.n += int64(len(line) + 1)
}

func (g *gen) parent() string {
	if g.last == "" {
		return "null"
	}
	return `"` + g.last + `"`
}

func (g *gen) user(content string) {
	u := g.uuid()
	g.write(`{"parentUuid":` + g.parent() + `,"isSidechain":false,"promptId":"p","type":"user","message":{"role":"user","content":` + content + `},"uuid":"` + u + `","timestamp":"` + g.ts() + `","permissionMode":"default",` + g.tail())
	g.last = u
}

func (g *gen) assistant(block string) {
	u := g.uuid()
	g.write(`{"parentUuid":` + g.parent() + `,"isSidechain":false,"message":{"id":"msg_` + strconv.Itoa(g.turns) + `","type":"message","role":"assistant","model":"claude-opus-5-5","content":[` + block +
		`],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":1200,"cache_read_input_tokens":48000,"output_tokens":310}},"requestId":"req_` + strconv.Itoa(g.turns) + `","type":"assistant","uuid":"` + u + `","timestamp":"` + g.ts() + `",` + g.tail())
	g.last = u
}

func (g *gen) thinking(signed bool) string {
	sig := ""
	if signed {
		sig = base64.StdEncoding.EncodeToString([]byte(g.text(180)))
	}
	return `{"type":"thinking","thinking":` + js(g.text(400)) + `,"signature":"` + sig + `"}`
}

// turn writes one prompt and the assistant's work on it.
func (g *gen) turn() {
	g.turns++
	if g.turns%120 == 0 {
		g.compact()
	}
	g.user(js(g.text(60 + g.r.IntN(300))))
	poisoned := g.turns%120 == 30 || g.turns%120 == 50 || g.turns%120 == 70 || g.turns%120 == 90
	g.assistant(g.thinking(!(poisoned && g.poison%4 == 2)))
	for range 1 + g.r.IntN(4) {
		g.ids++
		id := fmt.Sprintf("toolu_01%014d", g.ids)
		g.assistant(`{"type":"tool_use","id":"` + id + `","name":"Bash","input":{"command":"go test ./...","description":"Run the tests"}}`)
		switch {
		case poisoned && g.poison%4 == 0:
			// The result never made it into the transcript.
			g.user(js("[Request interrupted by user]"))
		case poisoned && g.poison%4 == 1:
			g.user(`[{"tool_use_id":"` + id + `","type":"tool_result","content":"ok"},{"tool_use_id":"toolu_01stale","type":"tool_result","content":"stale"}]`)
		case poisoned && g.poison%4 == 3:
			g.user(`[{"tool_use_id":"` + id + `","type":"tool_result","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"` + g.wide + `"}}]}]`)
		case g.r.IntN(40) == 0:
			g.user(`[{"tool_use_id":"` + id + `","type":"tool_result","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"` + g.photo + `"}}]}]`)
		default:
			g.user(`[{"tool_use_id":"` + id + `","type":"tool_result","content":` + js(g.text(1000+g.r.IntN(6000))) + `,"is_error":false}]`)
		}
		if poisoned {
			g.poison++
			poisoned = false
		}
	}
	g.assistant(`{"type":"text","text":` + js(g.text(200+g.r.IntN(800))) + `}`)
	if g.turns%600 == 100 {
		g.write(`{"parentUuid":"` + g.last + `","isSidechain":false,"type":"user","message":{"role":"user","content":"cut off her`)
	}
	g.write(`{"type":"last-prompt","lastPrompt":"next","leafUuid":"` + g.last + `","sessionId":"` + session + `"}`)
}

// compact writes what Claude Code writes when it compacts: a boundary that
// starts the chain over, then the summary as a user message.
func (g *gen) compact() {
	u := g.uuid()
	g.write(`{"parentUuid":null,"logicalParentUuid":"` + g.last + `","isSidechain":false,"type":"system","subtype":"compact_boundary","content":"Conversation compacted","isMeta":false,"timestamp":"` + g.ts() + `","uuid":"` + u + `","level":"info","compactMetadata":{"trigger":"auto","preTokens":167000},` + g.tail())
	g.last = u
	s := g.uuid()
	g.write(`{"parentUuid":"` + u + `","isSidechain":false,"type":"user","message":{"role":"user","content":` + js("This session is being continued from a previous conversation that ran out of context. "+g.text(3000)) + `},"isVisibleInTranscriptOnly":true,"isCompactSummary":true,"uuid":"` + s + `","timestamp":"` + g.ts() + `",` + g.tail())
	g.last = s
}
