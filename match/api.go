package match

// This file fixes the package's public API so that other packages can be
// written against it; the implementation lives in the other files.

import "github.com/ccerr/ccerr/catalog"

// Fields are the values the matcher could extract around a hit. Keys are
// stable and documented: "status" (HTTP status, "529"), "error_type"
// ("overloaded_error"), "request_id" ("req_…"), "model" ("claude-opus-4-7"),
// "limit" ("weekly limit"), "resets" (reset text as printed), "code"
// (errno-style or TLS code, "ECONNREFUSED"), "attempt" ("3"),
// "max_attempts" ("10"), "retry_in" (delay as printed, "4s"). Absent keys
// were not found.
type Fields map[string]string

// Found is one occurrence of an entry inside one logical line.
type Found struct {
	ID     catalog.ID // catalog id
	Start  int        // byte offset of the match in the line passed to FindLine
	End    int        // byte offset just past the match
	Fields Fields     // values extracted from this occurrence; may be nil
}

// Hit aggregates every occurrence of one entry in a text.
type Hit struct {
	ID      catalog.ID // catalog id
	Count   int        // number of occurrences
	Line    int        // 1-based line number of the first occurrence
	Excerpt string     // the first occurrence with a little context, cleaned of ANSI escapes, at most ~200 bytes
	Fields  Fields     // fields from the first occurrence, completed by later ones
}
