package match

import "testing"

// fold lowers ASCII letters and nothing else.
func TestFold(t *testing.T) {
	if len(fold) != 256 {
		t.Fatalf("len(fold) = %d", len(fold))
	}
	for i := range 256 {
		want := byte(i)
		if 'A' <= i && i <= 'Z' {
			want = byte(i + 'a' - 'A')
		}
		if fold[i] != want {
			t.Errorf("fold[%#x] = %#x, want %#x", i, fold[i], want)
		}
	}
}
