// Package cli is ccerr's whole command line: the quick commands of package
// core plus every other one (scan, doctor, ping, mock, proxy, repair,
// status, collect, hook), one file per subcommand. cmd/ccerr-full runs it;
// cmd/ccerr runs only core and hands the rest over (see core.Front).
package cli

import (
	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/store"
)

// Main runs ccerr with every command and returns the exit code.
func Main(args []string, io *IO) int {
	return core.Main(args, io, core.Extensions{Commands: Commands, StatusNow: writeStatusNow})
}

// Commands are the subcommands this package adds to core's, in help order.
// core.FullOnly names them for the program that hands them over;
// TestFullOnlyNamesTheCommands keeps the two lists the same.
var Commands = []core.Subcommand{
	{Name: "scan", Build: newScanCmd},
	{Name: "repair", Build: newRepairCmd},
	{Name: "doctor", Build: newDoctorCmd},
	{Name: "ping", Build: newPingCmd},
	{Name: "mock", Build: newMockCmd},
	{Name: "proxy", Build: newProxyCmd},
	{Name: "collect", Build: newCollectCmd},
	{Name: "hook", Build: newHookCmd},
	{Name: "status", Build: newStatusCmd},
}

// The command line's shared types, from package core.
type (
	// IO is where a command reads and writes; see core.IO.
	IO = core.IO
	// Factory carries what every subcommand needs; see core.Factory.
	Factory = core.Factory
	// UsageError is a mistake in how a command was called; see core.UsageError.
	UsageError = core.UsageError
	// SilentError ends a command with a code and no message; see core.SilentError.
	SilentError = core.SilentError
)

// Exit codes; see core.
const (
	ExitOK      = core.ExitOK
	ExitFailure = core.ExitFailure
	ExitUsage   = core.ExitUsage
)

// System returns the IO of the running process.
func System() *IO { return core.System() }

func usage(msg string) error                  { return core.Usage(msg) }
func usagef(format string, args ...any) error { return core.Usagef(format, args...) }

// storeLinked reports whether this program can open a store itself (whether
// it links internal/store/drivers). collect and hook stop-failure hand over
// to ccerr-full when it cannot; tests replace it to exercise that.
var storeLinked = store.Linked
