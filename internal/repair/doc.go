// Package repair finds what makes a Claude Code session fail on every turn
// and mends it.
//
// [Check] reads a transcript once, as a stream, and follows the chain Claude
// Code sends when the session is resumed (see package session). It reports
// four classes of finding, each with the line, message uuid and timestamp,
// the catalog entry the problem causes, and the mend:
//
//   - tool: a tool_use with no tool_result in the next user turn (mend: add
//     a tool_result marked as an error that says the result was lost), a
//     tool_result whose tool_use_id is not in the previous assistant turn,
//     and repeated tool ids (mend: drop the block);
//   - media: images over the byte or pixel limits, unreadable images, more
//     images than a request may carry, PDFs over the page or size limit,
//     encrypted or invalid, and a conversation over the request-size limit
//     (mend: replace the medium with a short text that says what was removed
//     and why). Sizes, dimensions and page counts are read from the data;
//   - thinking: thinking blocks with an empty or missing signature, from
//     another model, or from a signer the API already rejected (mend: drop
//     the block);
//   - damage: lines that are not JSON or were cut off (mend: drop the line)
//     and a parentUuid that names no line (mend: re-link to the nearest
//     earlier line).
//
// [Apply] writes the mended transcript: every line no mend names is copied
// byte for byte. [File] does both for a file on disk, refusing a session
// that looks in use, with a backup and an atomic replace.
package repair
