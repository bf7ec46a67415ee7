package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/cli/core"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/status"
	"github.com/ccerr/ccerr/internal/ui"
)

// statusOptions is everything `ccerr status` acts on.
type statusOptions struct {
	IO      *IO
	Lang    string
	JSON    bool
	URL     string
	Since   string
	Now     string
	Paths   []string
	Clock   func() time.Time
	Catalog func() (*catalog.Catalog, error)
	Matcher func() (scan.LineMatcher, error)
}

func newStatusCmd(f *Factory) *cobra.Command {
	opts := &statusOptions{IO: f.IO, Catalog: f.Catalog, Matcher: scanMatcher, Clock: time.Now}
	cmd := &cobra.Command{
		Use:   "status [PATH...]",
		Short: core.Short("status"),
		Long: `Status reads Anthropic's public status page and prints the components
Claude Code depends on (the API, Claude Code, claude.ai, the platform) with
their state and any open incident. It then counts the failures in Claude
Code's transcripts of the last hours (like ccerr scan, from
~/.claude/projects or the PATHs given) and says how many of them fall
inside an incident's window, and which local checks to run.

When the status page cannot be reached it says so and still reports the
local side. Answers from the page are kept for a minute in the cache
folder ($XDG_CACHE_HOME/ccerr/status), so hooks and status lines may call
it often. Everything read from the network is cleaned of control
characters before it is printed.

Exit status: 0 when it could report, even with the page unreachable; 2 for
a usage error.`,
		Example: `  ccerr status
  ccerr status --since 2h
  ccerr status --json | jq '.local.inside'
  ccerr status --status-url https://status.example.com`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			opts.Paths = args
			return runStatus(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.JSON, "json", false, "print the result as JSON")
	fl.StringVar(&opts.URL, "status-url", status.DefaultURL, "status page to read (Atlassian Statuspage)")
	fl.StringVar(&opts.Since, "since", "6h", "count local failures at or after this date, time or duration ago")
	fl.StringVar(&opts.Now, "now", "", "RFC 3339 time that durations count back from (for reproducible output)")
	_ = fl.MarkHidden("now")
	return cmd
}

// statusResult is `ccerr status --json`.
type statusResult struct {
	URL string `json:"url"`
	// Reachable is false when the page could not be read; Error says why.
	Reachable  bool               `json:"reachable"`
	Error      string             `json:"error,omitempty"`
	Indicator  string             `json:"indicator,omitempty"`
	Summary    string             `json:"description,omitempty"`
	Components []status.Component `json:"components"`
	Open       []statusIncident   `json:"open_incidents"`
	Local      statusLocal        `json:"local"`
	Checks     []string           `json:"checks"`
}

type statusIncident struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Status    string     `json:"status"`
	Impact    string     `json:"impact"`
	Started   time.Time  `json:"started_at"`
	Resolved  *time.Time `json:"resolved_at,omitempty"`
	Shortlink string     `json:"shortlink,omitempty"`
}

type statusLocal struct {
	Since    time.Time `json:"since"`
	Failures int64     `json:"failures"`
	Final    int64     `json:"final"`
	// Inside is how many failures fall in an incident's window; Incident
	// names the one holding most, InIncident how many it holds.
	Inside     int64           `json:"inside"`
	First      time.Time       `json:"first,omitzero"`
	Incident   *statusIncident `json:"incident,omitempty"`
	InIncident int64           `json:"in_incident"`
	// Server counts the failures on Anthropic's side by their kind.
	Server int64                `json:"server_side"`
	ByID   map[catalog.ID]int64 `json:"by_id"`
}

