// Package storetest gives tests a PostgreSQL database when one is
// configured, and says how to get one when not.
package storetest

import (
	"os"
	"testing"
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
