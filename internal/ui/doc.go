// Package ui is ccerr's one presentation layer: everything that turns a
// command's result into bytes for a person or a program goes through it.
// Packages that do the work (scan, doctor, mock, proxy) return data;
// internal/cli renders that data with this package.
//
// # What it offers
//
// Styling, only where it is wanted:
//
//   - [ColorEnabled] decides whether a stream gets ANSI colour (a terminal,
//     not TERM=dumb, no NO_COLOR; CLICOLOR_FORCE forces it).
//   - [Style] is the one styler: Bold, Dim, Red, Green, Yellow, Cyan, Code,
//     CodeSpans. Its zero value is plain text.
//   - [StatusLine] and [ClearStatus] draw and erase a line that redraws in
//     place (progress, countdowns), on a terminal only.
//
// Layout:
//
//   - [TermWidth] is the width to lay out in ($COLUMNS, the terminal, 80).
//   - [DisplayWidth], [RuneWidth], [IsWide], [PadRight], [PadLeft],
//     [Truncate] and [Wrap] measure and shape text in terminal columns
//     (CJK counts two, ANSI styling counts nothing).
//   - [Table] is the one table renderer: aligned columns with optional
//     section headings on a terminal, tab-separated values in a pipe.
//     [TSVField] is its escaping of a single field, for callers that write
//     their own tab-separated lines.
//
// Output for programs:
//
//   - [WriteJSON] is the one JSON writer: two-space indentation, a final
//     newline, and no HTML escaping, for every --json.
//
// Safety:
//
//   - [Sanitize] makes text that came from input (a transcript, a file
//     name, a paste, a server's answer) safe to print on one line;
//     [SanitizeLines] does the same but keeps line breaks and tabs. Both
//     remove every terminal control sequence (CSI, OSC, DCS, SOS, PM, APC,
//     in 7-bit and 8-bit forms), control characters, bidirectional
//     overrides and invisible format characters.
//
// Words:
//
//   - [Messages] returns the [MessageSet] of a language: every word ccerr
//     prints outside the catalog, as typed struct fields grouped by command.
//     A missing translation is a test failure (messages_test.go), never a
//     key printed to the user.
//
// # Stability
//
// Other commands build on this API; change it only by adding to it.
package ui
