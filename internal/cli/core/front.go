package core

import (
	"fmt"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/hooklog"
	"github.com/spf13/cobra"
)

// FullOnly are the commands only ccerr-full has, in help order, with their
// one-line summaries: ccerr lists them in its help and hands them over.
// Package cli builds them; TestFullOnlyNamesTheCommands checks both lists
// name the same commands.
var FullOnly = []struct{ Name, Short string }{
	{"scan", "Count the documented errors in Claude Code transcripts and logs"},
	{"repair", "Mend a Claude Code session that fails on every turn"},
	{"doctor", "Check this machine for the local causes of Claude Code errors"},
	{"ping", "Send one tiny request to the Claude API and report what happens"},
	{"mock", "Run a fake Claude API that fails on demand"},
	{"proxy", "Run a retrying gateway in front of the Claude API"},
	{"collect", "Receive Claude Code's error telemetry and hook records, classified"},
	{"hook", "Record the errors that end Claude Code turns (StopFailure hook)"},
	{"status", "Say whether Claude Code's recent failures are Anthropic's or local"},
}

// Short returns the one-line summary of a command only ccerr-full has.
func Short(name string) string {
	for _, c := range FullOnly {
		if c.Name == name {
			return c.Short
		}
	}
	panic(fmt.Sprintf("core: %q is not in FullOnly", name))
}

// Front runs ccerr as the quick program: explain, list and version here,
// every other command handed over to ccerr-full (see [HandOver]). Its help
// lists every command all the same.
func Front(args []string, io *IO) int {
	if name, ok := fullOnlyRun(args); ok {
		err := HandOver(&Factory{IO: io, args: args}, "ccerr "+name)
		if name == "hook" && isStopFailure(args) {
			// A hook prints nothing and never fails Claude Code; the
			// log says why nothing was kept.
			hooklog.Append(io.Getenv, time.Now(), err)
			return ExitOK
		}
		code, msg := exitCode(err)
		if msg != "" {
			fmt.Fprintln(io.Err, msg)
		}
		return code
	}
	stubs := make([]Subcommand, len(FullOnly))
	for i, c := range FullOnly {
		stubs[i] = Subcommand{Name: c.Name, Build: func(f *Factory) *cobra.Command {
			return &cobra.Command{
				Use:                c.Name,
				Short:              c.Short,
				DisableFlagParsing: true,
				RunE: func(*cobra.Command, []string) error {
					return HandOver(f, "ccerr "+c.Name)
				},
			}
		}}
	}
	return Main(args, io, Extensions{Commands: stubs})
}

// fullOnlyRun reports whether args run a command only ccerr-full has, and
// which: the command itself, help about it, or shell completion (whose
// answers need every command's flags).
func fullOnlyRun(args []string) (string, bool) {
	words := make([]string, 0, 2)
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case a == "--lang":
			i++
		case strings.HasPrefix(a, "--lang="):
		case strings.HasPrefix(a, "-"):
			if len(words) == 0 {
				return "", false // a flag of the root: --help, --version
			}
			i = len(args)
		default:
			words = append(words, a)
		}
	}
	if len(words) == 0 {
		return "", false
	}
	switch words[0] {
	case "completion", "__complete", "__completeNoDesc":
		return words[0], true
	case "explain":
		// --status reads the status page: ccerr-full has the client.
		for _, a := range args {
			if a == "--status" || strings.HasPrefix(a, "--status=") || a == "--status-url" || strings.HasPrefix(a, "--status-url=") {
				return "explain", true
			}
		}
		return "", false
	case "help":
		if len(words) == 2 {
			return fullOnlyName(words[1])
		}
		return "", false
	}
	return fullOnlyName(words[0])
}

func fullOnlyName(name string) (string, bool) {
	for _, c := range FullOnly {
		if c.Name == name {
			return name, true
		}
	}
	return "", false
}

// isStopFailure reports whether args run `hook stop-failure`.
func isStopFailure(args []string) bool {
	for i, a := range args {
		if a == "hook" {
			return i+1 < len(args) && args[i+1] == "stop-failure"
		}
	}
	return false
}