func runStatus(opts *statusOptions) error {
	t := &ui.Messages(opts.Lang).Status
	if u, err := url.Parse(opts.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usagef(t.BadURL, opts.URL)
	}
	now := opts.Clock()
	if opts.Now != "" {
		n, err := time.Parse(time.RFC3339Nano, opts.Now)
		if err != nil {
			return usagef(ui.Messages(opts.Lang).Scan.BadNow, opts.Now)
		}
		now = n
	}
	since, err := scan.ParseTime(opts.Since, now, false)
	if err != nil {
		return usagef(t.BadSince, err)
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}

	res := statusResult{URL: opts.URL, Components: []status.Component{}, Open: []statusIncident{}, Checks: []string{}}
	c := &status.Client{BaseURL: opts.URL, CacheDir: status.CacheDir(opts.IO.Getenv), Now: func() time.Time { return now }, UserAgent: "ccerr/" + core.BuildVersion()}
	ctx, cancel := context.WithTimeout(opts.IO.Ctx(), 2*status.DefaultTimeout)
	defer cancel()
	var incidents []status.Incident
	sum, err := c.Summary(ctx)
	if err == nil {
		res.Reachable = true
		res.Indicator, res.Summary = sum.Status.Indicator, sum.Status.Description
		res.Components = status.RelevantComponents(sum.Components)
		incidents = sum.Incidents
		for _, in := range sum.Incidents {
			res.Open = append(res.Open, incidentJSON(in))
		}
		if hist, err := c.Incidents(ctx); err == nil {
			incidents = append(incidents, hist...)
		}
	} else {
		res.Error = err.Error()
	}

	// The local side: a scan of the transcripts with a minute timeline.
	so := scan.Options{Paths: opts.Paths, Since: since, Until: now.Add(time.Minute), Timeline: time.Minute, Lang: opts.Lang, Catalog: cat}
	if len(so.Paths) == 0 {
		home := opts.IO.Home()
		if home == "" {
			return usage(ui.Messages(opts.Lang).Scan.NoHome)
		}
		so.Paths = []string{filepath.Join(home, ".claude", "projects")}
	}
	if so.Matcher, err = opts.Matcher(); err != nil {
		return err
	}
	rep, err := scan.Run(opts.IO.Ctx(), so)
	if err != nil {
		return err
	}
	res.Local = localSide(rep, incidents, cat, since, now)
	res.Checks = statusChecks(rep, cat)
	if opts.JSON {
		return ui.WriteJSON(opts.IO.Out, sanitizeStatus(res))
	}
	return writeStatus(opts.IO.Out, t, sanitizeStatus(res), opts.Since)
}

func incidentJSON(in status.Incident) statusIncident {
	return statusIncident{ID: in.ID, Name: in.Name, Status: in.Status, Impact: in.Impact, Started: in.Start(), Resolved: in.ResolvedAt, Shortlink: in.Shortlink}
}

// localSide counts the scan's failures and places them in the incidents'
// windows.
func localSide(rep *scan.Report, incidents []status.Incident, cat *catalog.Catalog, since, now time.Time) statusLocal {
	l := statusLocal{Since: since.UTC(), ByID: map[catalog.ID]int64{}}
	points := make([]status.Point, 0, len(rep.Timeline))
	for _, row := range rep.Timeline {
		points = append(points, status.Point{At: row.Start, N: row.Count})
	}
	for _, e := range rep.Errors {
		l.Failures += e.Count
		l.Final += e.Final
		l.ByID[e.ID] = e.Count
		if ent, ok := cat.Lookup(e.ID); ok && ent.Side == catalog.SideAnthropic {
			l.Server += e.Count
		}
	}
	a := status.Attribute(points, incidents, now)
	l.Inside, l.First = a.Inside, a.Since
	if a.Incident != nil {
		in := incidentJSON(*a.Incident)
		l.Incident, l.InIncident = &in, a.Count
	}
	return l
}

// statusChecks names the commands worth running next: doctor always, the
// live check when failures came, repair when the request itself was
// refused.
func statusChecks(rep *scan.Report, cat *catalog.Catalog) []string {
	checks := []string{"ccerr doctor"}
	request := false
	for _, e := range rep.Errors {
		if ent, ok := cat.Lookup(e.ID); ok && ent.Side == catalog.SideRequest {
			request = true
		}
	}
	if len(rep.Errors) > 0 {
		checks = append(checks, "ccerr doctor --live")
	}
	if request {
		checks = append(checks, "ccerr repair")
	}
	return checks
}

