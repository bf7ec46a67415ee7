package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
)

// eventMarkers are the byte strings that make a transcript line an event
// candidate: Claude Code's session files write "subtype":"api_error" on
// retry lines and "isApiErrorMessage":true on final messages; the
// stream-json output of claude -p writes "subtype":"api_retry" and
// "is_api_error_message":true. Each stands outside any JSON string (a
// quote inside a string is escaped), so an error quoted in a message does
// not produce one, and only candidates are decoded.
var eventMarkers = [][]byte{
	[]byte(`"subtype":"api_error"`),
	[]byte(`"isApiErrorMessage":true`),
	[]byte(`"subtype":"api_retry"`),
	[]byte(`"is_api_error_message":true`),
}

// The block search looks for shorter anchors that start with a byte that
// is rare in transcripts ('_' and 'A'), because bytes.IndexByte on such a
// byte runs at memory speed while a search for a string starting with '"'
// stops at every JSON token. Every event marker contains an anchor; what an
// anchor finds is confirmed against eventMarkers on its line.
var (
	underscoreTails = [][]byte{[]byte(`_error"`), []byte(`_retry"`), []byte(`_error_message":true`)}
	capitalAnchor   = []byte(`ApiErrorMessage":true`)
)

// findAnchors appends to hits the offsets in data where an anchor starts.
func findAnchors(data []byte, hits []int) []int {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '_')
		if j < 0 {
			break
		}
		i += j
		for _, t := range underscoreTails {
			if bytes.HasPrefix(data[i:], t) {
				hits = append(hits, i)
				break
			}
		}
		i++
	}
	for off := 0; ; {
		i := bytes.Index(data[off:], capitalAnchor)
		if i < 0 {
			break
		}
		hits = append(hits, off+i)
		off += i + len(capitalAnchor)
	}
	return hits
}

// isCandidate reports whether a line holds an event marker.
func isCandidate(line []byte) bool {
	for _, mk := range eventMarkers {
		if bytes.Contains(line, mk) {
			return true
		}
	}
	return false
}

// transcriptLine is the part of a transcript line scan reads. Fields from
// Claude Code's session files and from `claude -p --output-format
// stream-json` are both listed; a line has one set or the other.
type transcriptLine struct {
	Type      string          `json:"type"`
	Subtype   string          `json:"subtype"`
	Timestamp string          `json:"timestamp"`
	SessionID string          `json:"sessionId"`
	Cwd       string          `json:"cwd"`
	Error     json.RawMessage `json:"error"` // an object on retry lines, a string on final messages

	// Retry lines.
	RetryInMs    float64 `json:"retryInMs"`
	RetryAttempt int     `json:"retryAttempt"`
	MaxRetries   int     `json:"maxRetries"`

	// Final messages.
	IsAPIErrorMessage bool   `json:"isApiErrorMessage"`
	APIErrorStatus    int    `json:"apiErrorStatus"`
	APIErrorType      string `json:"apiErrorType"`
	APIError          string `json:"apiError"`
	ErrorDetails      string `json:"errorDetails"`
	Message           struct {
		Content json.RawMessage `json:"content"`
	} `json:"message"`

	// stream-json.
	StreamSession   string  `json:"session_id"`
	Attempt         int     `json:"attempt"`
	StreamMaxRetry  int     `json:"max_retries"`
	RetryDelayMs    float64 `json:"retry_delay_ms"`
	ErrorStatus     int     `json:"error_status"`
	StreamIsAPIErr  bool    `json:"is_api_error_message"`
	StreamAPIStatus int     `json:"api_error_status"`
	StreamAPIType   string  `json:"api_error_type"`
}

// retryError is the error object of a retry line.
type retryError struct {
	Message    string `json:"message"`
	Status     int    `json:"status"`
	Formatted  string `json:"formatted"`
	Connection *struct {
		Code       string `json:"code"`
		IsSSLError bool   `json:"isSSLError"`
	} `json:"connection"`
	RateLimits json.RawMessage `json:"rateLimits"`
}

