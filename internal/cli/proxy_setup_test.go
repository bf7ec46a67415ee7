package cli

import (
	"net"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ccerr/ccerr/mock"
)

func init() { setupHooks = append(setupHooks, proxySetup) }

// proxySetup, for the proxy_* scripts only, starts a fake API that answers
// 529 once and then succeeds, and picks a free loopback port for the proxy:
//
//	PROXY_UPSTREAM  the fake API's URL
//	PROXY_ADDR      127.0.0.1:<free port> for --listen
func proxySetup(env *testscript.Env) error {
	if n, ok := env.T().(interface{ Name() string }); ok && !strings.Contains(n.Name(), "/proxy_") {
		return nil
	}
	srv, err := mock.New(mock.Config{Scenario: "overloaded,ok"})
	if err != nil {
		return err
	}
	env.Defer(srv.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return err
	}
	env.Setenv("PROXY_UPSTREAM", srv.URL)
	env.Setenv("PROXY_ADDR", addr)
	return nil
}
