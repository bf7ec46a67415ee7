package redact_test

import (
	"fmt"

	"github.com/ccerr/ccerr/internal/redact"
)

func ExampleKey() {
	fmt.Println(redact.Key("sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789WXYZ"))
	fmt.Println(redact.Key("short-key"))
	// Output:
	// sk-ant-api03-…WXYZ
	// (9 characters)
}
