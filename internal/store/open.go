package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// dialect is the SQL flavour of a database.
type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

// Store is an open failure store. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	where   string // the file or the database, without a password
	q       queries
}

// FileName is the name of the SQLite file in the data directory.
const FileName = "ccerr.db"

// DefaultPath returns where the SQLite file lives by default:
// $XDG_DATA_HOME/ccerr/ccerr.db, else ~/.local/share/ccerr/ccerr.db.
func DefaultPath(getenv func(string) string) (string, error) {
	dir, err := DataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// DataDir returns ccerr's data directory: $XDG_DATA_HOME/ccerr when
// XDG_DATA_HOME is an absolute path, else $HOME/.local/share/ccerr.
func DataDir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "ccerr"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("store: neither XDG_DATA_HOME nor HOME is set; set one, or name the database with --db")
	}
	return filepath.Join(home, ".local", "share", "ccerr"), nil
}

// IsPostgres reports whether dsn names a PostgreSQL database
// (postgres://… or postgresql://…).
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// The database/sql driver names the store opens.
const (
	driverPostgres = "pgx"
	driverSQLite   = "sqlite"
)

// ErrNoDriver is returned by [Open] when the driver the store needs is not
// linked into the program: only binaries that import
// github.com/ccerr/ccerr/internal/store/drivers can open a store.
var ErrNoDriver = errors.New("store: the database driver is not linked into this program (it lives in ccerr-collect)")

// Linked reports whether the drivers for both kinds of store (SQLite and
// PostgreSQL) are linked into the program, i.e. whether it imports
// github.com/ccerr/ccerr/internal/store/drivers.
func Linked() bool {
	ds := sql.Drivers()
	return slices.Contains(ds, driverPostgres) && slices.Contains(ds, driverSQLite)
}

// Open opens the store named by dsn and applies the missing migrations. A
// postgres:// or postgresql:// URL opens PostgreSQL; anything else is the
// path of a SQLite file, created (with its directory, mode 0700) when
// missing. The SQLite file is opened in WAL mode.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var (
		db  *sql.DB
		d   dialect
		err error
	)
	where := dsn
	if !Linked() {
		return nil, ErrNoDriver
	}
	if IsPostgres(dsn) {
		d = dialectPostgres
		where = redactDSN(dsn)
		db, err = sql.Open(driverPostgres, dsn)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", where, err)
		}
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
	} else {
		if dsn == "" {
			return nil, errors.New("store: no database named")
		}
		if strings.ContainsAny(dsn, "?#") {
			return nil, fmt.Errorf("store: %q: a SQLite path must not hold '?' or '#'", dsn)
		}
		if err := os.MkdirAll(filepath.Dir(dsn), 0o700); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		// Create the file private (it holds user ids) before SQLite
		// creates it with its default mode.
		if f, err := os.OpenFile(dsn, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err == nil {
			f.Close()
		}
		// busy_timeout bounds the wait for another writer (a hook process
		// sharing the file); _txlock=immediate takes the write lock at BEGIN
		// so that two writers never both read and then fail to upgrade.
		db, err = sql.Open(driverSQLite, dsn+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", dsn, err)
		}
		db.SetMaxOpenConns(4)
	}
	s := &Store{db: db, dialect: d, where: where, q: newQueries(d)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", where, err)
	}
	return s, nil
}

// Writers is how many transactions may usefully write at once: one for
// SQLite, which has a single writer, several for PostgreSQL. A caller that
// writes concurrently must keep the events of one session to one writer
// (see [Store.Apply]).
func (s *Store) Writers() int {
	if s.dialect == dialectPostgres {
		return postgresWriters
	}
	return 1
}

// postgresWriters is the number of concurrent writers on PostgreSQL, below
// the connection pool's size so that reads still get a connection.
const postgresWriters = 4

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// String names the database: the SQLite path, or the PostgreSQL URL
// without its password.
func (s *Store) String() string { return s.dialect.String() + " " + s.where }

// redactDSN hides the password of a PostgreSQL URL.
func redactDSN(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return dsn
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return dsn
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}

// rebind turns the ? placeholders of q into PostgreSQL's $1, $2, ….
func rebind(d dialect, q string) string {
	if d != dialectPostgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
