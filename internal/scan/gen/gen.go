// Package gen writes a seeded corpus of Claude Code transcripts and plain
// logs for testing and benchmarking the scanner, with a manifest of the
// error events it contains.
//
// The corpus imitates ~/.claude/projects: one folder per project holding
// session transcripts (<uuid>.jsonl), plus a logs folder of plain text logs.
// Ordinary lines (prompts, assistant turns with usage blocks, tool results
// holding source code) carry near-misses: prose that uses the words
// catalog.Overloaded, "rate limit" or "timed out", code that names api_error, and
// user messages that quote a real error message. None of those is an
// event. Error incidents follow Claude Code's behaviour: in -p sessions a
// few retry lines, then either a final synthetic message or a recovery; in
// interactive sessions only the final message.
//
// The same Config always produces the same bytes.
package gen

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// Config says what corpus to write. The zero value writes about 4 MiB with
// seed 0.
type Config struct {
	// Seed makes the corpus reproducible.
	Seed uint64
	// Size is the approximate number of bytes to write. Zero means 4 MiB.
	Size int64
	// ErrorEvery is the mean number of lines per error event. Zero means 2000.
	ErrorEvery int
	// LogShare is the fraction of the bytes written as plain logs. Zero
	// means 0.1; a negative value means none.
	LogShare float64
	// GzipEvery compresses every n-th file. Zero means none.
	GzipEvery int
	// Start is the time of the first line. Zero means 2026-11-01T08:00:00Z.
	Start time.Time
}

// Count is the number of final failures and retries of one id.
type Count struct {
	Final   int64 `json:"final"`
	Retries int64 `json:"retries"`
}

// Manifest describes what [Write] wrote. Bytes and Lines count the
// uncompressed text.
type Manifest struct {
	Files    int                   `json:"files"`
	Bytes    int64                 `json:"bytes"`
	Lines    int64                 `json:"lines"`
	Events   int64                 `json:"events"`
	Errors   map[catalog.ID]*Count `json:"errors"`
	Sessions int                   `json:"sessions"` // sessions with at least one event
	Quotes   int64                 `json:"quotes"`   // user messages quoting an error: not events
}

func (m *Manifest) add(id catalog.ID, retry bool) {
	c := m.Errors[id]
	if c == nil {
		c = &Count{}
		m.Errors[id] = c
	}
	if retry {
		c.Retries++
	} else {
		c.Final++
	}
	m.Events++
}

// Write writes a corpus into dir (created if needed) and returns its manifest.
func Write(dir string, cfg Config) (*Manifest, error) {
	if cfg.Size == 0 {
		cfg.Size = 4 << 20
	}
	if cfg.ErrorEvery == 0 {
		cfg.ErrorEvery = 2000
	}
	if cfg.LogShare == 0 {
		cfg.LogShare = 0.1
	}
	if cfg.LogShare < 0 {
		cfg.LogShare = 0
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	}
	g := &generator{
		cfg: cfg,
		rnd: rand.New(rand.NewPCG(cfg.Seed, 0x5ca9)),
		now: cfg.Start,
		man: &Manifest{Errors: map[catalog.ID]*Count{}},
	}
	logBytes := int64(float64(cfg.Size) * cfg.LogShare)
	transcriptBytes := cfg.Size - logBytes
	var written int64
	for n := 0; written < transcriptBytes; n++ {
		project := projects[n%len(projects)]
		name := filepath.Join(dir, projectDir(project), g.uuid()+".jsonl")
		size := min(transcriptBytes-written, int64(256<<10+g.rnd.IntN(4<<20)))
		w, err := g.write(name, func(b *bufio.Writer) int64 { return g.session(b, project, size) })
		if err != nil {
			return nil, err
		}
		written += w
	}
	for n := 0; written < cfg.Size; n++ {
		name := filepath.Join(dir, "logs", fmt.Sprintf("ci-%03d.log", n))
		size := min(cfg.Size-written, int64(64<<10+g.rnd.IntN(2<<20)))
		w, err := g.write(name, func(b *bufio.Writer) int64 { return g.log(b, size) })
		if err != nil {
			return nil, err
		}
		written += w
	}
	return g.man, nil
}

type generator struct {
	cfg Config
	rnd *rand.Rand
	now time.Time
	man *Manifest
	buf []byte // one line being built
}

// write creates one file, compressing it when its turn comes.
func (g *generator) write(name string, body func(*bufio.Writer) int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return 0, err
	}
	g.man.Files++
	gz := g.cfg.GzipEvery > 0 && g.man.Files%g.cfg.GzipEvery == 0
	if gz {
		name += ".gz"
	}
	f, err := os.Create(name)
	if err != nil {
		return 0, err
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(f)
		w = zw
	}
	b := bufio.NewWriterSize(w, 256<<10)
	n := body(b)
	err = b.Flush()
	if zw != nil && err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// line writes g.buf plus a newline and counts it.
func (g *generator) line(b *bufio.Writer) int64 {
	g.buf = append(g.buf, '\n')
	b.Write(g.buf)
	g.man.Lines++
	g.man.Bytes += int64(len(g.buf))
	return int64(len(g.buf))
}

// tick advances the clock by a few seconds, or now and then by hours, so
// the corpus spans several days.
func (g *generator) tick() time.Time {
	if g.rnd.IntN(400) == 0 {
		g.now = g.now.Add(time.Duration(1+g.rnd.IntN(10)) * time.Hour)
	} else {
		g.now = g.now.Add(time.Duration(200+g.rnd.IntN(8000)) * time.Millisecond)
	}
	return g.now
}

// errorDue reports whether an incident starts at this line: on average
// once per ErrorEvery lines, counting each incident's event lines.
func (g *generator) errorDue() bool {
	return g.rnd.IntN(g.cfg.ErrorEvery) < 1
}

func (g *generator) uuid() string {
	a, b := g.rnd.Uint64(), g.rnd.Uint64()
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xffff, a&0x0fff|0x4000, b>>48&0x3fff|0x8000, b&0xffffffffffff)
}

func (g *generator) hex(n int) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	out := make([]byte, n)
	for i := range out {
		out[i] = digits[g.rnd.IntN(len(digits))]
	}
	return string(out)
}

// projectDir is Claude Code's folder name for a working directory.
func projectDir(cwd string) string {
	out := []byte(cwd)
	for i, c := range out {
		if c == '/' || c == '_' {
			out[i] = '-'
		}
	}
	return string(out)
}
