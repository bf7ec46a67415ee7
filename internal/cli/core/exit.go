package core

import (
	"errors"
	"fmt"

	"github.com/ccerr/ccerr/internal/ui"
)

// Exit codes. They are part of the interface: documented in `ccerr help
// exit-codes` and the README, and never renumbered.
const (
	ExitOK      = 0 // success; for explain, at least one error recognised
	ExitFailure = 1 // nothing recognised, a failed check or request, or an operation that failed
	ExitUsage   = 2 // bad flags or arguments, or input that could not be read at all
)

// UsageError is a mistake in how the command was called. Its message says
// what to do instead.
type UsageError struct{ Err error }

// Error returns the message of the underlying error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *UsageError) Unwrap() error { return e.Err }

// usage builds a [UsageError] with a message that has no format verbs.
func usage(msg string) error { return &UsageError{Err: errors.New(msg)} }

// usagef builds a [UsageError].
func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// Usage builds a [UsageError] with a message that has no format verbs.
func Usage(msg string) error { return usage(msg) }

// Usagef builds a [UsageError] from a format and its arguments.
func Usagef(format string, args ...any) error { return usagef(format, args...) }

// SilentError ends the command with Code after the command has already said
// all it wants to say; nothing more is printed.
type SilentError struct{ Code int }

// Error returns "exit status N"; it is never printed.
func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// exitCode maps an error returned by a command to the process exit code and
// the message to print on stderr ("" for none). It is the only place that
// decides exit codes: a [SilentError] gives its code, a [UsageError]
// ExitUsage, and any other error (a failed operation: network, API, file
// system) ExitFailure. Messages may quote input (a path, a flag value), so
// they are sanitised for the terminal.
func exitCode(err error) (int, string) {
	if err == nil {
		return ExitOK, ""
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code, ""
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return ExitUsage, "ccerr: " + ui.SanitizeLines(usage.Error())
	}
	return ExitFailure, "ccerr: " + ui.SanitizeLines(err.Error())
}
