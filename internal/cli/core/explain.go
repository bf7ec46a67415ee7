package core

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
	"github.com/ccerr/ccerr/match"
)

// hitFinder is what explain needs of a matcher; *match.Matcher provides it.
type hitFinder interface {
	Text(s string) []match.Hit
	Reader(r io.Reader) ([]match.Hit, error)
}

// explainOptions is everything `ccerr explain` acts on.
type explainOptions struct {
	IO      *IO
	Lang    string
	JSON    bool
	IDs     []string // --id values, possibly comma lists
	IDGiven bool     // --id was on the command line, even with an empty value
	Args    []string // text arguments; none or ["-"] means standard input
	Catalog func() (*catalog.Catalog, error)
	Matcher func() (hitFinder, error)
	status  *explainStatusOptions // --status (explain_status.go)

	statusNow StatusNow // prints the status page's state; nil to print nothing
}

func newExplainCmd(f *Factory) *cobra.Command {
	opts := &explainOptions{IO: f.IO, Catalog: f.Catalog, Matcher: defaultMatcher, statusNow: f.statusNow}
	cmd := &cobra.Command{
		Use:   "explain [TEXT...]",
		Short: "Say which documented Claude Code error a text shows, and what to do",
		Long: `Explain recognises the runtime errors Claude Code documents in whatever you
give it: a message copied from the terminal, a whole session log, a stack
trace with the error JSON-escaped inside it. For each error it finds it says
what the error means, whose side the problem is on, whether Claude Code had
already retried before showing it, and the steps to fix it.

The text comes from the arguments (several arguments are read as separate
lines) or, when there are none or the only one is "-", from standard input,
read as a stream of any size.

Use --id to show an entry without matching anything; ` + "`ccerr list`" + ` shows
every id.

With --json it prints one JSON object, {"matches":[...]}, with one element
per error found, in order of first appearance: id, category, title,
retried, count, line, excerpt, fields (what was extracted, such as status
or request_id), meaning, fixes, side and cause. "matches" is [] when
nothing was found. The field names are stable.

Exit status: 0 when at least one error was recognised, 1 when none was,
2 for a usage error or input that could not be read.`,
		Example: `  ccerr explain "API Error: Repeated 529 Overloaded errors"
  claude -p "hi" 2>&1 | ccerr explain
  ccerr explain < session.log
  ccerr explain --id overloaded,rate-limited --lang zh
  pbpaste | ccerr explain --json | jq -r '.matches[].id'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			opts.Args = args
			opts.IDGiven = cmd.Flags().Changed("id")
			return runExplain(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.IDs, "id", nil, "show the entries with these ids without matching (repeat or separate with commas)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the result as JSON")
	opts.status = addExplainStatusFlag(cmd)
	_ = cmd.RegisterFlagCompletionFunc("id", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return completeIDs(f, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	})
	return cmd
}

// completeIDs offers the catalog ids that extend the last element of a
// comma-separated list, each with its title as the description.
func completeIDs(f *Factory, toComplete string) []string {
	c, err := f.Catalog()
	if err != nil {
		return nil
	}
	head, last := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		head, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []string
	for _, e := range c.Entries() {
		if strings.HasPrefix(string(e.ID), last) {
			out = append(out, head+string(e.ID)+"\t"+e.In(f.Lang()).Title)
		}
	}
	return out
}

func runExplain(opts *explainOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	l := &ui.Messages(opts.Lang).Explain

	var items []explained
	blank := false
	if len(opts.IDs) > 0 || opts.IDGiven {
		if len(opts.Args) > 0 {
			return usage(l.IDWithText)
		}
		if items, err = lookupIDs(cat, opts.IDs, l); err != nil {
			return err
		}
	} else {
		hits, empty, err := findHits(opts)
		if err != nil {
			return err
		}
		blank = empty
		for i := range hits {
			if e, ok := cat.Lookup(hits[i].ID); ok {
				items = append(items, explained{entry: e, hit: &hits[i]})
			}
		}
	}

	if opts.JSON {
		err = renderExplainJSON(opts.IO.Out, items, opts.Lang)
	} else {
		err = renderExplainText(opts.IO.Out, items, textOptionsFor(opts.IO, opts.Lang))
	}
	if err != nil {
		return err
	}
	writeExplainStatus(opts.IO, opts.Lang, opts.status, opts.JSON, items, opts.statusNow)
	if len(items) == 0 {
		hint := l.NoMatch
		if blank {
			hint = l.EmptyInput
		}
		fmt.Fprintln(opts.IO.Err, "ccerr: "+hint)
		return &SilentError{Code: ExitFailure}
	}
	return nil
}

// textOptionsFor lays out human output for the given IO: colour and
// wrapping on a terminal, plain unwrapped lines in a pipe.
func textOptionsFor(s *IO, lang string) textOptions {
	o := textOptions{lang: lang, style: ui.Style{Color: s.Color(s.OutTTY)}}
	if s.OutTTY {
		o.width = min(s.Width(), 100)
	}
	return o
}

// lookupIDs resolves --id values (each possibly a comma list) in the order
// given, without duplicates.
func lookupIDs(cat *catalog.Catalog, values []string, l *ui.ExplainText) ([]explained, error) {
	var items []explained
	var seen []string
	for _, v := range values {
		for id := range strings.SplitSeq(v, ",") {
			id = strings.TrimSpace(id)
			if id == "" || slices.Contains(seen, id) {
				continue
			}
			e, ok := cat.Lookup(catalog.ID(id))
			if !ok {
				return nil, usagef(l.UnknownID, id)
			}
			seen = append(seen, id)
			items = append(items, explained{entry: e})
		}
	}
	if len(items) == 0 {
		return nil, usage(l.NoID)
	}
	return items, nil
}

// findHits runs the matcher over the arguments or standard input. empty
// reports that the input held nothing but white space.
func findHits(opts *explainOptions) (hits []match.Hit, empty bool, err error) {
	l := &ui.Messages(opts.Lang).Explain
	stdin := len(opts.Args) == 0 || (len(opts.Args) == 1 && opts.Args[0] == "-")
	if !stdin && slices.Contains(opts.Args, "-") {
		return nil, false, usage(l.StdinMixed)
	}
	m, err := opts.Matcher()
	if err != nil {
		return nil, false, err
	}
	if !stdin {
		// Each argument is a line: a message pasted as several quoted
		// arguments, or split by the shell, keeps its line structure.
		text := strings.Join(opts.Args, "\n")
		return m.Text(text), strings.TrimSpace(text) == "", nil
	}
	if isTerminalReader(opts.IO.In) && opts.IO.ErrTTY {
		fmt.Fprintln(opts.IO.Err, l.PasteHint)
	}
	in := &blankWatcher{r: opts.IO.In}
	hits, err = m.Reader(in)
	if err != nil {
		return nil, false, usagef(l.StdinUnreadable, err)
	}
	return hits, !in.nonBlank, nil
}

// blankWatcher passes a stream through and notes whether anything but white
// space went by, so that empty input gets its own hint.
type blankWatcher struct {
	r        io.Reader
	nonBlank bool
}

func (b *blankWatcher) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if !b.nonBlank {
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
				b.nonBlank = true
				break
			}
		}
	}
	return n, err
}

// isTerminalReader reports whether r is a terminal (someone about to type or
// paste), as opposed to a pipe or a file.
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
