package mock

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/redact"
)

// Request is one request the server received, as recorded before it was
// answered.
type Request struct {
	// Time is when the handler started.
	Time time.Time
	// Method, Path and Query are as received (Query without the "?").
	Method, Path, Query string
	// Header is the parsed header; net/http canonicalises its names.
	Header http.Header
	// RawHeader is the request line and header block byte for byte as the
	// client sent them, ending with the blank line. It is empty when the
	// handler ran without this package's listener.
	RawHeader string
	// BodySize is the body's length in bytes; Body its first
	// Config.BodyLimit bytes.
	BodySize int64
	Body     []byte
	// Scenario is the scenario that answered; empty when the path or
	// method is not one the mock serves or the body was too large.
	Scenario string
	// Status is the status answered; 0 when no HTTP response was sent
	// (reset, hang).
	Status int
	// RequestID is the request id the answer carries (request-id header and
	// body request_id), whether or not the scenario sent one.
	RequestID string
}

// Field is one header line: a name as the client spelled it, and its value.
type Field struct {
	Name, Value string
}

// Fields returns the header lines in the order received, names spelled as
// received when RawHeader is known (canonical and sorted otherwise).
func (r *Request) Fields() []Field {
	if r.RawHeader != "" {
		return rawFields(r.RawHeader)
	}
	var out []Field
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			out = append(out, Field{name, v})
		}
	}
	return out
}

// rawFields splits a raw header block into fields, skipping the request line.
func rawFields(raw string) []Field {
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n\r\n"), "\r\n")
	var out []Field
	for _, line := range lines[1:] {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		out = append(out, Field{name, strings.TrimSpace(value)})
	}
	return out
}

// Mask hides a credential's value the way every ccerr log does
// ([redact.Value]): an auth scheme and a key's public prefix are kept, then
// at most the last four characters ("Bearer sk-ant-oat01-…1234"); a value
// shorter than 16 characters is shown only by its length.
func Mask(value string) string { return redact.Value(value) }

// finish records a request and logs it.
func (s *Server) finish(r Request) {
	s.record(r)
	if s.cfg.Log == nil {
		return
	}
	line := logLine(&r)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.cfg.Log.Write(line)
}

// logLine renders a request as one JSON object and a newline. Headers are an
// object in the order received; credentials in headers and in the query are
// masked by the one rule of package redact (by name and by the shape of the
// value). A repeated name's values are joined with ", ".
func logLine(r *Request) []byte {
	var b bytes.Buffer
	str := func(v string) {
		data, _ := json.Marshal(v)
		b.Write(data)
	}
	b.WriteString(`{"time":`)
	str(r.Time.UTC().Format(time.RFC3339Nano))
	b.WriteString(`,"method":`)
	str(r.Method)
	b.WriteString(`,"path":`)
	str(r.Path)
	if r.Query != "" {
		b.WriteString(`,"query":`)
		str(redact.Query(r.Query))
	}
	b.WriteString(`,"scenario":`)
	str(r.Scenario)
	b.WriteString(`,"status":`)
	b.WriteString(strconv.Itoa(r.Status))
	b.WriteString(`,"request_id":`)
	str(r.RequestID)
	b.WriteString(`,"body_bytes":`)
	b.WriteString(strconv.FormatInt(r.BodySize, 10))
	b.WriteString(`,"headers":{`)
	var names []string
	values := map[string][]string{}
	for _, f := range r.Fields() {
		if _, seen := values[f.Name]; !seen {
			names = append(names, f.Name)
		}
		values[f.Name] = append(values[f.Name], redact.Header(f.Name, f.Value))
	}
	for i, name := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		str(name)
		b.WriteByte(':')
		str(strings.Join(values[name], ", "))
	}
	b.WriteString("}}\n")
	return b.Bytes()
}
