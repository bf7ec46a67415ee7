// Command ccerr explains, reproduces and absorbs the runtime errors Claude Code shows.
package main

import (
	"os"

	"github.com/ccerr/ccerr/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
