package main

// blockSize is the unit in which textRegions judges an executable.
const blockSize = 64 << 10

// textRegions returns the parts of src that may hold JavaScript source:
// runs of blockSize blocks in which at least 95% of the bytes are printable
// ASCII, tab, line ends or bytes of multi-byte UTF-8, each run widened by one
// block on both sides so a literal across the edge of a run is not cut. A
// native Claude Code executable is mostly machine code and data; its
// embedded source is a few such runs, so scanning only them saves most of
// the work. A src of one block or less is returned whole.
func textRegions(src []byte) [][]byte {
	if len(src) <= blockSize {
		return [][]byte{src}
	}
	n := (len(src) + blockSize - 1) / blockSize
	texty := make([]bool, n)
	for b := range n {
		block := src[b*blockSize : min(len(src), (b+1)*blockSize)]
		ok := 0
		for _, c := range block {
			if c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r' || c >= 0x80 {
				ok++
			}
		}
		texty[b] = ok*100 >= len(block)*95
	}
	var out [][]byte
	for b := 0; b < n; {
		if !texty[b] {
			b++
			continue
		}
		end := b
		for end < n && texty[end] {
			end++
		}
		lo := max(0, b-1) * blockSize
		hi := min(len(src), (end+1)*blockSize)
		out = append(out, src[lo:hi])
		b = end
	}
	return out
}
