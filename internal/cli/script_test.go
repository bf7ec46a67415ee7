package cli

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("u", false, "update testscript files in place (cmp against stdout/stderr)")

// setupHooks are run for every script before it starts. Test files for a
// command that needs a server (a mock upstream, a TLS endpoint) append one in
// their init function; each hook exports what it started through env.Setenv
// and stops it with env.Defer.
var setupHooks []func(env *testscript.Env) error

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ccerr": func() { os.Exit(Main(os.Args[1:], System())) },
	})
}

// TestScripts runs every testdata/script/*.txtar file against the ccerr
// binary built from this package.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			// A fixed, English, colourless environment unless a script says otherwise.
			env.Setenv("LANG", "C")
			env.Setenv("LC_ALL", "")
			env.Setenv("LC_MESSAGES", "")
			env.Setenv("NO_COLOR", "")
			for _, hook := range setupHooks {
				if err := hook(env); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
