package core

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
)

// DefaultStatusURL is the status page explain --status reads by default:
// internal/status's DefaultURL (TestDefaultStatusURL keeps them equal),
// spelled here so that the quick program does not link the status client.
const DefaultStatusURL = "https://status.claude.com"

// StatusNow prints the status page's state now, for explain --status.
// Package cli supplies it; the quick program hands --status over instead.
type StatusNow func(w io.Writer, sio *IO, lang, url string)

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
	fl.StringVar(&s.URL, "status-url", DefaultStatusURL, "status page read by --status")
	cmd.Example += "\n  ccerr explain --status \"API Error: Repeated 529 Overloaded errors\""
	return s
}

// writeExplainStatus adds the status page's current state after explain's
// text when --status was given and one of the errors is on Anthropic's
// side: the page's overall description and its open incidents, or why it
// could not be read. JSON output is left alone.
func writeExplainStatus(io *IO, lang string, s *explainStatusOptions, jsonOut bool, items []explained, statusNow StatusNow) {
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
	if statusNow != nil {
		statusNow(io.Out, io, lang, s.URL)
	}
}
