// Package core is the part of ccerr's command line that every ccerr program
// has: the root command, streams ([IO]), exit codes (exit.go, the one place
// that decides them), the quick commands (explain, list, version) and the
// hand-over to ccerr-full for the rest.
//
// Two programs are built from it. cmd/ccerr links only this package and its
// light dependencies, so that the commands people run at a prompt, in hooks
// and in pipelines start fast; every other command it hands over to
// ccerr-full (see [Front]). cmd/ccerr-full links package internal/cli, whose
// Main adds the other commands ([Subcommand]) to the same root.
package core

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
)

// Version is the ccerr version, set at build time with
// -ldflags "-X github.com/ccerr/ccerr/internal/cli/core.Version=v1.2.3".
var Version = "dev"

// BuildVersion returns the version to show: Version when set at build time,
// else the module version a `go install …@vX.Y.Z` recorded in the binary,
// else "dev". It reads the build information only on first use.
var BuildVersion = sync.OnceValue(func() string {
	if Version == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return Version
})

// Factory carries what every subcommand needs: the IO and the global flags.
type Factory struct {
	IO *IO

	args      []string  // the command line, without the program name
	statusNow StatusNow // explain --status's reader; nil in the quick program
	lang      string    // value of --lang; empty means from the environment
}

// Lang returns the language to write in: --lang when given, else the
// locale environment (LC_ALL, LC_MESSAGES, LANG), else English.
func (f *Factory) Lang() string {
	if f.lang != "" {
		return f.lang
	}
	return langFromEnv(f.IO.Getenv)
}

// Catalog returns the embedded catalog.
func (f *Factory) Catalog() (*catalog.Catalog, error) { return catalog.Default() }

// Extensions are what a program adds to core's command line.
type Extensions struct {
	// Commands are subcommands beyond explain, list and version.
	Commands []Subcommand
	// StatusNow is what explain --status prints with; nil prints nothing.
	StatusNow StatusNow
}

// Main runs ccerr with args (without the program name), with the quick
// commands and the extensions, and returns the exit code.
func Main(args []string, io *IO, ext Extensions) int {
	f := &Factory{IO: io, args: args, statusNow: ext.StatusNow}
	root := newRootCmd(f, args, ext.Commands)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)

	ranCommand := false
	markRunE(root, &ranCommand)
	err := root.ExecuteContext(io.Ctx())
	if err != nil && !ranCommand {
		// Cobra itself rejected the call (unknown command, bad arguments).
		var silent *SilentError
		var usage *UsageError // already says what to do (flag errors)
		if !errors.As(err, &silent) && !errors.As(err, &usage) {
			err = &UsageError{Err: fmt.Errorf("%v\nRun 'ccerr --help' for usage", err)}
		}
	}
	code, msg := exitCode(err)
	if msg != "" {
		fmt.Fprintln(io.Err, msg)
	}
	return code
}

// markRunE wraps every RunE so that Main can tell errors a command returned
// from errors cobra raised before running one.
func markRunE(c *cobra.Command, ran *bool) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			*ran = true
			return run(cmd, args)
		}
	}
	for _, sub := range c.Commands() {
		markRunE(sub, ran)
	}
}

