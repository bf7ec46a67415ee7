// Command ccerr-collect is ccerr with the database drivers linked: the same
// commands, plus the ability to open ccerr's store (SQLite or PostgreSQL).
//
// `ccerr collect` and `ccerr hook stop-failure` run here; ccerr hands them
// over when ccerr-collect is installed beside it or on PATH. Keeping the
// drivers out of ccerr keeps every other command quick to start. Install both:
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
