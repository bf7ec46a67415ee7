package session

import (
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLine is the longest line [Reader] returns whole: enough for a
// PDF at the API's 32 MB request limit in base64.
const DefaultMaxLine = 64 << 20

// readChunk is the least a refill asks the source for.
const readChunk = 256 << 10

// Line is one line of a transcript.
type Line struct {
	// No is the 1-based line number.
	No int
	// Offset is the byte offset of the line's first byte in the file.
	Offset int64
	// Bytes is the line without its line ending. It is valid until the
	// next call to Next; nil when the line was too long to keep.
	Bytes []byte
	// Len is the length of the line without its line ending, also when it
	// was too long to keep.
	Len int64
	// EOL is the length of the line ending: 1 for "\n", 2 for "\r\n", 0
	// for a last line without one.
	EOL int
	// TooLong is true when the line exceeded the reader's limit; Bytes is
	// nil then.
	TooLong bool
}

// Reader reads a transcript one line at a time in bounded memory: its
// buffer grows to the longest line it keeps, at most MaxLine.
type Reader struct {
	r     io.Reader
	max   int
	buf   []byte
	start int // first unread byte in buf
	end   int // end of data in buf
	eof   bool
	err   error
	line  Line
	no    int
	off   int64
}

// NewReader returns a reader of r. maxLine bounds the longest line kept
// whole; zero or less means [DefaultMaxLine].
func NewReader(r io.Reader, maxLine int) *Reader {
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	return &Reader{r: r, max: maxLine, buf: make([]byte, 64<<10)}
}

// Next advances to the next line and reports whether there is one. At the
// end, or after a read error, it returns false; [Reader.Err] tells which.
func (r *Reader) Next() bool {
	for {
		if i := indexNL(r.buf[r.start:r.end]); i >= 0 {
			r.emit(r.buf[r.start:r.start+i], 1)
			r.start += i + 1
			return true
		}
		if r.eof {
			if r.start < r.end {
				r.emit(r.buf[r.start:r.end], 0)
				r.start = r.end
				return true
			}
			return false
		}
		if r.end-r.start >= r.max {
			return r.skipLong()
		}
		r.fill()
	}
}

// emit sets the current line from data (without "\n"); eol is 1 when a
// newline ended it.
func (r *Reader) emit(data []byte, eol int) {
	if eol == 1 && len(data) > 0 && data[len(data)-1] == '\r' {
		data = data[:len(data)-1]
		eol = 2
	}
	r.no++
	r.line = Line{No: r.no, Offset: r.off, Bytes: data, Len: int64(len(data)), EOL: eol}
	if len(data) > r.max {
		r.line.Bytes, r.line.TooLong = nil, true
	}
	r.off += int64(len(data) + eol)
}

// fill reads more data, moving or growing the buffer as needed.
func (r *Reader) fill() {
	if r.start > 0 && (r.start == r.end || len(r.buf)-r.end < readChunk) {
		r.end = copy(r.buf, r.buf[r.start:r.end])
		r.start = 0
	}
	if len(r.buf)-r.end < readChunk {
		grown := make([]byte, min(max(2*len(r.buf), r.end+readChunk), r.max+readChunk))
		copy(grown, r.buf[:r.end])
		r.buf = grown
	}
	n, err := r.r.Read(r.buf[r.end:])
	r.end += n
	if err != nil {
		r.eof = true
		if !errors.Is(err, io.EOF) {
			r.err = fmt.Errorf("session: read: %w", err)
		}
	}
}

// skipLong passes over a line longer than the limit, counting its length.
func (r *Reader) skipLong() bool {
	n := int64(r.end - r.start)
	r.start, r.end = 0, 0
	for {
		if r.eof {
			break
		}
		r.fill()
		if i := indexNL(r.buf[r.start:r.end]); i >= 0 {
			n += int64(i)
			r.start += i + 1
			r.no++
			eol := 1
			r.line = Line{No: r.no, Offset: r.off, Len: n, EOL: eol, TooLong: true}
			r.off += n + 1
			return true
		}
		n += int64(r.end - r.start)
		r.start, r.end = 0, 0
	}
	r.no++
	r.line = Line{No: r.no, Offset: r.off, Len: n, TooLong: true}
	r.off += n
	return true
}

// Line returns the current line.
func (r *Reader) Line() Line { return r.line }

// Err returns the read error that ended the lines, or nil at a clean end.
func (r *Reader) Err() error { return r.err }
