package retry_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/ccerr/ccerr/retry"
)

const okMessage = `{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-5-5","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}`

// TestOfficialSDK runs the official Go SDK (its own retries off) through
// a Transport against a loopback fake API.
func TestOfficialSDK(t *testing.T) {
	tests := []struct {
		name       string
		overloaded int32 // 529s before a 200
		wantCalls  int32
		wantStatus int // 0 for success
	}{
		{"overloaded then ok", 1, 2, 0},
		{"overloaded three times", 100, 3, 529},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := calls.Add(1)
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Request-Id", "req_fake")
				if n <= tt.overloaded {
					w.WriteHeader(529)
					io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_fake"}`)
					return
				}
				io.WriteString(w, okMessage)
			}))
			defer srv.Close()

			p := retry.DefaultPolicy()
			p.BaseDelay = time.Millisecond // real sockets, so keep the waits short
			tr := &retry.Transport{Policy: p, Base: srv.Client().Transport}
			client := anthropic.NewClient(
				option.WithBaseURL(srv.URL),
				option.WithAPIKey("sk-ant-api03-test"),
				option.WithHTTPClient(&http.Client{Transport: tr}),
				option.WithMaxRetries(0),
			)
			msg, err := client.Messages.New(context.Background(), anthropic.MessageNewParams{
				MaxTokens: 1,
				Model:     "claude-sonnet-5-5",
				Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))},
			})
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("the server saw %d requests, want %d", got, tt.wantCalls)
			}
			if tt.wantStatus == 0 {
				if err != nil || msg.ID != "msg_1" {
					t.Fatalf("got %v, %v", msg, err)
				}
				return
			}
			var apiErr *anthropic.Error
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.wantStatus {
				t.Fatalf("err = %v, want an *anthropic.Error with status %d", err, tt.wantStatus)
			}
			if retry.AttemptsFrom(apiErr.Response) != int(tt.wantCalls) {
				t.Errorf("AttemptsFrom = %d, want %d", retry.AttemptsFrom(apiErr.Response), tt.wantCalls)
			}
		})
	}
}
