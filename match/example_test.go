package match_test

import (
	"fmt"
	"strings"

	"github.com/ccerr/ccerr/match"
)

func ExampleMatcher_Text() {
	m, err := match.Default()
	if err != nil {
		panic(err)
	}
	out := "● API Error: Repeated 529 Overloaded errors · check status.claude.com\n" +
		"some other output\n" +
		"Not logged in · Please run /login\n" +
		"● API Error: Repeated 529 Overloaded errors · check status.claude.com\n"
	for _, h := range m.Text(out) {
		fmt.Println(h.ID, h.Count, h.Line, h.Fields["status"])
	}
	// Output:
	// overloaded 2 1 529
	// not-logged-in 1 3
}

func ExampleMatcher_Reader() {
	m, err := match.Default()
	if err != nil {
		panic(err)
	}
	log := `{"type":"system","subtype":"api_error","error":{"message":"529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}","status":529},"retryAttempt":1,"maxRetries":10}`
	hits, err := m.Reader(strings.NewReader(log))
	if err != nil {
		panic(err)
	}
	for _, h := range hits {
		fmt.Println(h.ID, h.Fields["error_type"], h.Fields["attempt"], h.Fields["max_attempts"])
	}
	// Output:
	// overloaded overloaded_error 1 10
}

func ExampleMatcher_FindLine() {
	m, err := match.Default()
	if err != nil {
		panic(err)
	}
	for _, f := range m.FindLine([]byte("✻ 529 Overloaded · Retrying in 4s · attempt 6/10")) {
		fmt.Println(f.ID, f.Fields["status"], f.Fields["attempt"], f.Fields["max_attempts"], f.Fields["retry_in"])
	}
	// Output:
	// overloaded 529 6 10 4s
}
