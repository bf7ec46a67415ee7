package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ccerr/ccerr/internal/cli/core"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/repair"
	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/session"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/match"
)

// scanOptions is everything `ccerr scan` acts on.
type scanOptions struct {
	IO    *IO
	Lang  string
	JSON  bool
	Paths []string // files, folders, globs, "-"; none means ~/.claude/projects
	Since string
	Until string
	IDs   []string // --id values, possibly comma lists
	By    string
	// NoPoisonCheck leaves out repair's detector (a faster scan).
	NoPoisonCheck bool
	// Now is the time durations count back from: --now when given, else Clock.
	Now   string
	Clock func() time.Time

	Catalog func() (*catalog.Catalog, error)
	Matcher func() (scan.LineMatcher, error)
	// ProgressAfter is how long a scan runs before the progress line appears.
	ProgressAfter time.Duration
	html          *htmlOptions // --html (scan_html.go)
}

// scanMatcher builds the matcher scan uses.
var scanMatcher = func() (scan.LineMatcher, error) { return match.Default() }

func newScanCmd(f *Factory) *cobra.Command {
	opts := &scanOptions{IO: f.IO, Catalog: f.Catalog, Matcher: scanMatcher, Clock: time.Now, ProgressAfter: time.Second}
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: core.Short("scan"),
		Long: `Scan reads Claude Code session transcripts and other logs and reports which
documented errors happened, how often, when, and in which sessions.

With no PATH it reads ~/.claude/projects, where Claude Code keeps one JSON
lines file per session. A PATH may be a file, a folder (walked; files
ending in .jsonl, .log, .txt or .out, optionally .gz, are read), a glob
pattern, or "-" for standard input. Gzip files are recognised by their
content.

In transcripts only the lines Claude Code wrote because a request failed
count: each retry it announced, and each final error message it showed. An
error quoted in a prompt is not counted. In other logs every line carrying a
documented error counts once.

Each Claude Code transcript (an uncompressed .jsonl file) is also checked,
as it is read, with the detector of "ccerr repair": a tool call left without
its result, an image or PDF over the API's limits, a thinking block that
will not verify. Sessions holding one fail on every request once resumed;
they are listed with the command that mends them. --id keeps only those
problems; --since and --until do not apply, since the problem is in the
session now, whenever it was written. The check parses every line, so it
makes a scan several times slower; --no-poison-check leaves it out.

Damaged input (unreadable files, lines that are not JSON, a cut-off last
line or gzip stream, lines over 4 MiB, invalid UTF-8) is skipped, listed in
the report and on standard error, and does not stop the scan.

--since and --until take a date (2026-11-20, in UTC; --until includes that
day), an RFC 3339 time, or a duration back from now (7d, 12h, 2w).

With --json it prints one JSON object: totals (files, bytes, lines,
events), "errors" with one row per id (final, retries, count = final +
retries, first and last seen in RFC 3339, sessions), "worst_days",
"top_sessions", "fixes", the --by breakdown when asked for, "poisoned" (one
row per poisoned session: session, path, project, findings by id, count,
command; [] when none) and "skipped".

Exit status: 0 when the scan completed, even with skipped input; 2 for a
usage error or when nothing at all could be read.`,
		Example: `  ccerr scan
  ccerr scan --since 7d --by day
  ccerr scan --json | jq -r '.poisoned[].command'
  ccerr scan ~/.claude/projects/-home-me-app --id overloaded,rate-limited
  ccerr scan ci-logs/*.log.gz --json | jq '.errors[] | {id, count}'
  kubectl logs deploy/agent | ccerr scan -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			opts.Paths = args
			return runScan(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	fl.StringVar(&opts.Since, "since", "", "count events at or after this date, time or duration ago (2026-11-20, 7d)")
	fl.StringVar(&opts.Until, "until", "", "count events before this time; a date includes that whole day")
	fl.StringSliceVar(&opts.IDs, "id", nil, "count only these error ids (repeat or separate with commas)")
	fl.StringVar(&opts.By, "by", "", "add a breakdown by day, project or session")
	fl.BoolVar(&opts.NoPoisonCheck, "no-poison-check", false, "skip checking transcripts for what makes a session fail on every turn (faster)")
	fl.StringVar(&opts.Now, "now", "", "RFC 3339 time that durations count back from (for reproducible reports)")
	_ = fl.MarkHidden("now")
	opts.html = addHTMLFlag(cmd)
	_ = cmd.RegisterFlagCompletionFunc("id", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return core.CompleteIDs(f, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	_ = cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions(scan.Breakdowns, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runScan(opts *scanOptions) error {
	m := &ui.Messages(opts.Lang).Scan
	so := scan.Options{Paths: opts.Paths, Stdin: opts.IO.In, Lang: opts.Lang, By: opts.By,
		SessionDirs: session.ProjectsDirs(opts.IO.Getenv, opts.IO.Home())}
	if !opts.NoPoisonCheck {
		so.CheckSession = checkSession
	}
	defaulted := len(so.Paths) == 0
	if defaulted {
		home := opts.IO.Home()
		if home == "" {
			return usage(m.NoHome)
		}
		so.Paths = []string{filepath.Join(home, ".claude", "projects")}
	}
	if opts.By != "" && !slices.Contains(scan.Breakdowns, opts.By) {
		return usagef(m.BadBy, strings.Join(scan.Breakdowns, ", "), opts.By)
	}

	now := opts.Clock()
	if opts.Now != "" {
		t, err := time.Parse(time.RFC3339Nano, opts.Now)
		if err != nil {
			return usagef(m.BadNow, opts.Now)
		}
		now = t
	}
	var err error
	if opts.Since != "" {
		if so.Since, err = scan.ParseTime(opts.Since, now, false); err != nil {
			return usagef(m.BadSince, err)
		}
	}
	if opts.Until != "" {
		if so.Until, err = scan.ParseTime(opts.Until, now, true); err != nil {
			return usagef(m.BadUntil, err)
		}
	}
	if !so.Since.IsZero() && !so.Until.IsZero() && !so.Since.Before(so.Until) {
		return usagef(m.SinceAfterUntil, so.Since.Format(time.RFC3339), so.Until.Format(time.RFC3339))
	}

	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	so.Catalog = cat
	for _, v := range opts.IDs {
		for _, id := range strings.Split(v, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if _, ok := cat.Lookup(catalog.ID(id)); !ok && catalog.ID(id) != scan.Unknown {
				return usagef(m.UnknownID, id)
			}
			so.IDs = append(so.IDs, catalog.ID(id))
		}
	}
	if so.Matcher, err = opts.Matcher(); err != nil {
		return err
	}

	so.Timeline = opts.html.timeline()
	stop := startProgress(opts, &so)
	report, err := scan.Run(opts.IO.Ctx(), so)
	stop()
	if err != nil {
		return err
	}

	for _, s := range report.Skipped {
		fmt.Fprintln(opts.IO.Err, fmt.Sprintf(m.SkippedNotice, skipText(s, m)))
	}
	if report.Files == 0 && len(report.Skipped) > 0 {
		if defaulted {
			return usagef(m.NoTranscripts, so.Paths[0])
		}
		return usage(m.NothingRead)
	}

	if err := writeScanHTML(opts, opts.html, report); err != nil {
		return err
	}
	if opts.JSON {
		return ui.WriteJSON(opts.IO.Out, report)
	}
	return writeScanTable(opts.IO.Out, report, opts.IO.OutTTY, ui.Style{Color: opts.IO.Color(opts.IO.OutTTY)}, opts.Lang)
}

// checkSession runs repair's detector over one transcript for scan, with
// repair's default limits, so that scan lists exactly the sessions `ccerr
// repair` would mend. Damage that causes no catalog error (a cut-off line,
// a broken parent link) does not make a session poisoned.
func checkSession(r io.Reader) (scan.Poison, error) {
	rep, err := repair.Check(r, repair.Options{})
	if err != nil {
		return scan.Poison{}, err
	}
	p := scan.Poison{Session: rep.Session, Findings: map[catalog.ID]int{}}
	for _, f := range rep.Findings {
		if f.ID != "" {
			p.Findings[f.ID]++
		}
	}
	return p, nil
}

// startProgress shows a progress line on a terminal's standard error once
// the scan has run for ProgressAfter, and redraws it a few times a second.
// The returned function stops it and clears the line.
func startProgress(opts *scanOptions, so *scan.Options) (stop func()) {
	if !opts.IO.ErrTTY {
		return func() {}
	}
	var files, bytes atomic.Int64
	so.OnFile = func(_ string, n int64) {
		files.Add(1)
		bytes.Add(n)
	}
	progress := ui.Messages(opts.Lang).Scan.Progress
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		delay := time.NewTimer(opts.ProgressAfter)
		defer delay.Stop()
		select {
		case <-done:
			return
		case <-delay.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprint(opts.IO.Err, ui.StatusLine(fmt.Sprintf(progress, files.Load(), float64(bytes.Load())/(1<<20))))
			select {
			case <-done:
				fmt.Fprint(opts.IO.Err, ui.ClearStatus)
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
