package scan

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// readSize is how much the buffer holds beyond the partial line carried
// over, so that every refill reads at least this much. A worker's buffer
// starts at startSize and grows, only when a line needs it, up to the
// longest line plus readSize.
const (
	readSize  = 256 << 10
	startSize = 1 << 20
)

// gzipMagic starts every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// fileState is what one file's scan carries from block to block.
type fileState struct {
	path       string
	transcript bool
	project    string // default project: the transcript's folder name
	session    string // default session: the transcript's base name
	lineNo     int64
	bytes      int64
	skips      skips
	check      bool         // run Options.CheckSession over the file, unless it is compressed
	poisoned   *PoisonedRow // what the check found
}

// baseName strips .gz and returns the lower-cased name, for extension checks.
func baseName(path string) string {
	name := strings.ToLower(filepath.Base(path))
	return strings.TrimSuffix(name, ".gz")
}

// scanStream reads one input to its end: gzip detection, then blocks of
// whole lines through the transcript or log reader. It never fails; damage
// is recorded in fs.skips.
func (w *worker) scanStream(fs *fileState, r io.Reader) {
	var head [2]byte
	n, err := io.ReadFull(r, head[:])
	src := io.MultiReader(bytes.NewReader(head[:n]), r)
	gz := false
	if n == 2 && bytes.Equal(head[:], gzipMagic) {
		zr, zerr := gzip.NewReader(src)
		if zerr != nil {
			fs.skips.file(gzipReason(zerr), zerr)
			return
		}
		defer zr.Close()
		src = zr
		gz = true
	} else if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		fs.skips.file(Unreadable, err)
		return
	}
	var sc *sessionChecker
	if fs.check && !gz {
		// The check reads the same bytes as they pass, on its own goroutine.
		sc = startCheck(w.opts.CheckSession)
		src = io.TeeReader(src, sc)
	}
	rerr := w.readBlocks(fs, src)
	if sc != nil {
		if p, ok := sc.finish(rerr == nil && w.ctx.Err() == nil); ok {
			fs.poisoned = w.poisonedRow(fs, p)
		}
	}
	if rerr != nil {
		switch {
		case gz:
			fs.skips.file(gzipReason(rerr), rerr)
		default:
			fs.skips.file(Unreadable, rerr)
		}
	}
}

func gzipReason(err error) Reason {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return GzipTruncated
	}
	return GzipDamaged
}

// readBlocks fills the worker's buffer, hands every run of complete lines
// to the line reader, and carries the partial last line over to the next
// fill. A line that does not fit in MaxLine bytes is skipped up to its
// newline without being kept. It returns the first read error other than EOF.
func (w *worker) readBlocks(fs *fileState, r io.Reader) error {
	buf := w.buf
	maxLine := w.maxLine
	n := 0
	discarding := false
	sniffed := fs.transcript
	for {
		var rerr error
		eof := false
		for n < len(buf) {
			m, err := r.Read(buf[n:])
			n += m
			fs.bytes += int64(m)
			if err != nil {
				if err != io.EOF {
					rerr = err
				}
				eof = true
				break
			}
			if m == 0 {
				break
			}
		}
		data := buf[:n]
		if discarding {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				n = 0
				if eof {
					return rerr
				}
				continue
			}
			data = data[i+1:]
			discarding = false
		}
		if !sniffed && len(data) > 0 {
			fs.transcript = looksLikeTranscript(data)
			sniffed = true
		}
		rest := data
		if last := bytes.LastIndexByte(data, '\n'); last >= 0 {
			w.block(fs, data[:last+1])
			rest = data[last+1:]
		}
		if eof {
			// A partial line before a read error belongs to the damage the
			// error reports; without an error it is the file's last line.
			if len(rest) > 0 && rerr == nil {
				fs.lineNo++
				w.line(fs, rest, true, true)
			}
			return rerr
		}
		if len(rest) > maxLine {
			fs.lineNo++
			fs.skips.line(TooLong, fs.lineNo)
			discarding = true
			n = 0
			continue
		}
		if len(buf)-len(rest) < readSize && len(buf) < maxLine+readSize {
			// A long line: grow the buffer (once per worker, up to the
			// limit) so that the next read still has room.
			grown := make([]byte, min(2*len(buf), maxLine+readSize))
			w.buf, buf = grown, grown
		}
		n = copy(buf, rest)
	}
}

// looksLikeTranscript reports whether the first line of a file that is not
// named .jsonl is a JSON object naming a Claude Code session.
func looksLikeTranscript(data []byte) bool {
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i]
	}
	first = bytes.TrimLeft(first, " \t\ufeff")
	if len(first) == 0 || first[0] != '{' {
		return false
	}
	return bytes.Contains(first, []byte(`"sessionId"`)) || bytes.Contains(first, []byte(`"session_id"`))
}

// block reads a run of complete lines (data ends with '\n').
func (w *worker) block(fs *fileState, data []byte) {
	if !fs.transcript {
		for len(data) > 0 {
			i := bytes.IndexByte(data, '\n')
			fs.lineNo++
			w.logLine(fs, data[:i])
			data = data[i+1:]
		}
		return
	}
	// Find the event markers in the whole block first: one fast search per
	// marker over a large buffer costs far less than looking at each line.
	hits := findAnchors(data, w.hits[:0])
	if len(hits) > 1 {
		slices.Sort(hits)
	}
	w.hits = hits
	pos, h := 0, 0
	for pos < len(data) {
		end := pos + bytes.IndexByte(data[pos:], '\n')
		cand := false
		for h < len(hits) && hits[h] < end {
			cand = true
			h++
		}
		fs.lineNo++
		w.line(fs, data[pos:end], cand, false)
		pos = end + 1
	}
}

// line checks one transcript line's shape and, when it holds a marker,
// reads the event in it. last is true for a final line with no newline.
func (w *worker) line(fs *fileState, line []byte, cand, last bool) {
	if !fs.transcript {
		w.logLine(fs, line)
		return
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if len(line) == 0 {
		return
	}
	if len(line) > w.maxLine {
		fs.skips.line(TooLong, fs.lineNo)
		return
	}
	if line[0] != '{' || line[len(line)-1] != '}' {
		if last {
			fs.skips.line(Truncated, fs.lineNo)
		} else {
			fs.skips.line(NotJSON, fs.lineNo)
		}
		return
	}
	if !cand && !last || !isCandidate(line) {
		return
	}
	w.transcriptLine(fs, line, last)
}
