package cli

import (
	"net/http"
	"net/http/httptest"

	"github.com/rogpeppe/go-internal/testscript"
)

// DENY_PROXY_URL is a loopback HTTP proxy that refuses every CONNECT as a
// cloud environment's egress allowlist does: 403 with x-deny-reason:
// host_not_allowed.
func init() {
	setupHooks = append(setupHooks, func(env *testscript.Env) error {
		srv := httptest.NewServer(http.HandlerFunc(denyConnect))
		env.Defer(srv.Close)
		env.Setenv("DENY_PROXY_URL", srv.URL)
		return nil
	})
}

func denyConnect(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Deny-Reason", "host_not_allowed")
	w.WriteHeader(http.StatusForbidden)
}
