// Command harvest collects the error, retry and limit messages that
// published Claude Code releases contain, and writes them to
// catalog/data/harvest.json and docs/wordings.md.
//
// It never runs Claude Code. bench/harvest.sh fetches the npm tarballs
// (`npm pack`) and calls
//
//	go run ./internal/harvest -extract FILE.tgz -release X.Y.Z -cache DIR
//
// for each release, which reads every JavaScript string literal of the
// bundle (package/cli.js or cli.mjs of the JavaScript releases,
// package/claude of the native per-platform packages, whose executable embeds
// the same source). A template literal's ${…} becomes "...". Then
//
//	go run ./internal/harvest -cache DIR -out catalog/data/harvest.json -docs docs/wordings.md
//
// merges the releases: each distinct text with the first and last harvested
// release that holds it.
//
// # Which texts are kept
//
// A literal is a candidate when it is sentence-shaped (12 to 600
// characters, three words or more, mostly letters, no control characters,
// nothing that looks like code) and on a topic the catalog covers (API
// errors, retries, overload, rate and usage limits, credit, login, API keys,
// OAuth, connections, TLS, prompt and request size, compaction, images,
// PDFs, models, thinking, tool use, …; see filter.go).
//
// A candidate gets the catalog id of the first rule of assign.json whose
// pattern matches it. The rules are written to be narrow: a text whose
// wording belongs to an entry, as Claude Code prints it (or as the API or
// the bundled Anthropic SDK word it and Claude Code shows it). A candidate
// no rule claims is kept with id "" only when it is worded as a failure, a
// limit or a retry, names a catalog subject, and matches no drop rule of
// assign.json (MCP servers, plugins, hooks, git, plan mode, the internals of
// bundled TLS, HTTP, gRPC, cloud and identity libraries, each rule with its
// reason). Everything else is dropped. The unassigned texts are listed in
// docs/wordings.md as wordings the catalog may still lack.
//
// Changing assign.json needs no download: re-run the merge on the cache, or
// check with `go test ./internal/harvest`, which fails when the committed
// data no longer agrees with the rules or the docs page is stale.
package main

//go:generate go run . -docs ../../docs/wordings.md -out ../../catalog/data/harvest.json
