package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/status"
	"github.com/ccerr/ccerr/internal/ui"
)

// writeStatusNow prints the status page's state in a line or two.
func writeStatusNow(w io.Writer, sio *IO, lang, url string) {
	t := &ui.Messages(lang).Status
	c := &status.Client{BaseURL: url, CacheDir: status.CacheDir(sio.Getenv), UserAgent: "ccerr/" + core.BuildVersion()}
	ctx, cancel := context.WithTimeout(sio.Ctx(), 2*status.DefaultTimeout)
	defer cancel()
	sum, err := c.Summary(ctx)
	fmt.Fprintln(w)
	if err != nil {
		fmt.Fprintln(w, fmt.Sprintf(t.NowUnreachable, ui.Sanitize(url), ui.Sanitize(err.Error())))
		return
	}
	fmt.Fprintln(w, fmt.Sprintf(t.Now, ui.Sanitize(sum.Status.Description)))
	for _, in := range sum.Incidents {
		line := fmt.Sprintf(t.NowIncident, ui.Sanitize(in.Name))
		if in.Shortlink != "" {
			line += " " + ui.Sanitize(in.Shortlink)
		}
		fmt.Fprintln(w, line)
	}
}
