package cli

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/ccerr/ccerr/internal/atomicfile"
	"github.com/ccerr/ccerr/internal/cli/core"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/internal/report"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/status"
	"github.com/ccerr/ccerr/internal/ui"
)

// htmlOptions are scan's --html flags.
type htmlOptions struct {
	File      string // --html: the page to write; empty for none
	StatusURL string // --status-url: where incidents are read
	NoStatus  bool   // --no-status: draw no incidents, read nothing from the network
}

// addHTMLFlag registers --html, --status-url and --no-status on the scan
// command and returns where their values land.
func addHTMLFlag(cmd *cobra.Command) *htmlOptions {
	h := &htmlOptions{}
	fl := cmd.Flags()
	fl.StringVar(&h.File, "html", "", "also write the report as one self-contained HTML page to this file")
	fl.StringVar(&h.StatusURL, "status-url", status.DefaultURL, "status page whose incidents the --html page draws")
	fl.BoolVar(&h.NoStatus, "no-status", false, "with --html, do not read the status page (no incident bands)")
	cmd.Example += "\n  ccerr scan --since 7d --html errors.html"
	return h
}

// timeline is the scan.Options.Timeline step the flags ask for.
func (h *htmlOptions) timeline() time.Duration {
	if h == nil || h.File == "" {
		return 0
	}
	return report.ScanStep
}

// writeScanHTML writes the page for a finished scan when --html was given:
// the status page's incidents are read (a failure only leaves the bands
// out and says why on the page), the page is built in memory and replaces
// the file atomically.
func writeScanHTML(opts *scanOptions, h *htmlOptions, r *scan.Report) error {
	if h == nil || h.File == "" {
		return nil
	}
	t := &ui.Messages(opts.Lang).Report
	now := opts.Clock()
	if opts.Now != "" {
		if n, err := time.Parse(time.RFC3339Nano, opts.Now); err == nil {
			now = n
		}
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	m := report.Meta{Lang: opts.Lang, Version: core.BuildVersion(), Now: now, Catalog: cat}
	if !h.NoStatus {
		m.Incidents, m.StatusErr = readIncidents(opts.IO, h.StatusURL, now)
	}
	var buf bytes.Buffer
	if err := report.Render(&buf, report.FromScan(r, m)); err != nil {
		return err
	}
	if err := atomicfile.Write(h.File, buf.Bytes(), 0o644); err != nil {
		return usagef(t.BadHTML, h.File, err)
	}
	fmt.Fprintln(opts.IO.Err, fmt.Sprintf(t.Wrote, ui.Sanitize(h.File), sizeText(int64(buf.Len()))))
	return nil
}

// readIncidents reads the status page's recent incidents (history and open
// ones), or says why it could not.
func readIncidents(io *IO, url string, now time.Time) ([]status.Incident, string) {
	c := &status.Client{BaseURL: url, CacheDir: status.CacheDir(io.Getenv), Now: func() time.Time { return now }, UserAgent: "ccerr/" + core.BuildVersion()}
	ctx, cancel := context.WithTimeout(io.Ctx(), 2*status.DefaultTimeout)
	defer cancel()
	list, err := c.Incidents(ctx)
	if err != nil {
		return nil, err.Error()
	}
	if open, err := c.Unresolved(ctx); err == nil {
		list = append(list, open...)
	}
	return list, ""
}

// sizeText is a file size for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
