package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/hooklog"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/internal/hook"
	"github.com/ccerr/ccerr/internal/shell"
	"github.com/ccerr/ccerr/internal/ui"
)

func newHookCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: core.Short("hook"),
		Long: strings.TrimSpace(`
Claude Code runs a StopFailure hook when a turn ends on an API error
(since 2.1.78). 'ccerr hook install' puts 'ccerr hook stop-failure' there;
from then on every such turn is classified and kept in ccerr's store (the
same one 'ccerr collect' uses), and sent on to a collector when
CCERR_COLLECT_URL is set.`),
		Example: `  ccerr hook install --dry-run
  ccerr hook install
  CCERR_COLLECT_URL=http://collector.internal:4318 claude`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newHookStopFailureCmd(f), newHookInstallCmd(f))
	return cmd
}

func newHookStopFailureCmd(f *Factory) *cobra.Command {
	var db string
	var notify bool
	cmd := &cobra.Command{
		Use:   "stop-failure",
		Short: "Run as Claude Code's StopFailure hook: read the record on stdin and keep it",
		Long: strings.TrimSpace(`
Read the JSON record Claude Code writes on a StopFailure hook's standard
input, name the error with its catalog entry (from the text the person
saw, the raw error details, and the hook's error field), and append it to
ccerr's store. With CCERR_COLLECT_URL set (e.g. http://127.0.0.1:4318) it
is also sent to that collector's /v1/hook, with CCERR_COLLECT_TOKEN as
its Bearer token, waiting at most 300 ms. With --notify (or
CCERR_HOOK_NOTIFY=1) it raises a desktop notification through
notify-send, when present, with the entry's title and first fix.

It is made to run inside Claude Code: it prints nothing, always exits 0,
and bounds every wait (stdin 500 ms, the store 2 s, the collector 300 ms).
Whatever goes wrong is appended to hook.log in ccerr's data directory
($XDG_DATA_HOME/ccerr, else ~/.local/share/ccerr).`),
		Example: `  # What Claude Code runs (see 'ccerr hook install')
  ccerr hook stop-failure < record.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !storeLinked() {
				// Claude Code ignores the outcome; the log says why nothing was kept.
				hooklog.Append(f.IO.Getenv, time.Now(), core.HandOver(f, "ccerr hook stop-failure"))
				return nil
			}
			hook.StopFailure(cmd.Context(), hook.Options{
				Stdin:  f.IO.In,
				Getenv: f.IO.Getenv,
				DB:     db,
				Notify: notify,
				Lang:   f.Lang(),
			})
			return nil // Claude Code ignores the outcome; the log has it
		},
		// A hook line written by another ccerr version may carry a flag this
		// one does not know; the hook must still run and exit 0.
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
	}
	fl := cmd.Flags()
	fl.StringVar(&db, "db", "", "store: a SQLite file path, or postgres://… (default $CCERR_DB, else ccerr.db in the data directory)")
	fl.BoolVar(&notify, "notify", false, "raise a desktop notification with the entry's title and first fix (as CCERR_HOOK_NOTIFY=1)")
	return cmd
}

func newHookInstallCmd(f *Factory) *cobra.Command {
	var (
		settings, command string
		dryRun, notify    bool
		asJSON            bool
	)
	cmd := &cobra.Command{
		Use:   "install",
		Short: "Add the StopFailure hook to Claude Code's settings",
		Long: strings.TrimSpace(`
Show the settings entry that runs 'ccerr hook stop-failure' on StopFailure,
then add it to Claude Code's user settings ($CLAUDE_CONFIG_DIR/settings.json,
else ~/.claude/settings.json). Nothing is written when a ccerr StopFailure
hook is there already. Every other key, hook and value stays as it was, in
its order; the previous file is kept beside it as settings.json.ccerr.bak
and the new one replaces it in one rename. --dry-run shows the result and
writes nothing.`),
		Example: `  ccerr hook install --dry-run
  ccerr hook install --notify
  ccerr hook install --settings .claude/settings.json   # one project only`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path := settings
			if path == "" {
				p, err := hook.SettingsPath(f.IO.Getenv)
				if err != nil {
					return usagef("%v", err)
				}
				path = p
			}
			if command == "" {
				exe, err := os.Executable()
				if err != nil || f.IO.Getenv("CCERR_HOOK_EXE") != "" {
					exe = f.IO.Getenv("CCERR_HOOK_EXE") // tests pin the path
				}
				if exe == "" {
					exe = "ccerr"
				}
				command = shell.Quote(exe) + " hook stop-failure"
				if notify {
					command += " --notify"
				}
			}
			ch, err := hook.Install(path, command, dryRun)
			if err != nil {
				return err
			}
			if asJSON {
				return ui.WriteJSON(f.IO.Out, ch)
			}
			out, m := f.IO.Out, ui.Messages(f.Lang()).Hook
			fmt.Fprintf(out, m.Entry, hook.Entry(command))
			switch {
			case ch.Present:
				fmt.Fprintf(out, m.Present, ui.Sanitize(path))
			case dryRun:
				fmt.Fprintf(out, m.DryRun, ui.Sanitize(path), ui.SanitizeLines(ch.Settings))
			default:
				fmt.Fprintf(out, m.Added, ui.Sanitize(path))
				if ch.Backup != "" {
					fmt.Fprintf(out, m.Backup, ui.Sanitize(ch.Backup))
				}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&settings, "settings", "", "settings file to change (default $CLAUDE_CONFIG_DIR/settings.json or ~/.claude/settings.json)")
	fl.StringVar(&command, "command", "", "hook command to install (default this ccerr binary with 'hook stop-failure')")
	fl.BoolVar(&dryRun, "dry-run", false, "show the change and write nothing")
	fl.BoolVar(&notify, "notify", false, "install the hook with --notify (a desktop notification per failed turn)")
	fl.BoolVar(&asJSON, "json", false, "print what was done as JSON")
	return cmd
}
