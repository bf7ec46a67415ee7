// Command ccerr explains, reproduces and absorbs the runtime errors Claude Code shows.
//
// This program holds the quick commands (explain, list, version) and hands
// the others to ccerr-full, which is installed beside it; see
// internal/cli/core.
package main

import (
	"os"

	"github.com/ccerr/ccerr/internal/cli/core"
)

func main() {
	os.Exit(core.Front(os.Args[1:], core.System()))
}
