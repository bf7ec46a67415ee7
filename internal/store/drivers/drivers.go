// Package drivers links the database/sql drivers the store opens: pgx for
// PostgreSQL and modernc.org/sqlite, a SQLite compiled to pure Go.
//
// The drivers live apart from package store because of what they cost every
// process that links them: their package initialisation (SQLite's C library
// translated to Go, pgx's type tables and golang.org/x/text) runs before main
// in every command, not only in those that open a database. Only the
// ccerr-collect binary (cmd/ccerr-collect) imports this package; the ccerr
// binary stays quick to start and hands the commands that need a database to
// ccerr-collect (see internal/cli/companion.go).
package drivers

import (
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver (pure Go)
)
