package gen

import (
	"bufio"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

var projects = []string{
	"/home/dev/billing_service", "/home/dev/web-app", "/home/dev/ml_pipeline", "/home/dev/infra",
	"/home/dev/mobile-client", "/home/dev/docs_site", "/home/dev/cli-tools", "/home/dev/data_lake",
}

var words = []string{
	"the", "a", "to", "and", "of", "in", "that", "is", "for", "it", "with", "as", "on", "this", "be",
	"function", "test", "file", "error", "handler", "request", "response", "server", "client", "cache",
	"config", "build", "deploy", "timeout", "retry", "queue", "worker", "database", "query", "index",
	"refactor", "module", "package", "import", "update", "review", "commit", "branch", "merge", "fix",
	"please", "could", "you", "check", "why", "when", "where", "which", "should", "would", "make",
	"add", "remove", "rename", "split", "move", "write", "read", "parse", "format", "log", "metric",
	"latency", "throughput", "memory", "goroutine", "thread", "lock", "channel", "context", "token",
	"session", "user", "account", "billing", "invoice", "payment", "order", "schema", "migration",
}

// nearMisses use the words of documented errors in ordinary prose.
var nearMisses = []string{
	"the build server was overloaded yesterday so the pipeline took an hour",
	"we should add a rate limit to the public endpoint before launch",
	"the integration test timed out twice on CI, can you look at the fixture",
	"our own api_error type wraps the upstream failure, keep that name",
	"make the retry loop stop after the third attempt and log attempt 3/3",
	"the payment provider returned 529 once; it is their overload code, not ours",
	"connection refused on port 5432 means postgres is not running locally",
	"prompt the user again if the token is too long for the field",
	"the credit card balance is too low message comes from the bank API, not us",
}

// quotes are user messages quoting a real error: text, not events.
var quotes = []string{
	"I keep seeing \"API Error: Repeated 529 Overloaded errors\" in the other terminal, what does it mean?",
	"yesterday it said API Error: 500 {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}} and stopped",
	"my colleague got \"You've hit your session limit · resets 3:45pm\", is that the same as ours?",
	"the log shows {\"isApiErrorMessage\":true} lines, can you write a parser for them?",
}

var codeLines = []string{
	"func (s *Server) Handle(ctx context.Context, req *Request) (*Response, error) {",
	"\tif err := s.validate(req); err != nil {",
	"\t\treturn nil, fmt.Errorf(\"validate %s: %w\", req.ID, err)",
	"\t}",
	"\trows, err := s.db.QueryContext(ctx, `SELECT id, total FROM invoices WHERE account_id = $1`, req.Account)",
	"\tdefer rows.Close()",
	"\tfor rows.Next() {",
	"\t\tvar inv Invoice",
	"\t\tif err := rows.Scan(&inv.ID, &inv.Total); err != nil {",
	"\t\t\tlog.Printf(\"scan invoice: %v\", err)",
	"\t\t\tcontinue",
	"\t\t}",
	"\t\tout = append(out, inv)",
	"\t}",
	"\treturn &Response{Invoices: out}, nil",
	"}",
	"",
	"def retry(fn, attempts=3, delay=0.5):",
	"    for i in range(attempts):",
	"        try:",
	"            return fn()",
	"        except TimeoutError as exc:  # the upstream timed out",
	"            time.sleep(delay * 2 ** i)",
	"    raise RuntimeError(\"gave up\")",
	"const handler = async (event) => { const body = JSON.parse(event.body); return { statusCode: 200 }; };",
	"    if resp.status_code == 429:  # rate limit from the vendor, back off",
	"// api_error is what the billing service returns for its own 5xx",
	"export function formatMoney(cents: number): string { return `$${(cents / 100).toFixed(2)}`; }",
}

// appendJSON appends s as a JSON string literal.
func appendJSON(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			if c < 0x20 {
				b = append(b, `\u00`...)
				b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			} else {
				_, n := utf8.DecodeRuneInString(s[i:])
				b = append(b, s[i:i+n]...)
				i += n
				continue
			}
		}
		i++
	}
	return append(b, '"')
}

