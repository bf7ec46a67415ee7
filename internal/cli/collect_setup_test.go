package cli

import (
	"net"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() { setupHooks = append(setupHooks, collectSetup) }

// collectSetup, for the collect_* and hook_* scripts only, picks free
// loopback ports and gives each script its own data directory:
//
//	COLLECT_ADDR   127.0.0.1:<free port> for --listen
//	XDG_DATA_HOME  $WORK/data
func collectSetup(env *testscript.Env) error {
	n, ok := env.T().(interface{ Name() string })
	if !ok || !(strings.Contains(n.Name(), "/collect_") || strings.Contains(n.Name(), "/hook_")) {
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return err
	}
	env.Setenv("COLLECT_ADDR", addr)
	env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
	return nil
}
