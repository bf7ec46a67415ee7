package cli

import (
	"context"
	"net/http"
	"time"

	"github.com/ccerr/ccerr/internal/cli/core"

	"github.com/ccerr/ccerr/internal/report"
	"github.com/ccerr/ccerr/internal/store"
)

// collectPageSpan is how far back the collect server's page reads when no
// period is chosen.
const collectPageSpan = 7 * 24 * time.Hour

// collectPage is the report page ccerr collect serves at "/": the store's
// failures of the chosen period (the last 7 days by default), entry, model
// and user, all cut in the store so that sessions and users per entry stay
// exact, with the status page's incidents, read through the one-minute
// cache. Set it as
// collect.Server.Page. statusURL "" draws no incidents.
func collectPage(sio *IO, lang, statusURL string, st *store.Store, now func() time.Time) http.Handler {
	return report.Handler(func(ctx context.Context, f report.Filter) (*report.Data, error) {
		at := now().UTC()
		since := at.Add(-collectPageSpan)
		for _, p := range report.Periods {
			if p.Name == f.Period {
				since = at.Add(-p.Back)
			}
		}
		cat, err := (&Factory{IO: sio}).Catalog()
		if err != nil {
			return nil, err
		}
		m := report.Meta{Lang: lang, Version: core.BuildVersion(), Now: at, Catalog: cat}
		if statusURL != "" {
			m.Incidents, m.StatusErr = readIncidents(sio, statusURL, at)
		}
		return report.FromStore(ctx, st, since, time.Time{}, f, m)
	})
}
