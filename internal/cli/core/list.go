package core

import (
	"cmp"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
)

// listOptions is everything `ccerr list` acts on.
type listOptions struct {
	IO       *IO
	Lang     string
	JSON     bool
	Category string // empty means every category
	Catalog  func() (*catalog.Catalog, error)
}

func newListCmd(f *Factory) *cobra.Command {
	opts := &listOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every documented Claude Code error, grouped by category",
		Long: `List prints the reference table of every runtime error ccerr knows: its id
(what ` + "`ccerr explain --id`" + ` and --json use), its title, the first message
Claude Code prints for it, and whether Claude Code retries it before showing
it. Entries are grouped by category, in the order of the reference.

On a terminal the table is aligned, with a heading per category. In a pipe
each entry is one tab-separated line: category, id, title, message, and
"yes" or "no" for retried.

With --json it prints {"entries":[...]}, one object per entry with its id,
category, title, side, every known wording in "messages", and "retried".`,
		Example: `  ccerr list
  ccerr list --category auth --lang zh
  ccerr list | cut -f2
  ccerr list --json | jq -r '.entries[] | select(.retried) | .id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			return runList(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Category, "category", "", "show only this category: "+categoryList())
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the entries as JSON")
	_ = cmd.RegisterFlagCompletionFunc("category", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		names := ui.Messages(f.Lang()).Common.Categories
		var out []string
		for _, c := range catalog.Categories {
			out = append(out, string(c)+"\t"+names.Name(c))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// categoryList is the valid --category values, comma separated.
func categoryList() string {
	names := make([]string, len(catalog.Categories))
	for i, c := range catalog.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

func runList(opts *listOptions) error {
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	cats := catalog.Categories
	if opts.Category != "" {
		c := catalog.Category(strings.ToLower(strings.TrimSpace(opts.Category)))
		if !slices.Contains(catalog.Categories, c) {
			return usagef(ui.Messages(opts.Lang).List.UnknownCategory, opts.Category, categoryList())
		}
		cats = []catalog.Category{c}
	}
	if opts.JSON {
		err = renderListJSON(opts.IO.Out, cat, cats, opts.Lang)
	} else {
		err = renderListText(opts.IO.Out, cat, cats, opts.Lang, opts.IO)
	}
	if err != nil {
		return err
	}
	return nil
}

// firstMessage is the message list shows for an entry: the first one from
// the reference, else the first known one, else "".
func firstMessage(e *catalog.Entry) string {
	for _, m := range e.Messages {
		if m.Source == catalog.SourceSeed {
			return m.Text
		}
	}
	if len(e.Messages) > 0 {
		return e.Messages[0].Text
	}
	return ""
}

func renderListText(w io.Writer, cat *catalog.Catalog, cats []catalog.Category, lang string, s *IO) error {
	m := ui.Messages(lang)
	st := ui.Style{Color: s.Color(s.OutTTY)}
	t := &ui.Table{TTY: s.OutTTY}
	if s.OutTTY {
		t.Width = s.Width()
		t.Indent = "  "
		t.Header = []string{m.List.ID, m.List.Title, m.List.Retried, m.List.Message}
		t.HeaderStyle = st.Dim
		t.HeadingStyle = func(h string) string { return st.Bold(st.Yellow(h)) }
		t.Styles = []func(string) string{st.Bold, nil, func(v string) string {
			if v == m.Common.Yes {
				return st.Green(v)
			}
			return v
		}, nil}
	}
	for _, c := range cats {
		if s.OutTTY {
			t.Section(m.Common.Categories.Name(c))
		}
		for _, e := range cat.InCategory(c) {
			retried := m.Common.No
			if e.Retry.Retried {
				retried = m.Common.Yes
			}
			if s.OutTTY {
				// The message is the widest column, so it goes last where
				// it can be cut to the terminal's width.
				t.Row(string(e.ID), e.In(lang).Title, retried, cmp.Or(firstMessage(e), "—"))
				continue
			}
			// In a pipe the columns are fixed (see Long) and retried is a
			// stable yes/no whatever the language.
			yn := "no"
			if e.Retry.Retried {
				yn = "yes"
			}
			t.Row(string(c), string(e.ID), e.In(lang).Title, firstMessage(e), yn)
		}
	}
	return t.Render(w)
}

// The `list --json` contract; field names are API, added to but never renamed.
type listJSON struct {
	Entries []entryJSON `json:"entries"`
}

type entryJSON struct {
	ID       catalog.ID `json:"id"`
	Category string     `json:"category"`
	Title    string     `json:"title"`
	Messages []string   `json:"messages"` // every known wording, reference first; [] when none
	Retried  bool       `json:"retried"`
	// Additions beyond the original contract.
	Side string `json:"side"`
}

func renderListJSON(w io.Writer, cat *catalog.Catalog, cats []catalog.Category, lang string) error {
	doc := listJSON{Entries: []entryJSON{}}
	for _, c := range cats {
		for _, e := range cat.InCategory(c) {
			msgs := make([]string, 0, len(e.Messages))
			for _, seed := range []bool{true, false} {
				for _, m := range e.Messages {
					if (m.Source == catalog.SourceSeed) == seed {
						msgs = append(msgs, m.Text)
					}
				}
			}
			doc.Entries = append(doc.Entries, entryJSON{
				ID:       e.ID,
				Category: string(c),
				Title:    e.In(lang).Title,
				Messages: msgs,
				Retried:  e.Retry.Retried,
				Side:     string(e.Side),
			})
		}
	}
	return ui.WriteJSON(w, doc)
}
