package retry_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/ccerr/ccerr/retry"
)

func Example() {
	// A fake API that is overloaded twice, then answers.
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls <= 2 {
			w.WriteHeader(529)
			io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		io.WriteString(w, `{"type":"message"}`)
	}))
	defer srv.Close()

	p := retry.DefaultPolicy()
	p.BaseDelay = time.Millisecond // keep the example quick
	client := &http.Client{Transport: &retry.Transport{
		Policy: p,
		OnRetry: func(_ *http.Request, ev retry.Event) {
			fmt.Printf("%d %s · attempt %d/%d\n", ev.Failure.Status, ev.Failure.APIMessage, ev.Attempt, ev.Max)
		},
	}}
	resp, err := client.Post(srv.URL+"/v1/messages", "application/json", strings.NewReader(`{"max_tokens":1}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode, "after", retry.AttemptsFrom(resp), "attempts")
	// Output:
	// 529 Overloaded · attempt 1/10
	// 529 Overloaded · attempt 2/10
	// 200 after 3 attempts
}

func ExamplePolicyFromEnv() {
	env := map[string]string{"CLAUDE_CODE_MAX_RETRIES": "99", "API_TIMEOUT_MS": "3000"}
	p, warnings := retry.PolicyFromEnv(func(k string) string { return env[k] })
	fmt.Println(p.MaxAttempts(), p.AttemptTimeout)
	fmt.Println(warnings)
	// Output:
	// 16 3s
	// [CLAUDE_CODE_MAX_RETRIES=99 clamped to 15]
}

// ReadSettings reads the variables as Claude Code does and states what they
// come to, keeping each raw value and how it was read for a report.
func ExampleReadSettings() {
	env := map[string]string{
		"CLAUDE_CODE_MAX_RETRIES":    "20",
		"CLAUDE_CODE_RETRY_WATCHDOG": "yes",
	}
	s := retry.ReadSettings(func(k string) string { return env[k] })
	fmt.Println(s.Watchdog.Name, s.Watchdog.Raw, s.Watchdog.Reading)
	fmt.Println(s.MaxRetries.Name, s.MaxRetries.Raw, s.MaxRetries.Reading)
	fmt.Println("retries:", s.Retries, "429/529 unbounded:", s.Unbounded)

	env = map[string]string{"CLAUDE_CODE_MAX_RETRIES": "+5"}
	s = retry.ReadSettings(func(k string) string { return env[k] })
	fmt.Println(s.MaxRetries.Reading, s.MaxRetries.Value, s.MaxRetries.Lenient, s.Retries, s.OverloadedRetries)
	fmt.Println(s.Warnings())
	// Output:
	// CLAUDE_CODE_RETRY_WATCHDOG yes on
	// CLAUDE_CODE_MAX_RETRIES 20 number
	// retries: 20 429/529 unbounded: true
	// number 5 true 5 2
	// [CLAUDE_CODE_MAX_RETRIES=+5 is read as 5]
}
