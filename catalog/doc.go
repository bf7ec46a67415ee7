// Package catalog holds every runtime error Claude Code documents, as data
// embedded in the binary.
//
// Each [Entry] has a stable id (see [IDs]), a [Category], the [Side] the fault
// is on, the exact messages Claude Code prints (kept verbatim, old and new),
// the patterns that recognise them in arbitrary text, the raw API or network
// failures that produce it ([Trigger]), whether Claude Code retries it, and an
// explanation with fixes in English and Chinese.
//
// The catalog is the project's single source of truth: the matcher, the
// classifier, the mock server and the CLI all read it and restate none of it.
//
//	c, err := catalog.Default()
//	if err != nil { ... }
//	e, _ := c.Lookup("overloaded")
//	fmt.Println(e.In("en").Title)
package catalog