func (g *generator) prose(n int) string {
	b := make([]byte, 0, n*8)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, words[g.rnd.IntN(len(words))]...)
	}
	return string(b)
}

func (g *generator) code(n int) string {
	b := make([]byte, 0, n*40)
	start := g.rnd.IntN(len(codeLines))
	for i := 0; i < n; i++ {
		b = append(b, codeLines[(start+i)%len(codeLines)]...)
		b = append(b, '\n')
	}
	return string(b)
}

// common starts a transcript line with the fields every line carries.
func (g *generator) common(typ, session, cwd, entry string, t time.Time) {
	b := g.buf[:0]
	b = append(b, `{"parentUuid":"`...)
	b = append(b, g.uuid()...)
	b = append(b, `","isSidechain":false,"userType":"external","cwd":`...)
	b = appendJSON(b, cwd)
	b = append(b, `,"sessionId":"`...)
	b = append(b, session...)
	b = append(b, `","version":"2.1.332","gitBranch":"main","entrypoint":"`...)
	b = append(b, entry...)
	b = append(b, `","type":"`...)
	b = append(b, typ...)
	b = append(b, `","uuid":"`...)
	b = append(b, g.uuid()...)
	b = append(b, `","timestamp":"`...)
	b = t.UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = append(b, '"')
	g.buf = b
}

// session writes one transcript of about size bytes and returns the bytes written.
func (g *generator) session(b *bufio.Writer, cwd string, size int64) int64 {
	id := g.uuid()
	entry := "cli"
	if g.rnd.IntN(2) == 0 {
		entry = "sdk-cli"
	}
	hadEvent := false
	var n int64
	for n < size {
		t := g.tick()
		if g.errorDue() {
			n += g.incident(b, id, cwd, entry)
			hadEvent = true
			continue
		}
		switch r := g.rnd.IntN(100); {
		case r < 12: // a prompt
			g.common("user", id, cwd, entry, t)
			g.buf = append(g.buf, `,"message":{"role":"user","content":`...)
			var text string
			switch k := g.rnd.IntN(100); {
			case k < 3:
				text = quotes[g.rnd.IntN(len(quotes))]
				g.man.Quotes++
			case k < 15:
				text = nearMisses[g.rnd.IntN(len(nearMisses))]
			default:
				text = g.prose(10 + g.rnd.IntN(80))
			}
			g.buf = appendJSON(g.buf, text)
			g.buf = append(g.buf, `}}`...)
		case r < 55: // an assistant turn
			g.common("assistant", id, cwd, entry, t)
			g.buf = append(g.buf, `,"requestId":"req_011C`...)
			g.buf = append(g.buf, g.hex(18)...)
			g.buf = append(g.buf, `","message":{"id":"msg_01`...)
			g.buf = append(g.buf, g.hex(22)...)
			g.buf = append(g.buf, `","type":"message","role":"assistant","model":"claude-opus-4-7","content":[`...)
			if g.rnd.IntN(2) == 0 {
				g.buf = append(g.buf, `{"type":"text","text":`...)
				g.buf = appendJSON(g.buf, g.prose(20+g.rnd.IntN(120)))
				g.buf = append(g.buf, `}],"stop_reason":"end_turn"`...)
			} else {
				g.buf = append(g.buf, `{"type":"tool_use","id":"toolu_01`...)
				g.buf = append(g.buf, g.hex(22)...)
				g.buf = append(g.buf, `","name":"Read","input":{"file_path":`...)
				g.buf = appendJSON(g.buf, cwd+"/internal/"+words[g.rnd.IntN(len(words))]+".go")
				g.buf = append(g.buf, `}}],"stop_reason":"tool_use"`...)
			}
			g.buf = append(g.buf, `,"stop_sequence":null,"usage":{"input_tokens":`...)
			g.buf = strconv.AppendInt(g.buf, int64(g.rnd.IntN(4000)), 10)
			g.buf = append(g.buf, `,"cache_creation_input_tokens":`...)
			g.buf = strconv.AppendInt(g.buf, int64(g.rnd.IntN(20000)), 10)
			g.buf = append(g.buf, `,"cache_read_input_tokens":`...)
			g.buf = strconv.AppendInt(g.buf, int64(g.rnd.IntN(150000)), 10)
			g.buf = append(g.buf, `,"output_tokens":`...)
			g.buf = strconv.AppendInt(g.buf, int64(g.rnd.IntN(3000)), 10)
			g.buf = append(g.buf, `,"service_tier":"standard"}}}`...)
		case r < 90: // a tool result
			g.common("user", id, cwd, entry, t)
			g.buf = append(g.buf, `,"message":{"role":"user","content":[{"tool_use_id":"toolu_01`...)
			g.buf = append(g.buf, g.hex(22)...)
			g.buf = append(g.buf, `","type":"tool_result","content":`...)
			g.buf = appendJSON(g.buf, g.code(5+g.rnd.IntN(120)))
			g.buf = append(g.buf, `}]},"toolUseResult":{"type":"text","numLines":`...)
			g.buf = strconv.AppendInt(g.buf, int64(g.rnd.IntN(500)), 10)
			g.buf = append(g.buf, `}}`...)
		case r < 95:
			g.common("attachment", id, cwd, entry, t)
			g.buf = append(g.buf, `,"attachment":{"type":"file","filename":`...)
			g.buf = appendJSON(g.buf, cwd+"/README.md")
			g.buf = append(g.buf, `}}`...)
		default:
			g.common("system", id, cwd, entry, t)
			g.buf = append(g.buf, `,"subtype":"informational","level":"info","content":"Auto-compacting conversation"}`...)
		}
		n += g.line(b)
	}
	if hadEvent {
		g.man.Sessions++
	}
	return n
}

