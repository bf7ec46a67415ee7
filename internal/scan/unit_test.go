package scan

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

func TestLeadingTime(t *testing.T) {
	for _, tt := range []struct {
		name, line, want, rest string
	}{
		{"rfc3339 utc", "2026-11-26T18:00:48Z boom", "2026-11-26T18:00:48Z", "boom"},
		{"millis", "2026-11-26T18:00:48.174Z boom", "2026-11-26T18:00:48.174Z", "boom"},
		{"space and comma", "2026-11-26 18:00:48,5 boom", "2026-11-26T18:00:48.5Z", "boom"},
		{"offset colon", "2026-11-26T20:00:48+02:00 boom", "2026-11-26T18:00:48Z", "boom"},
		{"offset no colon", "2026-11-26T13:00:48-0500 boom", "2026-11-26T18:00:48Z", "boom"},
		{"bracketed", "[2026-11-26 18:00:48] boom", "2026-11-26T18:00:48Z", "boom"},
		{"no zone", "2026-11-26T18:00:48 boom", "2026-11-26T18:00:48Z", "boom"},
		{"none", "boom 2026-11-26T18:00:48Z", "", "boom 2026-11-26T18:00:48Z"},
		{"bad month", "2026-13-26T18:00:48Z boom", "", "2026-13-26T18:00:48Z boom"},
		{"short", "2026-11-26", "", "2026-11-26"},
		{"letters", "abcd-ef-ghTij:kl:mn boom", "", "abcd-ef-ghTij:kl:mn boom"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, rest := leadingTime([]byte(tt.line))
			gs := ""
			if !got.IsZero() {
				gs = got.Format(time.RFC3339Nano)
			}
			if gs != tt.want || string(rest) != tt.rest {
				t.Errorf("leadingTime(%q) = %q, %q; want %q, %q", tt.line, gs, rest, tt.want, tt.rest)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, in string
		end      bool
		want     string // RFC 3339, or "error"
	}{
		{"date", "2026-11-20", false, "2026-11-20T00:00:00Z"},
		{"date until", "2026-11-20", true, "2026-11-21T00:00:00Z"},
		{"rfc3339", "2026-11-20T10:30:00+01:00", false, "2026-11-20T09:30:00Z"},
		{"days", "7d", false, "2026-11-19T18:00:00Z"},
		{"hours", "12h", false, "2026-11-26T06:00:00Z"},
		{"weeks", "2w", false, "2026-11-12T18:00:00Z"},
		{"mixed", "1d12h", false, "2026-11-25T06:00:00Z"},
		{"fraction", "1.5d", false, "2026-11-25T06:00:00Z"},
		{"empty", "", false, "error"},
		{"no unit", "7", false, "error"},
		{"bad unit", "7y", false, "error"},
		{"words", "last week", false, "error"},
		{"negative", "-3d", false, "error"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTime(tt.in, now, tt.end)
			gs := "error"
			if err == nil {
				gs = got.UTC().Format(time.RFC3339)
			}
			if gs != tt.want {
				t.Errorf("ParseTime(%q) = %s (%v), want %s", tt.in, gs, err, tt.want)
			}
		})
	}
}

// TestFallbackID checks the fallback's own parts: Claude Code's apiError
// label first, then the categories and raw bodies turned into classify's
// parts.
func TestFallbackID(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    fallback
		want catalog.ID
	}{
		{"apiError label wins", fallback{status: 429, apiError: "usage_limit_reached"}, "usage-limit"},
		{"tls code", fallback{ssl: true, connCode: "DEPTH_ZERO_SELF_SIGNED_CERT"}, "tls-certificate"},
		{"tls without code", fallback{ssl: true}, "tls-certificate"},
		{"tls handshake timeout is transient", fallback{ssl: true, connCode: "ERR_TLS_HANDSHAKE_TIMEOUT"}, "connection-failed"},
		{"refused", fallback{connCode: "ECONNREFUSED"}, "connection-failed"},
		{"quota 429", fallback{status: 429, rateLimits: json.RawMessage(`{"rateLimitType":"seven_day","resetsAt":2000000000}`)}, "usage-limit"},
		{"null rate limits", fallback{status: 429, rateLimits: json.RawMessage(`null`)}, "rate-limited"},
		{"api key 429", fallback{status: 429}, "rate-limited"},
		{"stream category rate_limit", fallback{category: "rate_limit"}, "rate-limited"},
		{"stream category overloaded", fallback{category: "overloaded"}, "overloaded"},
		{"stream category model_not_found", fallback{category: "model_not_found"}, "model-unavailable"},
		{"stream category authentication_failed", fallback{category: "authentication_failed"}, "oauth-token-invalid"},
		{"final category billing_error", fallback{category: "billing_error"}, "credit-balance-low"},
		{"overloaded type", fallback{errType: "overloaded_error"}, "overloaded"},
		{"raw body type", fallback{message: `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`}, "overloaded"},
		{"413 details prefix", fallback{status: 413, message: `request_too_large: 413 {"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`}, "request-too-large"},
		{"529", fallback{status: 529}, "overloaded"},
		{"503", fallback{status: 503}, "server-error"},
		{"413", fallback{status: 413}, "request-too-large"},
		{"404", fallback{status: 404}, "model-unavailable"},
		{"402", fallback{status: 402}, "credit-balance-low"},
		{"401 api key", fallback{status: 401, message: "invalid x-api-key"}, "invalid-api-key"},
		{"401 oauth", fallback{status: 401, message: "OAuth token has expired"}, "oauth-token-invalid"},
		{"401 generic", fallback{status: 401, message: "Invalid authentication credentials"}, "oauth-token-invalid"},
		{"timeout text", fallback{message: "Request timed out."}, "request-timeout"},
		{"connection error text", fallback{message: "Connection error."}, "connection-failed"},
		{"nothing", fallback{status: 418}, Unknown},
		{"no facts", fallback{}, Unknown},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.id(); got != tt.want {
				t.Errorf("id() = %q, want %q", got, tt.want)
			}
		})
	}
}

