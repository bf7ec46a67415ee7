package store

// The tests open real SQLite and PostgreSQL stores, so they link the drivers
// that only ccerr-collect links in a build.
import _ "github.com/ccerr/ccerr/internal/store/drivers"
