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
