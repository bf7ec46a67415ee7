package proxy

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzCleanPath checks the oracle: a path cleanPath accepts holds no dot
// segment, decoded or not, and starts at the root; one it refuses has a
// ".." that climbs above the root.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/v1/messages", "/../x", "/a/./b/../c/", "/a/..", "/.%2e/", "/a\\..\\..\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.Parse("http://h" + raw)
		if err != nil || !strings.HasPrefix(u.Path, "/") {
			return
		}
		clean, _, ok := cleanPath(u.Path)
		if !ok {
			depth := 0
			for _, s := range strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' || r == '\\' }) {
				switch s {
				case "..":
					depth--
				case ".":
				default:
					depth++
				}
				if depth < 0 {
					return
				}
			}
			t.Fatalf("cleanPath(%q) refused a path that stays under the root", u.Path)
		}
		if !strings.HasPrefix(clean, "/") {
			t.Fatalf("cleanPath(%q) = %q: not rooted", u.Path, clean)
		}
		for _, s := range strings.FieldsFunc(clean, func(r rune) bool { return r == '/' || r == '\\' }) {
			if s == "." || s == ".." {
				t.Fatalf("cleanPath(%q) = %q keeps a dot segment", u.Path, clean)
			}
		}
	})
}
