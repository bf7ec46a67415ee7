// Package scan counts the documented Claude Code errors in transcripts and
// logs on disk: which errors happened, how often, when and in which sessions.
//
// # Inputs
//
// [Run] reads files, folders (walked recursively), glob patterns and "-"
// (standard input). Each file is one of:
//
//   - a Claude Code transcript: JSON lines, one object per line, as written
//     under ~/.claude/projects/<project>/<session>.jsonl. A file is read as a
//     transcript when its name (without .gz) ends in .jsonl, or when its
//     first line is a JSON object naming a session ("sessionId" or the
//     stream-json "session_id");
//   - a plain text log: anything else;
//   - either of those compressed with gzip, recognised by its magic bytes
//     whatever the file is called.
//
// Inside a walked folder only files ending in .jsonl, .log, .txt or .out
// (optionally followed by .gz) are read; a file named explicitly is always read.
//
// # Events
//
// In a transcript, an event is a line Claude Code wrote because a request
// failed, never a line that merely quotes an error:
//
//   - a retry: "type":"system","subtype":"api_error" (or the stream-json
//     "subtype":"api_retry"), written before each new attempt; it keeps the
//     attempt number (retryAttempt), the maximum (maxRetries) and the delay
//     (retryInMs);
//   - a final failure: a synthetic assistant message with
//     "isApiErrorMessage":true (or "is_api_error_message":true), the text the
//     person saw.
//
// Each event is classified by the matcher, first on the text shown (the
// final message's content, the retry's error.formatted), then on the raw
// detail (errorDetails, error.message). When the matcher finds nothing the
// structured fields decide: apiError, then the connection fields, then the
// API error type, then the HTTP status, as package classify decides them
// for a live response with the same facts. An event nothing can place is
// counted under the id "unknown".
//
// In a plain log every line that carries a documented error is one event,
// timed by a leading RFC 3339 or ISO 8601 timestamp when the line starts
// with one. A line the matcher reports with a retry attempt ("attempt 3/10")
// is a retry; any other is a final failure.
//
// # Poisoned sessions
//
// When [Options.CheckSession] is set (the CLI passes repair's detector),
// every uncompressed file named *.jsonl is also handed to it as it is read:
// the bytes the scan reads go through a pipe to the check on a goroutine of
// its own, so the file is read once and the check keeps only its own line
// buffer. A transcript with findings that cause a catalog error is listed
// in [Report.Poisoned] with the command that mends it. Gzip files and
// standard input are not checked: `ccerr repair` cannot mend them in place.
// A check that fails, or stops reading before the end, gives no row.
//
// # Speed and memory
//
// Files are scanned in parallel by [Options.Workers] goroutines, each with
// one reusable buffer, so memory does not grow with file sizes. In a
// transcript, a block of lines is first searched for the few byte strings
// every event line carries ("api_error", "ApiErrorMessage", "api_retry");
// only the lines that contain one are decoded as JSON. Results are merged
// and sorted, so the report never depends on scheduling.
//
// # Damage
//
// Damaged input never stops a scan. A missing or unreadable file, a line
// that is not a JSON object in a transcript, a truncated last line, a gzip
// stream that ends early or is corrupt, a line longer than
// [Options.MaxLine] (skipped in bounded memory) and an event line that is
// not valid UTF-8 are each counted in [Report.Skipped] and the scan goes on.
// Line-level checks look at every line's shape (a transcript line must start
// with "{" and end with "}"), but UTF-8 validity is checked only on lines
// that carry an event, because those are the only lines read further.
package scan
