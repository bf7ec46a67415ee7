package report

import (
	"bytes"
	"context"
	"net/http"

	"github.com/ccerr/ccerr/catalog"
)

// DataFunc returns the data of the page for a filter; the collect server
// reads its store, cut by the filter when it can.
type DataFunc func(ctx context.Context, f Filter) (*Data, error)

// Handler serves the report page at any GET path it is mounted on. The
// query parameters period, entry, model and user fill a [Filter]; values
// it does not know are ignored. The data func is called per request and
// whatever it returns is cut by the filter ([Data.Apply]).
func Handler(data DataFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		f := Filter{ID: catalog.ID(q.Get("entry")), Model: q.Get("model"), User: q.Get("user")}
		for _, p := range Periods {
			if q.Get("period") == p.Name {
				f.Period = p.Name
			}
		}
		d, err := data(r.Context(), f)
		if err != nil {
			http.Error(w, "report: "+err.Error(), http.StatusInternalServerError)
			return
		}
		d = d.Apply(f)
		d.Live = true
		var buf bytes.Buffer
		if err := Render(&buf, d); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
	})
}
