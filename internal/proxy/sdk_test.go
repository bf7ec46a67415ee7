package proxy

import (
	"net/http"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go/v2"
	"github.com/anthropics/anthropic-sdk-go/v2/option"
)

// sdkClient is the official Go SDK pointed at the proxy, with its own
// retries off (the proxy retries) and no environment read.
func sdkClient(tp *testProxy) anthropic.Client {
	return anthropic.NewClient(
		option.WithoutEnvironmentDefaults(),
		option.WithBaseURL(tp.srv.URL),
		option.WithAPIKey("sk-ant-api03-sdk-test-key-CCCC"),
		option.WithMaxRetries(0),
		option.WithHTTPClient(tp.client),
	)
}

var sdkParams = anthropic.MessageNewParams{
	MaxTokens: 16,
	Model:     anthropic.ModelClaudeOpus5_5,
	Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("hi"))},
}

func TestGoSDKThroughProxy(t *testing.T) {
	up := startMock(t, "overloaded,overloaded,ok")
	tp := startProxy(t, up.URL, Config{})
	client := sdkClient(tp)

	var raw *http.Response
	msg, err := client.Messages.New(t.Context(), sdkParams, option.WithResponseInto(&raw))
	if err != nil {
		t.Fatalf("Messages.New: %v", err)
	}
	if msg.Role != "assistant" || len(msg.Content) == 0 {
		t.Errorf("message = %+v", msg)
	}
	if got := raw.Header.Get("X-Ccerr-Attempts"); got != "3" {
		t.Errorf("x-ccerr-attempts = %q, want 3", got)
	}
	reqs := up.Requests()
	if len(reqs) != 3 {
		t.Fatalf("upstream saw %d requests, want 3", len(reqs))
	}
	if v := reqs[0].Header.Get("Anthropic-Version"); v == "" {
		t.Error("anthropic-version did not reach the upstream")
	}
	// SDK v2 sends WithAPIKey as a Bearer credential.
	if v := reqs[0].Header.Get("Authorization"); v != "Bearer sk-ant-api03-sdk-test-key-CCCC" {
		t.Errorf("authorization at the upstream = %q", v)
	}
}

func TestGoSDKStreamingThroughProxy(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{})
	client := sdkClient(tp)

	stream := client.Messages.NewStreaming(t.Context(), sdkParams)
	defer stream.Close()
	var msg anthropic.Message
	events := 0
	for stream.Next() {
		events++
		if err := msg.Accumulate(stream.Current()); err != nil {
			t.Fatalf("Accumulate: %v", err)
		}
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("stream: %v", err)
	}
	if events < 3 || len(msg.Content) == 0 {
		t.Errorf("got %d events, message %+v", events, msg)
	}
}

func TestGoSDKGetsGiveUpError(t *testing.T) {
	up := startMock(t, "overloaded")
	tp := startProxy(t, up.URL, Config{})
	client := sdkClient(tp)
	_, err := client.Messages.New(t.Context(), sdkParams)
	apiErr, ok := err.(*anthropic.Error)
	if !ok {
		t.Fatalf("error = %T %v, want *anthropic.Error", err, err)
	}
	if apiErr.StatusCode != 529 || !strings.Contains(apiErr.Error(), "overloaded_error") {
		t.Errorf("error = %v", apiErr)
	}
}

// A plain client, as curl would send it: no SDK headers at all.
func TestPlainClientThroughProxy(t *testing.T) {
	up := startMock(t, "ok")
	tp := startProxy(t, up.URL, Config{})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, tp.srv.URL+"/v1/messages", strings.NewReader(messageBody))
	req.Header.Set("x-api-key", "sk-ant-api03-curl-DDDD")
	req.Header.Set("anthropic-version", "2023-06-01")
	req.Header.Set("content-type", "application/json")
	req.Header.Set("User-Agent", "curl/8.5.0")
	resp, body := tp.do(t, req)
	if resp.StatusCode != 200 || !strings.Contains(body, `"role":"assistant"`) {
		t.Errorf("got %d %s", resp.StatusCode, body)
	}
	if ua := up.Requests()[0].Header.Get("User-Agent"); ua != "curl/8.5.0" {
		t.Errorf("user-agent at the upstream = %q", ua)
	}
}
