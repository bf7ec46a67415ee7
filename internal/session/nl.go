package session

import "bytes"

// indexNL finds the next newline; bytes.IndexByte runs at memory speed.
func indexNL(b []byte) int { return bytes.IndexByte(b, '\n') }