// incident writes the lines of one failure: retries in -p sessions, then
// the final message or a recovery.
func (g *generator) incident(b *bufio.Writer, session, cwd, entry string) int64 {
	k := g.pick()
	var n int64
	retries := 0
	if k.retried && entry == "sdk-cli" {
		retries = 1 + g.rnd.IntN(4)
		if k.id == catalog.Overloaded {
			retries = 1 + g.rnd.IntN(2) // Claude Code gives up at the third 529
		}
	}
	for a := 1; a <= retries; a++ {
		g.common("system", session, cwd, entry, g.tick())
		g.buf = append(g.buf, `,"subtype":"api_error","level":"error","error":{"message":`...)
		g.buf = appendJSON(g.buf, k.message)
		if k.status != 0 {
			g.buf = append(g.buf, `,"status":`...)
			g.buf = strconv.AppendInt(g.buf, int64(k.status), 10)
			g.buf = append(g.buf, `,"requestId":"req_011C`...)
			g.buf = append(g.buf, g.hex(18)...)
			g.buf = append(g.buf, '"')
		}
		g.buf = append(g.buf, `,"formatted":`...)
		g.buf = appendJSON(g.buf, k.formatted)
		if k.conn != "" {
			g.buf = append(g.buf, `,"connection":{"code":"`...)
			g.buf = append(g.buf, k.conn...)
			g.buf = append(g.buf, `","message":"connect `...)
			g.buf = append(g.buf, k.conn...)
			g.buf = append(g.buf, ` 127.0.0.1:443","isSSLError":false},"isNetworkDown":true`...)
		} else {
			g.buf = append(g.buf, `,"connection":null,"isNetworkDown":false`...)
		}
		g.buf = append(g.buf, `,"rateLimits":null,"noResponse":null},"retryInMs":`...)
		g.buf = strconv.AppendInt(g.buf, int64(500<<(a-1)+g.rnd.IntN(100)), 10)
		g.buf = append(g.buf, `,"retryAttempt":`...)
		g.buf = strconv.AppendInt(g.buf, int64(a), 10)
		g.buf = append(g.buf, `,"maxRetries":10,"source":"request_retry"}`...)
		n += g.line(b)
		g.man.add(k.id, true)
	}
	if retries > 0 && k.id != catalog.Overloaded && retries < 4 && g.rnd.IntN(2) == 0 {
		return n // recovered: the next attempt succeeded
	}
	g.common("assistant", session, cwd, entry, g.tick())
	g.buf = append(g.buf, `,"message":{"id":"`...)
	g.buf = append(g.buf, g.uuid()...)
	g.buf = append(g.buf, `","model":"<synthetic>","role":"assistant","type":"message","stop_reason":"stop_sequence","stop_sequence":"","usage":{"input_tokens":0,"output_tokens":0},"content":[{"type":"text","text":`...)
	g.buf = appendJSON(g.buf, k.final)
	g.buf = append(g.buf, `}]},"error":"`...)
	g.buf = append(g.buf, k.category...)
	g.buf = append(g.buf, `","isApiErrorMessage":true`...)
	if k.status != 0 {
		g.buf = append(g.buf, `,"requestId":"req_011C`...)
		g.buf = append(g.buf, g.hex(18)...)
		g.buf = append(g.buf, `","apiErrorStatus":`...)
		g.buf = strconv.AppendInt(g.buf, int64(k.status), 10)
		g.buf = append(g.buf, `,"apiErrorType":"`...)
		g.buf = append(g.buf, k.errType...)
		g.buf = append(g.buf, '"')
	}
	if k.apiError != "" {
		g.buf = append(g.buf, `,"apiError":"`...)
		g.buf = append(g.buf, k.apiError...)
		g.buf = append(g.buf, '"')
	}
	g.buf = append(g.buf, `,"failedResponseHadNoToolCall":true}`...)
	n += g.line(b)
	g.man.add(k.id, false)
	return n
}

