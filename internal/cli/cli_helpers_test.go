package cli

import (
	"io"
	"testing"

	"github.com/ccerr/ccerr/internal/cli/core"
)

// run describes one in-memory invocation of [Main].
type run struct {
	args  []string
	stdin io.Reader         // nil means empty
	env   map[string]string // on top of LANG=C
	tty   bool              // stdout and stderr are terminals
}

// result is what an invocation produced.
type result struct {
	stdout, stderr string
	code           int
}

// exec runs ccerr in process with the given streams and environment.
func (r run) exec(t *testing.T) result {
	t.Helper()
	env := map[string]string{"LANG": "C"}
	for k, v := range r.env {
		env[k] = v
	}
	s, out, errOut := core.MemoryIO(r.stdin, env, r.tty)
	code := Main(r.args, s)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// ccerr is shorthand for a pipe invocation with arguments only.
func ccerr(t *testing.T, args ...string) result {
	t.Helper()
	return run{args: args}.exec(t)
}
