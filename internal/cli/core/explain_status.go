package core

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/status"
	"github.com/ccerr/ccerr/internal/ui"
)

// explainStatusOptions are explain's --status flags.
type explainStatusOptions struct {
	On  bool   // --status
	URL string // --status-url
}

// addExplainStatusFlag registers --status and --status-url on the explain
// command and returns where their values land.
func addExplainStatusFlag(cmd *cobra.Command) *explainStatusOptions {
	s := &explainStatusOptions{}
	fl := cmd.Flags()
	fl.BoolVar(&s.On, "status", false, "for errors on Anthropic's side, add what the status page says now")
	fl.StringVar(&s.URL, "status-url", status.DefaultURL, "status page read by --status")
	cmd.Example += "\n  ccerr explain --status \"API Error: Repeated 529 Overloaded errors\""
	return s
}

// writeExplainStatus adds the status page's current state after explain's
// text when --status was given and one of the errors is on Anthropic's
// side: the page's overall description and its open incidents, or why it
// could not be read. JSON output is left alone.
func writeExplainStatus(io *IO, lang string, s *explainStatusOptions, jsonOut bool, items []explained) {
	if s == nil || !s.On || jsonOut {
		return
	}
	server := false
	for _, it := range items {
		if it.entry.Side == catalog.SideAnthropic {
			server = true
		}
	}
	if !server {
		return
	}
	writeStatusNow(io.Out, io, lang, s.URL)
}

// writeStatusNow prints the status page's state in a line or two.
func writeStatusNow(w io.Writer, sio *IO, lang, url string) {
	t := &ui.Messages(lang).Status
	c := &status.Client{BaseURL: url, CacheDir: status.CacheDir(sio.Getenv), UserAgent: "ccerr/" + BuildVersion()}
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
