package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reportNow is the --now of the report tests: the recorded status page
// answers (internal/status/testdata) were taken a little before it.
const reportNow = "2026-12-05T12:00:00Z"

// writeReportCorpus writes transcripts for 2026-12-05 06:00–12:00 UTC:
// a storm of 529s and 500s between 09:10 and 10:40, the window of the
// recorded incident "Elevated errors on Claude Opus", and a few local
// failures before and after it.
func writeReportCorpus(t *testing.T, dir string) {
	t.Helper()
	base := time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	at := func(min int) string { return base.Add(time.Duration(min) * time.Minute).Format(time.RFC3339Nano) }
	retry := func(sess string, min, status int, msg string) string {
		return fmt.Sprintf(`{"type":"system","subtype":"api_error","timestamp":%q,"sessionId":%q,"cwd":"/home/dev/app","error":{"status":%d,"message":%q},"retryAttempt":1,"maxRetries":10,"retryInMs":1200}`,
			at(min), sess, status, msg)
	}
	final := func(sess string, min int, text string) string {
		return fmt.Sprintf(`{"type":"assistant","isApiErrorMessage":true,"timestamp":%q,"sessionId":%q,"cwd":"/home/dev/app","message":{"role":"assistant","content":[{"type":"text","text":%q}]}}`,
			at(min), sess, text)
	}
	files := map[string][]string{}
	add := func(sess, line string) { files[sess] = append(files[sess], line) }
	// Local trouble before the incident.
	add("s-morning", final("s-morning", 35, "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"))
	add("s-morning", final("s-morning", 52, "API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"))
	add("s-morning", final("s-morning", 150, `API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}`))
	// The storm, 09:10 (minute 190) to 10:40 (minute 280).
	for i, min := 0, 192; min < 280; i, min = i+1, min+7 {
		sess := fmt.Sprintf("s-storm-%d", i%3)
		add(sess, retry(sess, min, 529, "Overloaded"))
		add(sess, retry(sess, min+1, 529, "Overloaded"))
		if i%2 == 0 {
			add(sess, final(sess, min+2, "API Error: Repeated 529 Overloaded errors"))
		} else {
			add(sess, final(sess, min+2, `API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}`))
		}
	}
	// After it: a key that no longer works.
	add("s-late", final("s-late", 335, `API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
	proj := filepath.Join(dir, "-home-dev-app")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	for sess, lines := range files {
		if err := os.WriteFile(filepath.Join(proj, sess+".jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