func (g *generator) pick() errKind {
	total := 0
	for _, k := range errKinds {
		total += k.weight
	}
	r := g.rnd.IntN(total)
	for _, k := range errKinds {
		if r < k.weight {
			return k
		}
		r -= k.weight
	}
	return errKinds[0]
}

// logNoise are ordinary log lines; the last few are near-misses that use
// the words of documented errors.
var logNoise = []string{
	"INFO  worker: processed batch %d in %dms",
	"DEBUG cache hit ratio %d.%d%%",
	"INFO  deploy: rollout step %d of %d complete",
	"INFO  http: GET /api/v1/orders 200 %dms (%d bytes)",
	"DEBUG db: pool stats idle=%d inuse=%d",
	"INFO  scheduler: job %d queued behind %d others",
	"INFO  git: fetched %d objects in %dms",
	"INFO  tests: %d passed, %d skipped",
	"DEBUG gc: heap %d MiB, pause %dus",
	"INFO  claude -p finished in %d.%ds",
	"WARN  upstream overloaded? no: queue depth %d, p99 %dms",
	"INFO  rate limit budget %d/%d requests left this minute",
	"ERROR test TestCheckout timed out after %ds (attempt %d)",
}

// nearMissEvery is how often a log line is a near-miss rather than plain noise.
const nearMissEvery = 10

// log writes one plain log of about size bytes.
func (g *generator) log(b *bufio.Writer, size int64) int64 {
	var n int64
	for n < size {
		t := g.tick()
		g.buf = t.UTC().AppendFormat(g.buf[:0], "2006-01-02T15:04:05.000Z")
		g.buf = append(g.buf, ' ')
		if g.errorDue() {
			le := logErrors[g.rnd.IntN(len(logErrors))]
			g.buf = append(g.buf, le.text...)
			g.man.add(le.id, le.retry)
		} else {
			f := logNoise[g.rnd.IntN(len(logNoise)-3)]
			if g.rnd.IntN(nearMissEvery) == 0 {
				f = logNoise[len(logNoise)-3+g.rnd.IntN(3)]
			}
			g.buf = appendf(g.buf, f, g.rnd.IntN(1000), g.rnd.IntN(1000))
		}
		n += g.line(b)
	}
	return n
}

// appendf fills the %d and %% verbs of f; enough for the noise lines.
func appendf(b []byte, f string, a, c int) []byte {
	args := []int{a, c}
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) {
			switch f[i+1] {
			case 'd':
				if len(args) > 0 {
					b = strconv.AppendInt(b, int64(args[0]), 10)
					args = args[1:]
				}
				i++
				continue
			case '%':
				b = append(b, '%')
				i++
				continue
			}
		}
		b = append(b, f[i])
	}
	return b
}
