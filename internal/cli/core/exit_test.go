package core

import (
	"errors"
	"fmt"
	"testing"
)

// TestExitCode pins the one mapping from errors to exit codes and shows
// that a message quoting hostile input reaches stderr sanitised.
func TestExitCode(t *testing.T) {
	for _, tt := range []struct {
		name    string
		err     error
		code    int
		message string
	}{
		{"success", nil, ExitOK, ""},
		{"silent", &SilentError{Code: ExitFailure}, ExitFailure, ""},
		{"wrapped silent", fmt.Errorf("x: %w", &SilentError{Code: 3}), 3, ""},
		{"usage", usagef("bad flag %s", "--x"), ExitUsage, "ccerr: bad flag --x"},
		{"failure", errors.New("dial tcp: refused"), ExitFailure, "ccerr: dial tcp: refused"},
		{"hostile path", errors.New("open /tmp/\x1b]0;pwned\x07a\u202eb: denied"), ExitFailure, "ccerr: open /tmp/ab: denied"},
		{"hostile usage", usagef("no file %s", "\x1b[2Jx"), ExitUsage, "ccerr: no file x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := exitCode(tt.err)
			if code != tt.code || msg != tt.message {
				t.Errorf("exitCode = %d, %q; want %d, %q", code, msg, tt.code, tt.message)
			}
		})
	}
}
