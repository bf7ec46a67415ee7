package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/repair"
	"github.com/ccerr/ccerr/internal/session"
	"github.com/ccerr/ccerr/internal/ui"
)

// repairOptions is everything `ccerr repair` acts on.
type repairOptions struct {
	IO   *IO
	Lang string

	Target       string // a session id or a path; empty with --last
	Last         bool
	DryRun       bool
	JSON         bool
	Force        bool
	DropThinking bool
	MaxImages    int
	// Now is the clock for the in-use check and the backup's name: --now
	// when given (hidden, for reproducible tests), else Clock.
	Now   string
	Clock func() time.Time
}

func newRepairCmd(f *Factory) *cobra.Command {
	opts := &repairOptions{IO: f.IO, Clock: time.Now}
	cmd := &cobra.Command{
		Use:   "repair [SESSION-ID | PATH | --last]",
		Short: core.Short("repair"),
		Long: `Repair finds what makes a Claude Code session fail each time it is resumed
and mends the transcript, so that "claude --resume" works again without
throwing the conversation away.

It reads the session the way Claude Code does on resume: from the last
message back through each line's parentUuid (stopping at a compaction
boundary, leaving subagent sidechains aside), and looks for:

  tool history  a tool call with no result in the next turn, a result whose
                call is not in the turn before, a tool id used twice
                (API Error: 400 due to tool use concurrency issues)
  media         images over the size or 8000 px limit, over 2000 px when
                the request holds more than 20 images, unreadable images,
                more images than a request may carry; PDFs over 100 pages
                or 32 MB, password-protected or broken; a conversation over
                the 32 MB request limit. Sizes, pixels and pages are read
                from the data itself
  thinking      thinking blocks with an empty signature, from another
                model, or whose signer the API already rejected
  damage        lines that are not JSON or were cut off, and a parentUuid
                that names no line

Each mend is the smallest change that removes the problem: a lost tool
result is added back as an error result, an orphan result or repeated call
is dropped, an image or PDF is replaced by a short note that says what was
removed and why, an unverifiable thinking block is dropped, a damaged line
is dropped and the chain re-linked. Every other line is kept byte for byte.

A SESSION-ID is looked up under $CLAUDE_CONFIG_DIR/projects and
~/.claude/projects; --last takes the most recently written session of the
current folder's project. Before writing, repair copies the transcript to
<file>.<time>.bak beside it, then replaces it atomically. It refuses a
session that looks in use (a claude process holds it open or names it, or
it was written in the last 5 seconds) unless --force.

With --json it prints one object: path, lines, bytes, session, chain, leaf,
findings (class, kind, line, uuid, timestamp, id, details, mend), written
and backup.

Exit status: 0 when the session is clean or was mended; 1 when problems
remain (always with --dry-run when there are findings), the session is in
use, or writing failed; 2 for a usage error or a session that cannot be
found.`,
		Example: `  ccerr repair --last --dry-run
  ccerr repair 3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b
  ccerr repair ~/.claude/projects/-home-me-app/3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b.jsonl --json
  ccerr repair --last --drop-thinking   # before resuming with another provider`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			if len(args) == 1 {
				opts.Target = args[0]
			}
			return runRepair(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Last, "last", false, "repair the most recently written session of the current folder's project")
	fl.BoolVarP(&opts.DryRun, "dry-run", "n", false, "show the findings and mends without writing")
	fl.BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	fl.BoolVar(&opts.Force, "force", false, "repair even when the session looks in use")
	fl.BoolVar(&opts.DropThinking, "drop-thinking", false, "drop every signed thinking block (before resuming with another provider)")
	fl.IntVar(&opts.MaxImages, "max-images", repair.DefaultMaxImages, "most images a request may carry (600 on models with a 1M context)")
	fl.StringVar(&opts.Now, "now", "", "RFC 3339 time to use as the current time (for reproducible runs)")
	_ = fl.MarkHidden("now")
	return cmd
}

// resolveSession turns the argument or --last into a transcript path.
func resolveSession(opts *repairOptions) (string, error) {
	dirs := session.ProjectsDirs(opts.IO.Getenv, opts.IO.Home())
	switch {
	case opts.Last && opts.Target != "":
		return "", usagef("give a SESSION-ID or PATH, or --last, not both")
	case opts.Last:
		if opts.IO.Dir == "" {
			return "", usagef("--last needs the current folder, which is unknown; name the session instead")
		}
		p, err := session.Last(dirs, opts.IO.Dir)
		if err != nil {
			return "", &UsageError{Err: fmt.Errorf("--last: %w", err)}
		}
		return p, nil
	case opts.Target == "":
		return "", usagef("name the session to repair: a SESSION-ID, a PATH to its .jsonl file, or --last")
	}
	if info, err := os.Stat(opts.Target); err == nil {
		if info.IsDir() {
			return "", usagef("%s is a folder; name one session's .jsonl file", ui.Sanitize(opts.Target))
		}
		return opts.Target, nil
	}
	if session.IsID(opts.Target) {
		p, err := session.FindID(dirs, opts.Target)
		if err != nil {
			return "", &UsageError{Err: err}
		}
		return p, nil
	}
	return "", usagef("%s is neither a file nor a session id (a UUID such as 3f2c9a1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b)", ui.Sanitize(opts.Target))
}

func runRepair(opts *repairOptions) error {
	if opts.MaxImages < 1 {
		return usagef("--max-images must be at least 1, not %d", opts.MaxImages)
	}
	now := opts.Clock
	if opts.Now != "" {
		t, err := time.Parse(time.RFC3339Nano, opts.Now)
		if err != nil {
			return usagef("--now: %q is not an RFC 3339 time", opts.Now)
		}
		now = func() time.Time { return t }
	}
	path, err := resolveSession(opts)
	if err != nil {
		return err
	}
	m := ui.Messages(opts.Lang).Repair
	out, err := repair.File(path, repair.FileOptions{
		Options: repair.Options{MaxImages: opts.MaxImages, DropThinking: opts.DropThinking},
		DryRun:  opts.DryRun,
		Force:   opts.Force,
		Now:     now,
	})
	var busy *repair.BusyError
	switch {
	case errors.As(err, &busy):
		why := fmt.Sprintf(m.BusyRecent, busy.Busy.Age.Round(time.Millisecond))
		if busy.Busy.PID != 0 {
			why = fmt.Sprintf(m.BusyProcess, busy.Busy.PID, ui.Sanitize(busy.Busy.Command))
		}
		return fmt.Errorf(m.Busy, ui.Sanitize(path), why)
	case err != nil && out == nil:
		return errors.New(ui.Sanitize(err.Error()))
	case err != nil:
		return errors.New(ui.Sanitize(err.Error()))
	}
	if opts.JSON {
		if err := ui.WriteJSON(opts.IO.Out, out); err != nil {
			return err
		}
	} else if err := renderRepair(opts.IO.Out, out, opts); err != nil {
		return err
	}
	if remaining(out) > 0 {
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

// remaining counts the findings still in the file after the run.
func remaining(out *repair.Outcome) int {
	if !out.Written {
		return len(out.Findings)
	}
	n := 0
	for _, f := range out.Findings {
		if f.Mend.Action == repair.NoMend {
			n++
		}
	}
	return n
}

// renderRepair writes the report for people: a table on a terminal,
// tab-separated rows in a pipe, then the outcome.
func renderRepair(w io.Writer, out *repair.Outcome, opts *repairOptions) error {
	s := opts.IO
	m := ui.Messages(opts.Lang).Repair
	st := ui.Style{Color: s.Color(s.OutTTY)}
	if s.OutTTY {
		fmt.Fprintln(w, st.Bold(fmt.Sprintf(m.Session, ui.Sanitize(out.Path))))
		fmt.Fprintf(w, m.Summary+"\n", out.Lines, out.Chain)
	}
	if len(out.Findings) == 0 {
		fmt.Fprintln(w, m.Clean)
		return nil
	}
	t := &ui.Table{TTY: s.OutTTY, Align: "r"}
	if s.OutTTY {
		fmt.Fprintln(w)
		t.Width = s.Width()
		t.Header = []string{m.ColLine, m.ColProblem, m.ColError, m.ColMend}
		t.HeaderStyle = st.Dim
		t.Styles = []func(string) string{st.Dim, nil, st.Yellow, nil}
	}
	for _, f := range out.Findings {
		id := string(f.ID)
		if id == "" {
			id = "-"
		}
		problem := fmt.Sprintf(m.Problem, className(m, f.Class), describeFinding(m, &f))
		t.Row(fmt.Sprint(f.Line), problem, id, describeMend(m, &f.Mend))
	}
	if err := t.Render(w); err != nil {
		return err
	}
	if s.OutTTY {
		fmt.Fprintln(w)
	} else {
		// In a pipe standard output carries the rows only.
		w = s.Err
	}
	n := len(out.Findings)
	switch {
	case out.Written:
		fmt.Fprintf(w, m.Written+"\n", n, ui.Sanitize(out.Backup))
		if r := remaining(out); r > 0 {
			fmt.Fprintf(w, m.Unmended+"\n", r)
		} else if out.Session != "" {
			fmt.Fprintf(w, m.Resume+"\n", ui.Sanitize(out.Session))
		}
	case opts.DryRun:
		fmt.Fprintf(w, m.DryRun+"\n", n)
	default:
		fmt.Fprintf(w, m.Unmended+"\n", n)
	}
	return nil
}

func className(m ui.RepairText, c repair.Class) string {
	switch c {
	case repair.ClassTool:
		return m.Tool
	case repair.ClassMedia:
		return m.Media
	case repair.ClassThinking:
		return m.Thinking
	}
	return m.Damage
}

// mediaSize renders a byte count: "12.3 MB", "480 KB".
func mediaSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// describeImage says "PNG 9000×2 px, 1.2 MB".
func describeImage(md *repair.Media) string {
	var parts []string
	if md.Format != "" {
		parts = append(parts, strings.ToUpper(md.Format))
	}
	if md.Width > 0 {
		parts = append(parts, fmt.Sprintf("%d×%d px", md.Width, md.Height))
	}
	parts = append(parts, mediaSize(md.Bytes))
	return strings.Join(parts, ", ")
}

// describeFinding is one sentence saying what is wrong. Everything taken
// from the transcript is sanitised by the table.
func describeFinding(m ui.RepairText, f *repair.Finding) string {
	md := f.Media
	if md == nil {
		md = &repair.Media{}
	}
	switch f.Kind {
	case repair.ToolResultMissing:
		return fmt.Sprintf(m.ToolResultMissing, f.ToolUseID)
	case repair.ToolResultOrphan:
		return fmt.Sprintf(m.ToolResultOrphan, f.ToolUseID)
	case repair.ToolResultDuplicate:
		return fmt.Sprintf(m.ToolResultDuplicate, f.ToolUseID)
	case repair.ToolUseDuplicate:
		return fmt.Sprintf(m.ToolUseDuplicate, f.ToolUseID)
	case repair.ImageTooLarge:
		return fmt.Sprintf(m.ImageTooLarge, describeImage(md), mediaSize(md.Limit))
	case repair.ImageTooWide:
		return fmt.Sprintf(m.ImageTooWide, describeImage(md), md.Limit)
	case repair.ImageManyTooWide:
		return fmt.Sprintf(m.ImageManyTooWide, describeImage(md), md.Count, md.Limit)
	case repair.ImageUnreadable:
		return fmt.Sprintf(m.ImageUnreadable, describeImage(md), md.Reason)
	case repair.ImagesTooMany:
		return fmt.Sprintf(m.ImagesTooMany, describeImage(md), md.Count, md.Limit)
	case repair.PDFTooLarge:
		if md.Limit == repair.DefaultPDFPages {
			return fmt.Sprintf(m.PDFPages, md.Pages, md.Limit)
		}
		return fmt.Sprintf(m.PDFBytes, mediaSize(md.Bytes), mediaSize(md.Limit))
	case repair.PDFEncrypted:
		return fmt.Sprintf(m.PDFEncrypted, md.Pages)
	case repair.PDFInvalid:
		return fmt.Sprintf(m.PDFInvalid, md.Reason)
	case repair.RequestTooLarge:
		return fmt.Sprintf(m.RequestTooLarge, mediaSize(md.Bytes), mediaSize(md.Limit))
	case repair.ThinkingUnsigned:
		return m.ThinkingUnsigned
	case repair.ThinkingModel:
		return fmt.Sprintf(m.ThinkingModel, f.Model, f.Current)
	case repair.ThinkingRejected:
		return m.ThinkingRejected
	case repair.LineInvalid:
		return m.LineInvalid
	case repair.LineTruncated:
		return m.LineTruncated
	case repair.LineTooLong:
		return fmt.Sprintf(m.LineTooLong, mediaSize(md.Bytes))
	case repair.ParentMissing:
		return fmt.Sprintf(m.ParentMissing, f.Parent)
	}
	return string(f.Kind)
}

// describeMend is one phrase saying what the mend does.
func describeMend(m ui.RepairText, md *repair.Mend) string {
	switch md.Action {
	case repair.AddToolResult:
		return fmt.Sprintf(m.AddToolResult, md.Line)
	case repair.DropBlock:
		return fmt.Sprintf(m.DropBlock, md.Path)
	case repair.ReplaceBlock:
		return fmt.Sprintf(m.ReplaceBlock, md.Path)
	case repair.DropLine:
		return m.DropLine
	case repair.Relink:
		if md.Parent == "" {
			return m.RelinkRoot
		}
		return fmt.Sprintf(m.Relink, md.Parent)
	}
	return m.NoMend
}