// sanitizeStatus cleans every string that came from the network.
func sanitizeStatus(r statusResult) statusResult {
	r.Error, r.Indicator, r.Summary = ui.Sanitize(r.Error), ui.Sanitize(r.Indicator), ui.Sanitize(r.Summary)
	comps := make([]status.Component, len(r.Components))
	for i, c := range r.Components {
		comps[i] = status.Component{ID: ui.Sanitize(c.ID), Name: ui.Sanitize(c.Name), Status: ui.Sanitize(c.Status), Group: c.Group}
	}
	r.Components = comps
	clean := func(in statusIncident) statusIncident {
		in.ID, in.Name, in.Status, in.Impact, in.Shortlink = ui.Sanitize(in.ID), ui.Sanitize(in.Name), ui.Sanitize(in.Status), ui.Sanitize(in.Impact), ui.Sanitize(in.Shortlink)
		return in
	}
	open := make([]statusIncident, len(r.Open))
	for i, in := range r.Open {
		open[i] = clean(in)
	}
	r.Open = open
	if r.Local.Incident != nil {
		in := clean(*r.Local.Incident)
		r.Local.Incident = &in
	}
	return r
}

func writeStatus(w io.Writer, t *ui.StatusText, r statusResult, period string) error {
	var b strings.Builder
	const stamp = "2006-01-02 15:04 UTC"
	if r.Reachable {
		fmt.Fprintf(&b, t.Page+"\n", r.URL, r.Summary)
		fmt.Fprintln(&b, t.Components)
		tbl := ui.Table{TTY: true, Indent: "  "}
		for _, c := range r.Components {
			tbl.Row(c.Name, t.States.Name(c.Status))
		}
		var tb strings.Builder
		if err := tbl.Render(&tb); err != nil {
			return err
		}
		b.WriteString(tb.String())
		if len(r.Open) == 0 {
			fmt.Fprintln(&b, t.NoOpen)
		}
		for _, in := range r.Open {
			fmt.Fprintf(&b, t.Open, in.Name, in.Impact, in.Started.Format(stamp))
			if in.Shortlink != "" {
				b.WriteString(" " + in.Shortlink)
			}
			b.WriteByte('\n')
		}
	} else {
		fmt.Fprintf(&b, t.Unreachable+"\n", r.URL, r.Error)
	}
	b.WriteByte('\n')
	l := r.Local
	if l.Failures == 0 {
		fmt.Fprintf(&b, t.NoLocal+"\n", period)
	} else {
		fmt.Fprintf(&b, t.Local+"\n", period, l.Failures, l.Final)
		first := l.First.Format("15:04")
		if l.First.IsZero() {
			first = l.Since.Format("15:04")
		}
		switch {
		case l.Incident != nil:
			fmt.Fprintf(&b, t.Inside+"\n", l.Inside, l.Failures, first, l.Incident.Name)
		case r.Reachable:
			fmt.Fprintf(&b, t.Outside+"\n", l.Failures, first)
			if l.Server > 0 {
				fmt.Fprintf(&b, t.ServerNoIncident+"\n", l.Server)
			}
		}
	}
	fmt.Fprintln(&b, t.Checks)
	what := map[string]string{"ccerr doctor": t.Doctor, "ccerr doctor --live": t.DoctorLive, "ccerr repair": t.Repair}
	tbl := ui.Table{TTY: true, Indent: "  "}
	for _, c := range r.Checks {
		tbl.Row(c, what[c])
	}
	var tb strings.Builder
	if err := tbl.Render(&tb); err != nil {
		return err
	}
	b.WriteString(tb.String())
	_, err := io.WriteString(w, b.String())
	return err
}
