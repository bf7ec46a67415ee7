package cli

import (
	"net"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ccerr/ccerr/internal/status/statustest"
)

func init() { setupHooks = append(setupHooks, statusSetup) }

// statusSetup, for the status_* and scan_html* scripts only, serves the
// recorded status page answers on loopback and gives each script its own
// cache folder:
//
//	STATUS_URL      the fake status page
//	STATUS_DOWN     a loopback URL nothing listens on
//	XDG_CACHE_HOME  $WORK/cache
func statusSetup(env *testscript.Env) error {
	n, ok := env.T().(interface{ Name() string })
	if !ok || !(strings.Contains(n.Name(), "/status_") || strings.Contains(n.Name(), "/scan_html") || strings.Contains(n.Name(), "/explain_status")) {
		return nil
	}
	srv := statustest.New("../status/testdata")
	env.Defer(srv.Close)
	env.Setenv("STATUS_URL", srv.URL)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	down := "http://" + ln.Addr().String()
	if err := ln.Close(); err != nil {
		return err
	}
	env.Setenv("STATUS_DOWN", down)
	env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/cache")
	return nil
}