// newRootCmd builds the command tree for args. When args name one
// subcommand, only that one is built: the others' flags and help are work
// (and memory) no run of that command needs. Help, completion, an unknown
// name or none get the whole tree.
func newRootCmd(f *Factory, args []string, more []Subcommand) *cobra.Command {
	subcommands := append(append([]Subcommand{}, quick...), more...)
	root := &cobra.Command{
		Use:   "ccerr",
		Short: "Explain, reproduce and absorb the runtime errors Claude Code shows",
		Long: `ccerr knows every runtime error Claude Code documents. It recognises them in
anything you paste or log, checks your machine for their local causes,
reproduces them on demand with a fake API, and retries the transient ones
the way Claude Code does.`,
		Example: `  ccerr explain "API Error: Repeated 529 Overloaded errors"
  claude -p "hi" 2>&1 | ccerr explain
  ccerr list --category auth
  ccerr doctor`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			f.lang = strings.ToLower(f.lang)
			switch f.lang {
			case "", catalog.English, catalog.Chinese:
				return nil
			}
			return usagef("--lang must be %q or %q, not %q", catalog.English, catalog.Chinese, f.lang)
		},
	}
	root.SetVersionTemplate("ccerr {{.Version}}\n")
	root.PersistentFlags().StringVar(&f.lang, "lang", "", "language of explanations: en or zh (default from LC_ALL, LC_MESSAGES, LANG)")
	_ = root.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(catalog.Languages, cobra.ShellCompDirectiveNoFileComp))
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &UsageError{Err: fmt.Errorf("%v\nRun '%s --help' for usage", err, cmd.CommandPath())}
	})

	if c, ok := lookupSubcommand(args, subcommands); !ok {
		root.Version = BuildVersion() // cobra's --version flag, on the whole tree only
	} else {
		root.AddCommand(c.Build(f))
		// This run is not for completion or help about other commands:
		// spare cobra building its completion and help commands.
		root.CompletionOptions.DisableDefaultCmd = true
		root.SetHelpCommand(&cobra.Command{Use: "help", Hidden: true})
		return root
	}
	for _, c := range subcommands {
		root.AddCommand(c.Build(f))
	}
	root.SetHelpCommand(newHelpCmd(root))

	// Cobra's completion command prints its help and exits 0 for a shell
	// it does not know; make that the usage error it is.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.NoArgs
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return usagef("completion needs a shell: bash, zsh, fish or powershell, e.g. `ccerr completion zsh`")
			}
		}
	}
	return root
}

// newHelpCmd replaces cobra's help command, which prints "Unknown help
// topic" and exits 0 for a topic it does not know; here that is a usage error.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command or topic",
		Long:  "Help about any command or topic: `ccerr help explain`, `ccerr help exit-codes`.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usagef("no help topic %q; run 'ccerr --help' for the commands and topics", strings.Join(args, " "))
			}
			return target.Help()
		},
	}
}

// Subcommand is one of ccerr's subcommands: its name (the first word of its
// Use) and its constructor.
type Subcommand struct {
	Name  string
	Build func(*Factory) *cobra.Command
}

// quick are the subcommands every ccerr program has.
var quick = []Subcommand{
	{"explain", newExplainCmd},
	{"list", newListCmd},
	{"version", newVersionCmd},
	{"exit-codes", func(*Factory) *cobra.Command { return newExitCodesTopic() }},
}

// lookupSubcommand returns the subcommand args run, when they name one
// before any other word: ccerr [--lang L] NAME …. Flags of the root
// (--help, --version) and names cobra would correct or complete are not
// found, so that those runs see every command.
func lookupSubcommand(args []string, subcommands []Subcommand) (Subcommand, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang":
			i++ // its value
			continue
		case strings.HasPrefix(a, "--lang="):
			continue
		case strings.HasPrefix(a, "-"):
			return Subcommand{}, false
		}
		for _, c := range subcommands {
			if c.Name == a {
				return c, true
			}
		}
		return Subcommand{}, false
	}
	return Subcommand{}, false
}

func newVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the ccerr version",
		Long: `Print the version of this ccerr binary as "ccerr <version>". A build
that did not stamp a version prints "ccerr dev".`,
		Example: `  ccerr version
  ccerr --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(f.IO.Out, "ccerr %s\n", BuildVersion())
			return err
		},
	}
}

func newExitCodesTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "exit-codes",
		Short: "What ccerr's exit codes mean",
		Long: strings.TrimSpace(`
ccerr exits with:

  0  success. For explain: at least one documented error was recognised.
     For doctor: no check failed. For scan: the scan completed (files it
     had to skip are listed, and do not change the code).
  1  the command ran, but: explain recognised nothing; doctor found a
     failing check; ping's request failed; repair found problems it did
     not mend (or --dry-run found any); a server could not start.
     hook stop-failure always exits 0, so as never to fail Claude Code.
  2  usage error: unknown command or flag, bad value, or input that could
     not be read at all. The message says what to do instead.`),
	}
}
