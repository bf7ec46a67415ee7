package probe

import "strings"

// StreamError returns the first "event: error" of a server-sent event
// stream, or nil: a 200 that turned into an error mid-stream (a gateway may
// stream even when asked not to).
func StreamError(body []byte) []byte {
	for block := range strings.SplitSeq(strings.ReplaceAll(string(body), "\r\n", "\n"), "\n\n") {
		if strings.HasPrefix(block, "event: error\n") || strings.HasPrefix(block, "event:error\n") {
			return []byte(block)
		}
	}
	return nil
}
