// Package storetest gives tests a PostgreSQL database when one is
// configured, and says how to get one when not.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// PostgresEnv names the environment variable that gives tests a PostgreSQL
// database (a URL); .ci/run sets it.
const PostgresEnv = "CCERR_TEST_POSTGRES"

// Postgres returns the URL of the test PostgreSQL database, or skips the
// test, saying how to run it, when none is configured.
func Postgres(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set: no PostgreSQL to test against (.ci/run starts one and sets it; locally: pg_ctlcluster 15 main start, create a database and export %s=postgres://user:pass@127.0.0.1:5432/db?sslmode=disable)", PostgresEnv, PostgresEnv)
	}
	return dsn
}

// PostgresSchema returns a URL of the test database whose search_path is a
// new, empty schema, dropped when the test ends; it skips as [Postgres]
// does.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	base := Postgres(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}
