package main

import (
	"bytes"
	"slices"
	"testing"
)

// The scan of an executable skips machine code but keeps the embedded
// source, including a literal that straddles the edge of a text run.
func TestTextRegions(t *testing.T) {
	binary := bytes.Repeat([]byte{0, 1, 2, 0xff, 0x7f, 3}, 4*blockSize/6)
	source := bytes.Repeat([]byte("var a=\"Credit balance is too low\";\n"), 3*blockSize/35)
	src := slices.Concat(binary, []byte(`x="Prompt is too long";`), source, binary)
	regions := textRegions(src)
	total := 0
	for _, r := range regions {
		total += len(r)
	}
	if len(regions) != 1 || total >= len(src)/2 {
		t.Fatalf("%d regions of %d bytes in all, want one of far less than %d", len(regions), total, len(src))
	}
	got := candidates(src)
	for _, want := range []string{"Credit balance is too low", "Prompt is too long"} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if small := textRegions([]byte("abc")); len(small) != 1 || string(small[0]) != "abc" {
		t.Errorf("small input: %q", small)
	}
}
