package scan

import (
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/session"
	"github.com/ccerr/ccerr/internal/shell"
)

// SessionCheck reads one Claude Code transcript to its end and says what in
// it would make every request fail once the session is resumed. The CLI
// passes repair's detector; scan itself does not know the rules. It must be
// safe for concurrent use (each call gets its own reader) and read r until
// it returns io.EOF, or stop with that read's error.
type SessionCheck func(r io.Reader) (Poison, error)

// Poison is what a [SessionCheck] found in one transcript.
type Poison struct {
	// Session is the session id the transcript's lines name; "" if none.
	Session string
	// Findings counts the problems by the catalog entry each causes on
	// resume. Problems that cause none (damage that only loses history)
	// are not counted.
	Findings map[catalog.ID]int
}

// PoisonedRow is one transcript holding something that makes every
// request fail once it is resumed, and the command that mends it.
type PoisonedRow struct {
	// Session is the session id: the file's name when it is one, else the
	// id its lines name.
	Session string `json:"session"`
	// Path is the transcript, as scanned.
	Path string `json:"path"`
	// Project is the folder the transcript is in (Claude Code's project
	// folder, such as -home-me-app).
	Project string `json:"project"`
	// Findings counts the problems by the catalog id each causes; Count is
	// their sum.
	Findings map[catalog.ID]int `json:"findings"`
	Count    int                `json:"count"`
	// Command is the command that mends the session: `ccerr repair` with
	// the session id when that finds this file, else with the path.
	Command string `json:"command"`
}

// errScanEnded ends a check whose input stopped before its end.
var errScanEnded = errors.New("scan: input ended early")

// sessionChecker runs a SessionCheck on a goroutine over a pipe, fed with
// the bytes the scan reads, so a transcript is read from disk once and the
// check holds no more of it than its own line buffer.
type sessionChecker struct {
	pw     *io.PipeWriter
	done   chan struct{}
	res    Poison
	err    error
	broken bool // the check stopped reading before the end
}

func startCheck(check SessionCheck) *sessionChecker {
	pr, pw := io.Pipe()
	c := &sessionChecker{pw: pw, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		c.res, c.err = check(pr)
		// Whatever the check left unread must not block the scan.
		pr.CloseWithError(errScanEnded)
	}()
	return c
}

// Write hands p to the check. It never fails: the scan goes on whatever
// the check does, and a check that stopped early gives no result.
func (c *sessionChecker) Write(p []byte) (int, error) {
	if !c.broken {
		if _, err := c.pw.Write(p); err != nil {
			c.broken = true
		}
	}
	return len(p), nil
}

// finish ends the input (at its end when complete, else with an error) and
// returns the check's result; ok is false when there is none to trust.
func (c *sessionChecker) finish(complete bool) (p Poison, ok bool) {
	if complete {
		c.pw.Close()
	} else {
		c.pw.CloseWithError(errScanEnded)
	}
	<-c.done
	if !complete || c.broken || c.err != nil {
		return Poison{}, false
	}
	return c.res, true
}

// checkable reports whether a file is a transcript `ccerr repair` can
// mend: a file (not standard input) named *.jsonl, not compressed.
func checkable(path string) bool {
	return path != StdinPath && strings.HasSuffix(strings.ToLower(filepath.Base(path)), ".jsonl")
}

// poisonedRow turns a check's result into a report row, keeping only the
// ids asked for; nil when nothing is left.
func (w *worker) poisonedRow(fs *fileState, p Poison) *PoisonedRow {
	row := &PoisonedRow{Path: fs.path, Project: fs.project, Findings: map[catalog.ID]int{}}
	for id, n := range p.Findings {
		if n <= 0 || id == "" || w.keepIDs != nil && !w.keepIDs[id] {
			continue
		}
		row.Findings[id] += n
		row.Count += n
	}
	if row.Count == 0 {
		return nil
	}
	row.Session = fs.session
	if !session.IsID(row.Session) && p.Session != "" {
		row.Session = p.Session
	}
	row.Command = repairCommand(fs.path, row.Session, w.opts.SessionDirs)
	return row
}

// repairCommand is the command that mends the transcript at path: by
// session id when `ccerr repair ID` would find this very file (it is named
// <id>.jsonl in a project folder of one of dirs), else by path.
func repairCommand(path, id string, dirs []string) string {
	if session.IsID(id) && filepath.Base(path) == id+".jsonl" {
		if abs, err := filepath.Abs(path); err == nil {
			parent := filepath.Dir(filepath.Dir(abs))
			for _, d := range dirs {
				if da, err := filepath.Abs(d); err == nil && da == parent {
					return "ccerr repair " + id
				}
			}
		}
	}
	return "ccerr repair " + shell.Quote(path)
}

// sortPoisoned orders the rows by path.
func sortPoisoned(rows []PoisonedRow) {
	slices.SortFunc(rows, func(a, b PoisonedRow) int { return strings.Compare(a.Path, b.Path) })
}
