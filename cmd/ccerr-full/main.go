// Command ccerr-full is ccerr with every command and the database drivers.
//
// The ccerr program keeps to the commands people run at a prompt, in hooks
// and in pipelines (explain, list, version), so that it starts about as fast
// as a program can; it hands every other command (scan, doctor, ping, mock,
// proxy, repair, status, collect, hook) to ccerr-full, found beside it or on
// PATH. Install both:
//
//	go install github.com/ccerr/ccerr/cmd/...@latest
package main

import (
	"os"

	"github.com/ccerr/ccerr/internal/cli"
	_ "github.com/ccerr/ccerr/internal/store/drivers" // SQLite and PostgreSQL
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
