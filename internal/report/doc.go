// Package report renders the error report page: one self-contained HTML
// file with a timeline drawn as SVG on the server side, a table per error
// entry, the share of failures on Anthropic's side ("them or me") and
// filters. The page loads nothing from the network (its Content Security
// Policy forbids it) and reads the same with scripts off; a small inline
// script only applies the filters in the browser.
//
// The page renders from a [Data], built from a scan ([FromScan]) or from
// the collect store ([FromStore]). [Handler] serves it over HTTP.
package report
