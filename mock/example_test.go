package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/mock"
)

// A test points its client at a server that is overloaded twice, then
// recovers.
func ExampleNewServer() {
	srv := mock.NewServer("overloaded,overloaded,ok")
	defer srv.Close()

	for range 3 {
		resp, err := http.Post(srv.URL+"/v1/messages", "application/json",
			strings.NewReader(`{"model":"claude-sonnet-5-5","max_tokens":1,"messages":[]}`))
		if err != nil {
			fmt.Println(err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		fmt.Println(resp.Status)
	}
	fmt.Println(len(srv.Requests()), "requests")
	// Output:
	// 529 status code 529
	// 529 status code 529
	// 200 OK
	// 3 requests
}

// One server answers every scenario through the path, so each client can
// pick its own failure with its base URL.
func ExampleServer_scenarioPath() {
	srv := mock.NewServer("ok")
	defer srv.Close()

	base := srv.URL + "/scenario/rate-limited" // e.g. ANTHROPIC_BASE_URL
	resp, err := http.Post(base+"/v1/messages", "application/json", strings.NewReader(`{}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("retry-after"))
	// Output:
	// 429 1
}
