package classify

import (
	"bytes"

	"github.com/ccerr/ccerr/internal/verdict"
)

// Stream classifies an SSE "event: error" that arrived after a 200 response
// had begun. data is the event's data (the JSON error envelope); a whole
// event, with "event:" and "data:" lines, is accepted too. The Failure's
// Status is the status the error type stands for (529 for
// overloaded_error, 500 for an unknown type) and its Body is the JSON. It
// returns nil when data holds no error at all.
func (c *Classifier) Stream(data []byte) *Failure {
	data = sseData(data)
	b := verdict.ParseBody(data)
	if b.ErrorType == "" && b.Message == "" {
		return nil
	}
	return c.Classify(Parts{Status: verdict.StatusOfType(b.ErrorType), Body: data})
}

// sseData returns the joined "data:" lines of an SSE event, or data itself
// when it has none.
func sseData(data []byte) []byte {
	if !bytes.Contains(data, []byte("data:")) {
		return bytes.TrimSpace(data)
	}
	var out [][]byte
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, "\r\n")
		if rest, ok := bytes.CutPrefix(line, []byte("data:")); ok {
			out = append(out, bytes.TrimPrefix(rest, []byte(" ")))
		}
	}
	if out == nil {
		return bytes.TrimSpace(data)
	}
	return bytes.Join(out, []byte("\n"))
}
