package proxy_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/ccerr/ccerr/internal/proxy"
	"github.com/ccerr/ccerr/mock"
	"github.com/ccerr/ccerr/retry"
)

// A client behind the proxy sees one answer where the API failed twice.
func Example() {
	api, err := mock.New(mock.Config{Scenario: "overloaded,overloaded,ok"})
	if err != nil {
		panic(err)
	}
	defer api.Close()

	policy := retry.DefaultPolicy()
	policy.BaseDelay, policy.MaxDelay = 1, 1 // no waiting in an example
	p, err := proxy.New(proxy.Config{Upstream: api.URL, Policy: policy})
	if err != nil {
		panic(err)
	}
	defer p.Close()
	srv := httptest.NewServer(p.Handler())
	defer srv.Close()

	body := `{"model":"claude-opus-5-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}`
	resp, err := srv.Client().Post(srv.URL+"/v1/messages", "application/json", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Ccerr-Attempts"), len(api.Requests()))
	// Output: 200 3 3
}

var _ http.Handler = (*proxy.Proxy)(nil)
