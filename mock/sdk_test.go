package mock

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"

	"github.com/ccerr/ccerr/retry"
)

// TestSDKInterop runs the official Go SDK through retry.Transport against
// the mock, with the SDK's own retries off. It runs in a synctest bubble
// over an in-memory connection, so Claude Code's real schedule (500 ms,
// then 1 s, with jitter) passes on the fake clock without waiting.
func TestSDKInterop(t *testing.T) {
	tests := []struct {
		name     string
		scenario string
		wantErr  bool
		requests int
	}{
		{"recovers", "overloaded,ok", false, 2},
		{"gives up at the third 529", "overloaded", true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, base, closeMock := servePipe(t, tt.scenario)
				defer closeMock()

				var mu sync.Mutex
				var events []retry.Event
				rt := &retry.Transport{
					Base:   base,
					Policy: retry.DefaultPolicy(),
					OnRetry: func(_ *http.Request, ev retry.Event) {
						mu.Lock()
						defer mu.Unlock()
						events = append(events, ev)
					},
				}
				client := anthropic.NewClient(
					option.WithHTTPClient(&http.Client{Transport: rt}),
					option.WithMaxRetries(0),
					option.WithBaseURL("http://mock.invalid/"),
					option.WithAPIKey("sk-ant-api03-test-key-0000"),
				)
				msg, err := client.Messages.New(t.Context(), anthropic.MessageNewParams{
					Model:     "claude-sonnet-5-5",
					MaxTokens: 1,
					Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("ping"))},
				})

				if tt.wantErr {
					var apiErr *anthropic.Error
					if !errors.As(err, &apiErr) {
						t.Fatalf("got %v (%T), want *anthropic.Error", err, err)
					}
					if apiErr.StatusCode != 529 {
						t.Errorf("StatusCode %d, want 529", apiErr.StatusCode)
					}
					if apiErr.RequestID == "" {
						t.Error("no request id on the SDK error")
					}
				} else {
					if err != nil {
						t.Fatal(err)
					}
					if len(msg.Content) != 1 || msg.Content[0].Text != okText {
						t.Errorf("content %+v", msg.Content)
					}
				}

				reqs := s.Requests()
				if len(reqs) != tt.requests {
					t.Fatalf("mock saw %d requests, want %d", len(reqs), tt.requests)
				}
				for i, r := range reqs {
					// v2.15.0's WithAPIKey sends the key as a Bearer token,
					// not as x-api-key.
					if r.Path != "/v1/messages" || r.Header.Get("Authorization") != "Bearer sk-ant-api03-test-key-0000" {
						t.Errorf("request %d: %s %v", i, r.Path, r.Header)
					}
					// The SDK made one attempt; the retries are the Transport's.
					if got := r.Header.Get("X-Stainless-Retry-Count"); got != "0" {
						t.Errorf("request %d: X-Stainless-Retry-Count %q, want 0", i, got)
					}
				}
				mu.Lock()
				defer mu.Unlock()
				if len(events) != tt.requests-1 {
					t.Fatalf("%d retry events, want %d", len(events), tt.requests-1)
				}
				for i, ev := range events {
					if ev.Attempt != i+1 || ev.Failure == nil || ev.Failure.ID != "overloaded" || ev.Delay <= 0 {
						t.Errorf("event %d: %+v", i, ev)
					}
				}
			})
		})
	}
}

// TestSDKStreaming reads the mock's event streams with the SDK's own SSE
// parser: the ok stream accumulates into the answer, and a mid-stream error
// event surfaces as the SDK's *anthropic.Error.
func TestSDKStreaming(t *testing.T) {
	tests := []struct {
		scenario string
		wantErr  string // error type, or "" for success
	}{
		{OK, ""},
		{StreamError, "overloaded_error"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				_, base, closeMock := servePipe(t, tt.scenario)
				defer closeMock()
				client := anthropic.NewClient(
					option.WithHTTPClient(&http.Client{Transport: &retry.Transport{Base: base}}),
					option.WithMaxRetries(0),
					option.WithBaseURL("http://mock.invalid/"),
					option.WithAPIKey("sk-ant-api03-test-key-0000"),
				)
				stream := client.Messages.NewStreaming(t.Context(), anthropic.MessageNewParams{
					Model:     "claude-sonnet-5-5",
					MaxTokens: 16,
					Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("ping"))},
				})
				var msg anthropic.Message
				for stream.Next() {
					if err := msg.Accumulate(stream.Current()); err != nil {
						t.Fatal(err)
					}
				}
				err := stream.Err()
				stream.Close()
				if tt.wantErr == "" {
					if err != nil {
						t.Fatal(err)
					}
					if len(msg.Content) != 1 || msg.Content[0].Text != okText || msg.StopReason != "end_turn" {
						t.Errorf("accumulated %+v", msg)
					}
					return
				}
				var apiErr *anthropic.Error
				if !errors.As(err, &apiErr) {
					t.Fatalf("got %v (%T), want *anthropic.Error", err, err)
				}
				if got := string(apiErr.Type()); got != tt.wantErr {
					t.Errorf("error type %q, want %q", got, tt.wantErr)
				}
			})
		})
	}
}
