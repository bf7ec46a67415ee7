// Package statustest serves recorded Statuspage answers on loopback, for
// tests of package status and of the commands that read it.
package statustest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
)

// files maps the API paths to the recorded answers in a testdata folder.
var files = map[string]string{
	"/api/v2/summary.json":              "summary.json",
	"/api/v2/incidents.json":            "incidents.json",
	"/api/v2/incidents/unresolved.json": "unresolved.json",
}

// Server is a fake status page.
type Server struct {
	*httptest.Server
	// Requests counts the requests answered.
	Requests atomic.Int64
	// Fail, when set, answers every request 503.
	Fail atomic.Bool
}

// New serves the recorded answers of dir (summary.json, incidents.json,
// unresolved.json) on a loopback port. Close it when done.
func New(dir string) *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Requests.Add(1)
		if s.Fail.Load() {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		name, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(b)
	}))
	return s
}
