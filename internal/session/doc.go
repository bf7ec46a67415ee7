// Package session is Claude Code's session transcript model: reading a
// transcript as a stream of lines, the envelope of each line (type, uuid,
// parentUuid, sidechain, timestamp), the parentUuid chain Claude Code sends
// when a session is resumed, where sessions live on disk, whether one is in
// use, and replacing one atomically with a backup.
//
// A transcript is a JSON Lines file, ~/.claude/projects/<project>/<id>.jsonl,
// written in compact JSON, one object per line. Lines that carry a "uuid"
// form a tree through "parentUuid"; the conversation Claude Code sends on
// resume is the path from the last main-thread line back to the root, or to
// the nearest compaction boundary (a line whose parentUuid is null). Lines
// with "isSidechain": true belong to subagents and are never on the main
// chain.
//
// Nothing here holds a whole transcript: [Reader] yields one line at a time
// (a line may be large, up to [DefaultMaxLine]), [Parse] reads a line
// without copying its strings, and the chain is kept as small per-line
// records.
package session