// scanText scans one file with the given name and body and returns the report.
func scanText(t *testing.T, name, body string, o Options) *Report {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Paths = []string{p}
	o.Matcher = testMatcher(t)
	r, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const cwd = "/home/me/app"

var (
	overloadedFinal = finalLine(sessA, cwd, "2026-11-20T09:01:03.000Z", "API Error: Repeated 529 Overloaded errors", `,"apiErrorStatus":529`)
	overloadedRetry = retryLine(sessA, cwd, "2026-11-20T09:01:00.000Z", "529 Overloaded", `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`, 529, 1, 500)
)

// TestDamage checks each kind of damage alone: what is skipped, and that
// the good event next to it still counts.
func TestDamage(t *testing.T) {
	for _, tt := range []struct {
		name   string
		file   string
		body   string
		events int64
		reason Reason
		line   int64
	}{
		{"clean", "s.jsonl", lines(overloadedRetry, overloadedFinal), 2, "", 0},
		{"not json", "s.jsonl", lines("garbage", overloadedFinal), 1, NotJSON, 1},
		{"json with a bad event", "s.jsonl", lines(`{"type":"system","subtype":"api_error","error":{,}`, overloadedFinal), 1, NotJSON, 1},
		{"truncated last line", "s.jsonl", lines(overloadedFinal) + overloadedRetry[:60], 1, Truncated, 2},
		{"complete last line without newline", "s.jsonl", lines(overloadedFinal) + overloadedRetry, 2, "", 0},
		{"invalid utf-8 event", "s.jsonl", lines(strings.Replace(overloadedFinal, "Repeated", "Rep\xffeated", 1), overloadedRetry), 1, InvalidUTF8, 1},
		{"invalid utf-8 elsewhere", "s.jsonl", lines(userLine(sessA, cwd, "2026-11-20T09:00:00Z", "caf\xe9"), overloadedFinal), 1, "", 0},
		{"too long", "s.jsonl", lines(`{"x":"`+strings.Repeat("y", 10000)+`"}`, overloadedFinal), 1, TooLong, 1},
		{"too long log", "l.log", lines(strings.Repeat("y", 10000), "API Error: Repeated 529 Overloaded errors"), 1, TooLong, 1},
		{"gzip cut", "l.log.gz", cutGzip(gz(t, lines("API Error: Repeated 529 Overloaded errors"), strings.Repeat("filler\n", 10))), 1, GzipTruncated, 0},
		{"gzip bad header", "l.log", "\x1f\x8bnot really gzip", 0, GzipDamaged, 0},
		{"crlf", "s.jsonl", overloadedFinal + "\r\n" + overloadedRetry + "\r\n", 2, "", 0},
		{"blank lines", "s.jsonl", "\n\n" + overloadedFinal + "\n\n", 1, "", 0},
		{"empty file", "s.jsonl", "", 0, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := scanText(t, tt.file, tt.body, Options{MaxLine: 4096})
			if r.Events != tt.events {
				t.Errorf("events = %d, want %d", r.Events, tt.events)
			}
			if tt.reason == "" {
				if len(r.Skipped) != 0 {
					t.Errorf("skipped %v, want nothing", r.Skipped)
				}
				return
			}
			if len(r.Skipped) != 1 || r.Skipped[0].Reason != tt.reason || r.Skipped[0].Line != tt.line {
				t.Errorf("skipped %v, want one %s at line %d", r.Skipped, tt.reason, tt.line)
			}
			if r.Files != 1 {
				t.Errorf("files = %d, want 1", r.Files)
			}
		})
	}
}