// contentBlock is one block of a message's content.
type contentBlock struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// decodeLine decodes a candidate line. Values of the wrong type (a string
// where a number belongs) are ignored rather than fatal: one odd field must
// not hide an event. ok is false when the line is not JSON at all.
func decodeLine(line []byte, tl *transcriptLine) bool {
	err := json.Unmarshal(line, tl)
	var typeErr *json.UnmarshalTypeError
	return err == nil || errors.As(err, &typeErr)
}

// transcriptLine reads the event a candidate line holds, if any.
func (w *worker) transcriptLine(fs *fileState, line []byte, last bool) {
	if !utf8.Valid(line) {
		fs.skips.line(InvalidUTF8, fs.lineNo)
		return
	}
	var tl transcriptLine
	if !decodeLine(line, &tl) {
		if last {
			fs.skips.line(Truncated, fs.lineNo)
		} else {
			fs.skips.line(NotJSON, fs.lineNo)
		}
		return
	}
	e, ok := w.eventOf(&tl)
	if !ok {
		return
	}
	if e.session == "" {
		e.session = fs.session
	}
	if e.project == "" {
		e.project = fs.project
	}
	w.add(&e)
}

// eventOf turns a decoded line into an event; ok is false for lines that
// are not events (a user message quoting an error, a result summary).
func (w *worker) eventOf(tl *transcriptLine) (e event, ok bool) {
	e.session = tl.SessionID
	if e.session == "" {
		e.session = tl.StreamSession
	}
	e.project = tl.Cwd
	if tl.Timestamp != "" {
		if t, err := time.Parse(time.RFC3339Nano, tl.Timestamp); err == nil {
			e.time = t
		}
	}
	switch {
	case tl.Type == "system" && tl.Subtype == "api_error":
		e.kind = Retry
		e.attempt, e.max, e.delayMs = tl.RetryAttempt, tl.MaxRetries, tl.RetryInMs
		var re retryError
		if len(tl.Error) > 0 && tl.Error[0] == '{' {
			_ = json.Unmarshal(tl.Error, &re)
		}
		e.id = w.classify(re.Formatted, re.Message)
		if e.id == "" {
			f := fallback{status: re.Status, message: re.Message + " " + re.Formatted}
			if c := re.Connection; c != nil {
				f.connCode, f.ssl = c.Code, c.IsSSLError
			}
			f.rateLimits = re.RateLimits
			e.id = f.id()
		}
		return e, true
	case tl.Type == "system" && tl.Subtype == "api_retry":
		e.kind = Retry
		e.attempt, e.max, e.delayMs = tl.Attempt, tl.StreamMaxRetry, tl.RetryDelayMs
		e.id = (&fallback{status: tl.ErrorStatus, category: jsonString(tl.Error)}).id()
		return e, true
	case tl.IsAPIErrorMessage || tl.StreamIsAPIErr:
		e.kind = Final
		text := contentText(tl.Message.Content)
		e.id = w.classify(text, tl.ErrorDetails)
		if e.id == "" {
			f := fallback{
				status:   max(tl.APIErrorStatus, tl.StreamAPIStatus),
				errType:  tl.APIErrorType + tl.StreamAPIType,
				apiError: tl.APIError,
				category: jsonString(tl.Error),
				message:  text + " " + tl.ErrorDetails,
			}
			e.id = f.id()
		}
		return e, true
	}
	return e, false
}

// classify returns the id of the first documented error the matcher finds
// in the texts, tried in order, or "".
func (w *worker) classify(texts ...string) catalog.ID {
	for _, s := range texts {
		for line := range strings.Lines(s) {
			if f := w.matcher.FindLine([]byte(line)); len(f) > 0 {
				return f[0].ID
			}
		}
	}
	return ""
}

// contentText joins the text blocks of a message's content, which is either
// a string or a list of blocks.
func contentText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	if raw[0] == '"' {
		return jsonString(raw)
	}
	var blocks []contentBlock
	if json.Unmarshal(raw, &blocks) != nil {
		return ""
	}
	var b strings.Builder
	for _, bl := range blocks {
		if bl.Type != "text" || bl.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// jsonString decodes raw when it is a JSON string, else returns "".
func jsonString(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
