package scan

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Transcript lines in Claude Code's format (FACTS §4), shortened to the
// fields scan reads plus a few it must ignore.
const (
	sessA = "aaaaaaaa-1111-4111-8111-111111111111"
	sessB = "bbbbbbbb-2222-4222-8222-222222222222"
	sessC = "cccccccc-3333-4333-8333-333333333333"
)

func retryLine(sess, cwd, ts, formatted, message string, status, attempt, delay int) string {
	st := ""
	if status != 0 {
		st = `,"status":` + strconv.Itoa(status)
	}
	return `{"parentUuid":"p","isSidechain":false,"type":"system","subtype":"api_error","level":"error","error":{"message":` +
		jsonQuote(message) + st + `,"formatted":` + jsonQuote(formatted) + `,"connection":null,"rateLimits":null},"retryInMs":` +
		strconv.Itoa(delay) + `,"retryAttempt":` + strconv.Itoa(attempt) + `,"maxRetries":10,"source":"request_retry","timestamp":"` + ts +
		`","uuid":"u","userType":"external","entrypoint":"sdk-cli","cwd":"` + cwd + `","sessionId":"` + sess + `","version":"2.1.332"}`
}

func finalLine(sess, cwd, ts, text, extra string) string {
	cwdField := ""
	if cwd != "" {
		cwdField = `,"cwd":"` + cwd + `"`
	}
	return `{"parentUuid":"p","isSidechain":false,"type":"assistant","uuid":"u","timestamp":"` + ts +
		`","message":{"id":"m","model":"<synthetic>","role":"assistant","type":"message","stop_reason":"stop_sequence","content":[{"type":"text","text":` +
		jsonQuote(text) + `}]},"isApiErrorMessage":true` + extra + cwdField + `,"sessionId":"` + sess + `","version":"2.1.332"}`
}

func userLine(sess, cwd, ts, text string) string {
	return `{"parentUuid":"p","isSidechain":false,"type":"user","message":{"role":"user","content":` + jsonQuote(text) +
		`},"uuid":"u","timestamp":"` + ts + `","cwd":"` + cwd + `","sessionId":"` + sess + `"}`
}

func assistantLine(sess, cwd, ts, text string) string {
	return `{"parentUuid":"p","type":"assistant","message":{"model":"claude-opus-4-7","role":"assistant","content":[{"type":"text","text":` +
		jsonQuote(text) + `}],"usage":{"input_tokens":10,"output_tokens":20}},"uuid":"u","timestamp":"` + ts + `","cwd":"` + cwd + `","sessionId":"` + sess + `"}`
}

func jsonQuote(s string) string { return string(appendQuoted(nil, s)) }

// appendQuoted quotes s for JSON byte by byte, so that invalid UTF-8 in s
// stays invalid in the line.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// gz compresses the parts, flushing after each so that a stream cut
// after a part still yields that part.
func gz(t testing.TB, parts ...string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	for _, p := range parts {
		if _, err := w.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// fixture is the small corpus behind the golden files: three sessions in
// two projects, two logs (one gzipped under a name without .gz), and one
// example of every kind of damage.
func fixture(t testing.TB) map[string]string {
	const app, other = "/home/me/app", "/home/me/other_proj"
	overloadedBody := `529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}`
	files := map[string]string{
		"projects/-home-me-app/" + sessA + ".jsonl": lines(
			userLine(sessA, app, "2026-11-20T09:00:00.000Z", "please fix the flaky test"),
			assistantLine(sessA, app, "2026-11-20T09:00:05.000Z", "Looking at the test now."),
			retryLine(sessA, app, "2026-11-20T09:01:00.000Z", "529 Overloaded", overloadedBody, 529, 1, 503),
			retryLine(sessA, app, "2026-11-20T09:01:01.000Z", "529 Overloaded", overloadedBody, 529, 2, 1130),
			finalLine(sessA, app, "2026-11-20T09:01:03.000Z", "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.",
				`,"error":"server_error","apiErrorStatus":529,"apiErrorType":"overloaded_error"`),
			// A person quoting errors: not events, although the second line holds "api_error" and "isApiErrorMessage".
			userLine(sessA, app, "2026-11-20T09:05:00.000Z", "I got API Error: Repeated 529 Overloaded errors, why?"),
			userLine(sessA, app, "2026-11-20T09:06:00.000Z", `the raw body was {"type":"error","error":{"type":"api_error"}} and "isApiErrorMessage":true`),
			retryLine(sessA, app, "2026-11-21T10:00:00.000Z", "Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)", "Connection error.", 0, 1, 540),
			assistantLine(sessA, app, "2026-11-21T10:00:02.000Z", "The retry worked."),
		),
		"projects/-home-me-app/" + sessB + ".jsonl": lines(
			finalLine(sessB, app, "2026-11-21T11:00:00.000Z", "API Error: Request rejected (429) · Rate limited", `,"error":"rate_limit","apiErrorStatus":429,"apiErrorType":"rate_limit_error"`),
			finalLine(sessB, app, "2026-11-21T12:00:00.000Z", "You've hit your 5-hour limit · resets May 18, 2033, 3:33am (UTC)", `,"error":"rate_limit","apiError":"usage_limit_reached","apiErrorStatus":429`),
			finalLine(sessB, app, "2026-11-22T08:00:00.000Z", "Prompt is too long", `,"error":"invalid_request","apiErrorStatus":400`),
			"this line is not JSON at all",
			finalLine(sessB, app, "2026-11-22T08:30:00.000Z", "API Error: Request rejected (429) · Rate limited\xff", `,"apiErrorStatus":429`),
			`{"type":"user","message":{"content":"`+strings.Repeat("x", 5000)+`"}}`,
		) + `{"type":"system","subtype":"api_error","timestamp":"2026-11-22T09:00:00.000Z","sessionId":"` + sessB, // cut off: no newline follows
		// No cwd: the project is the folder name. One event nothing can place.
		"projects/-home-me-other-proj/" + sessC + ".jsonl": lines(
			finalLine(sessC, "", "2026-11-22T14:00:00.000Z", "API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.", `,"apiErrorStatus":500`),
			finalLine(sessC, "", "2026-11-22T15:00:00.000Z", "Something unexpected happened.", `,"apiErrorStatus":418`),
		),
		"logs/ci.log": lines(
			"2026-11-20T07:00:00Z INFO  build started",
			"2026-11-20T07:00:01Z WARN  the build server was overloaded yesterday",
			`2026-11-20T07:00:02Z WARN  API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 1 seconds… (attempt 1/10)`,
			"[2026-11-20 07:00:09.500] ERROR claude -p: API Error: Repeated 529 Overloaded errors · check status.claude.com",
			"no timestamp here: Credit balance is too low",
		),
		// Gzip under a name that does not say so.
		"logs/archived.txt": gz(t, lines("2026-11-19T23:59:59+02:00 ERROR API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment.")),
	}
	// A gzip stream cut in half: the part before the cut still counts.
	var filler strings.Builder
	for i := range 2000 {
		filler.WriteString("2026-11-18T10:00:01Z INFO filler line " + strconv.Itoa(i*7919%10007) + "\n")
	}
	whole := gz(t, lines("2026-11-18T10:00:00Z Prompt is too long"), filler.String())
	files["logs/cut.log.gz"] = whole[:len(whole)*3/4]
	return files
}

// writeFixture writes the fixture into a new folder, makes it the working
// directory (so reported paths are short and stable), adds a dangling
// symlink, and returns the folder.
func writeFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range fixture(t) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("gone.log", filepath.Join(dir, "logs", "dangling.log")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}
