package cli

import (
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ccerr/ccerr/mock"
)

// Every script gets its own fake API, so the counts of scenario sequences
// start afresh in each:
//
//	MOCK_URL        http://127.0.0.1:port serving ok; pick another scenario
//	                with $MOCK_URL/scenario/<name>
//	MOCK_TLS_URL    the same over HTTPS with a self-signed certificate
//	MOCK_ADDR       the host:port of MOCK_URL (a port in use)
//	MOCK_CLOSED_URL a loopback port nothing listens on (refused)
//
// Scripts never reach the real API: they set --base-url or
// ANTHROPIC_BASE_URL to one of these.
func init() {
	setupHooks = append(setupHooks, func(env *testscript.Env) error {
		srv, err := mock.New(mock.Config{SlowDelay: 10 * time.Millisecond})
		if err != nil {
			return err
		}
		env.Defer(srv.Close)
		tlsSrv, err := mock.New(mock.Config{TLS: true})
		if err != nil {
			return err
		}
		env.Defer(tlsSrv.Close)
		closed, err := mock.ClosedURL()
		if err != nil {
			return err
		}
		env.Setenv("MOCK_URL", srv.URL)
		env.Setenv("MOCK_ADDR", strings.TrimPrefix(srv.URL, "http://"))
		env.Setenv("MOCK_TLS_URL", tlsSrv.URL)
		env.Setenv("MOCK_CLOSED_URL", closed)
		return nil
	})
}