func TestQuotesAreNotEvents(t *testing.T) {
	body := lines(
		userLine(sessA, cwd, "2026-11-20T09:00:00Z", "API Error: Repeated 529 Overloaded errors"),
		userLine(sessA, cwd, "2026-11-20T09:00:01Z", `{"type":"system","subtype":"api_error"} and {"isApiErrorMessage":true}`),
		assistantLine(sessA, cwd, "2026-11-20T09:00:02Z", "That message means the API was overloaded (529)."),
		// A raw API body pasted into a log that is not a transcript line.
		`{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`,
	)
	if r := scanText(t, "s.jsonl", body, Options{}); r.Events != 0 || len(r.Skipped) != 0 {
		t.Errorf("events = %d, skipped = %v; want none", r.Events, r.Skipped)
	}
}

func TestStreamJSON(t *testing.T) {
	body := lines(
		`{"type":"system","subtype":"init","session_id":"s1","cwd":"/w"}`,
		`{"type":"system","subtype":"api_retry","attempt":1,"max_retries":3,"retry_delay_ms":624,"error_status":529,"error":"overloaded","session_id":"s1","uuid":"u"}`,
		`{"type":"assistant","message":{"model":"<synthetic>","content":[{"type":"text","text":"API Error: Repeated 529 Overloaded errors"}]},"error":"server_error","is_api_error_message":true,"api_error_status":529,"session_id":"s1"}`,
		`{"type":"result","subtype":"success","is_error":true,"terminal_reason":"api_error","api_error_status":529,"result":"API Error: Repeated 529 Overloaded errors","session_id":"s1"}`,
	)
	r := scanText(t, "out.txt", body, Options{})
	if len(r.Errors) != 1 || r.Errors[0].ID != "overloaded" || r.Errors[0].Final != 1 || r.Errors[0].Retries != 1 {
		t.Fatalf("errors = %+v, want overloaded 1 final 1 retry", r.Errors)
	}
	if r.Errors[0].MaxAttempt != 1 || r.Errors[0].MeanRetryDelayMs != 624 || r.Errors[0].Sessions != 1 {
		t.Errorf("row = %+v, want attempt 1, delay 624, 1 session", r.Errors[0])
	}
}

func TestFiltersAndWindow(t *testing.T) {
	body := lines(
		finalLine(sessA, cwd, "2026-11-19T23:59:59Z", "API Error: Repeated 529 Overloaded errors", ""),
		finalLine(sessA, cwd, "2026-11-20T00:00:00Z", "API Error: Repeated 529 Overloaded errors", ""),
		finalLine(sessA, cwd, "2026-11-20T12:00:00Z", "API Error: Request rejected (429) · Rate limited", ""),
		finalLine(sessA, cwd, "2026-11-21T00:00:00Z", "API Error: Repeated 529 Overloaded errors", ""),
		finalLine(sessA, cwd, "", "API Error: Repeated 529 Overloaded errors", ""),
	)
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for _, tt := range []struct {
		name        string
		o           Options
		events      int64
		distinctIDs int
	}{
		{"all", Options{}, 5, 2},
		{"since", Options{Since: day("2026-11-20")}, 3, 2},
		{"until", Options{Until: day("2026-11-20")}, 1, 1},
		{"one day", Options{Since: day("2026-11-20"), Until: day("2026-11-21")}, 2, 2},
		{"id", Options{IDs: []catalog.ID{"rate-limited"}}, 1, 1},
		{"id and window", Options{IDs: []catalog.ID{"overloaded"}, Since: day("2026-11-20")}, 2, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := scanText(t, "s.jsonl", body, tt.o)
			if r.Events != tt.events || len(r.Errors) != tt.distinctIDs {
				t.Errorf("events = %d, ids = %d; want %d, %d", r.Events, len(r.Errors), tt.events, tt.distinctIDs)
			}
		})
	}
}

// TestDeterministic scans the fixture with one worker and with many and
// expects the same JSON.
func TestDeterministic(t *testing.T) {
	writeFixture(t)
	var out []string
	for _, n := range []int{1, 2, 7} {
		r, err := Run(context.Background(), Options{Paths: []string{"."}, Matcher: testMatcher(t), Workers: n, By: "session"})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	if out[0] != out[1] || out[0] != out[2] {
		t.Errorf("reports differ with the number of workers:\n%s\n%s\n%s", out[0], out[1], out[2])
	}
}

func TestPaths(t *testing.T) {
	dir := writeFixture(t)
	for _, tt := range []struct {
		name  string
		paths []string
		files int64
		skips []Reason
	}{
		{"glob", []string{"projects/*/*.jsonl"}, 3, []Reason{NotJSON, InvalidUTF8, TooLong, Truncated}},
		{"glob no match", []string{"nothing/*.log"}, 0, []Reason{Missing}},
		{"file named explicitly", []string{"logs/archived.txt"}, 1, nil},
		{"absolute folder", []string{filepath.Join(dir, "projects", "-home-me-other-proj")}, 1, nil},
		{"same file twice", []string{"logs/ci.log", "./logs/ci.log", "logs"}, 3, []Reason{GzipTruncated, Unreadable}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Run(context.Background(), Options{Paths: tt.paths, Matcher: testMatcher(t), MaxLine: 4096})
			if err != nil {
				t.Fatal(err)
			}
			var reasons []Reason
			for _, s := range r.Skipped {
				reasons = append(reasons, s.Reason)
			}
			if r.Files != tt.files || strings.Join(toStrings(reasons), ",") != strings.Join(toStrings(tt.skips), ",") {
				t.Errorf("files = %d, skips = %v; want %d, %v", r.Files, reasons, tt.files, tt.skips)
			}
		})
	}
}

