package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// scanLines runs the transcript reader over data and returns its tally and skips.
func scanLines(t testing.TB, m LineMatcher, data []byte) (*tally, []Skip) {
	w := newWorker(context.Background(), &Options{Matcher: m, MaxLine: 1 << 16})
	fs := &fileState{path: "f.jsonl", transcript: true, skips: skips{path: "f.jsonl"}}
	if err := w.readBlocks(fs, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	return w.tally, fs.skips.list
}

// FuzzTranscriptLine feeds one line to the transcript reader. It must not
// panic, must give the same answer twice, and must agree with a naive
// oracle: no event without a marker, at most one event per line, and an
// event only from a line that is valid JSON and valid UTF-8.
func FuzzTranscriptLine(f *testing.F) {
	for _, s := range []string{
		overloadedFinal, overloadedRetry,
		userLine(sessA, cwd, "2026-11-20T09:00:00Z", `quoted "isApiErrorMessage":true`),
		`{"type":"system","subtype":"api_retry","attempt":"x","error_status":529}`,
		`{"type":"system","subtype":"api_error","error":"not an object","retryAttempt":-1}`,
		`{"isApiErrorMessage":true,"message":{"content":"plain string content"}}`,
		`{"isApiErrorMessage":true,"message":{"content":[{"type":"text","text":7}]}}`,
		`{"isApiErrorMessage":true,"timestamp":"yesterday"}`,
		`{"subtype":"api_error"`, `}`, `{}`, "{\xff\"isApiErrorMessage\":true}",
	} {
		f.Add([]byte(s))
	}
	m := testMatcher(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\r\n") {
			return
		}
		t1, s1 := scanLines(t, m, append(line, '\n'))
		t2, s2 := scanLines(t, m, append(line, '\n'))
		if t1.events != t2.events || len(s1) != len(s2) {
			t.Fatalf("two scans disagree: %d/%v and %d/%v", t1.events, s1, t2.events, s2)
		}
		if t1.events > 1 {
			t.Fatalf("%d events from one line", t1.events)
		}
		if t1.events == 1 {
			if !isCandidate(line) {
				t.Fatalf("event from a line with no marker: %q", line)
			}
			if !json.Valid(line) || !utf8.Valid(line) {
				t.Fatalf("event from a line that is not valid JSON and UTF-8: %q", line)
			}
			if len(s1) != 0 {
				t.Fatalf("a line both counted and skipped: %v", s1)
			}
		}
		if len(s1) > 1 {
			t.Fatalf("one line skipped for %d reasons: %v", len(s1), s1)
		}
		for id := range t1.ids {
			if id == "" {
				t.Fatalf("event with an empty id from %q", line)
			}
		}
	})
}