func toStrings(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// hugeLine is a reader giving a transcript whose first line is n bytes
// long, followed by one event, without holding the line in memory.
type hugeLine struct {
	n, sent int
	tail    string
}

func (h *hugeLine) Read(p []byte) (int, error) {
	if h.sent < h.n {
		k := min(len(p), h.n-h.sent)
		for i := range p[:k] {
			p[i] = 'x'
		}
		if h.sent == 0 {
			p[0] = '{'
		}
		h.sent += k
		return k, nil
	}
	if h.tail == "" {
		return 0, io.EOF
	}
	k := copy(p, h.tail)
	h.tail = h.tail[k:]
	return k, nil
}

// TestHugeLineBoundedMemory feeds a 50 MB line through standard input and
// checks it is skipped, the event after it counted, and that the scan
// allocated far less than the line's size.
func TestHugeLineBoundedMemory(t *testing.T) {
	in := &hugeLine{n: 50 << 20, tail: "\n" + overloadedFinal + "\n"}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, err := Run(context.Background(), Options{Paths: []string{StdinPath}, Stdin: in, Matcher: testMatcher(t)})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if r.Events != 1 || len(r.Skipped) != 1 || r.Skipped[0].Reason != TooLong || r.Skipped[0].Path != StdinPath {
		t.Errorf("events = %d, skipped = %v; want 1 event and one too-long line on -", r.Events, r.Skipped)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d bytes for a 50 MB line; want under 16 MiB", alloc)
	}
}

func TestOptionsErrors(t *testing.T) {
	if _, err := Run(context.Background(), Options{Paths: []string{"."}}); err == nil {
		t.Error("Run without a matcher: no error")
	}
	if _, err := Run(context.Background(), Options{Paths: []string{"."}, Matcher: testMatcher(t), By: "week"}); err == nil {
		t.Error("Run with --by week: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	writeFixture(t)
	if _, err := Run(ctx, Options{Paths: []string{"."}, Matcher: testMatcher(t)}); err == nil {
		t.Error("Run with a cancelled context: no error")
	}
}

// cutGzip drops a gzip stream's trailer (CRC and size), so that it ends early.
func cutGzip(s string) string { return s[:len(s)-8] }

// TestVerdictTableTranscript runs classify's shared verdict table
// (classify/testdata/verdicts.json) through the transcript fallback, with
// the fields a retry line records for each failure: the status, "<status>
// <body>" as error.message, connection.code, and rateLimits for a rejected
// quota. It must name the entry classify names for a live answer.
func TestVerdictTableTranscript(t *testing.T) {
	data, err := os.ReadFile("../../classify/testdata/verdicts.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Cases []struct {
			Name       string            `json:"name"`
			Status     int               `json:"status"`
			Body       string            `json:"body"`
			Headers    map[string]string `json:"headers"`
			Code       string            `json:"code"`
			Message    string            `json:"message"`
			Transcript bool              `json:"transcript"`
			Want       catalog.ID        `json:"want"`
		}
	}
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, tc := range table.Cases {
		if !tc.Transcript {
			continue
		}
		ran++
		t.Run(tc.Name, func(t *testing.T) {
			f := fallback{status: tc.Status, connCode: tc.Code, message: tc.Message}
			if tc.Status != 0 {
				f.message = strconv.Itoa(tc.Status) + " " + tc.Body
			}
			if tc.Headers["anthropic-ratelimit-unified-status"] == "rejected" {
				f.rateLimits = json.RawMessage(`{"rateLimitType":"` + tc.Headers["anthropic-ratelimit-unified-representative-claim"] +
					`","resetsAt":` + tc.Headers["anthropic-ratelimit-unified-reset"] + `}`)
			}
			want := tc.Want
			if want == "" {
				want = Unknown
			}
			if got := f.id(); got != want {
				t.Errorf("id() = %q, want %q", got, want)
			}
		})
	}
	if ran < 10 {
		t.Fatalf("only %d transcript cases", ran)
	}
}
