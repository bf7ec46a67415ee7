package proxy

import "strings"

// cleanPath resolves the dot segments of a request path so that a request
// cannot leave the upstream's path prefix. It works on the decoded path, so
// that "%2e%2e" and "..%2f" count as the dot segments they decode to, and
// takes a backslash as a slash, as some servers do. It returns the path
// with "." and ".." resolved, whether that differs from p, and false when a
// ".." climbs above the root (out of the prefix), in which case the
// request must be refused.
func cleanPath(p string) (clean string, changed, ok bool) {
	if !strings.Contains(p, ".") {
		return p, false, true // the common case: no dot, no dot segment
	}
	isSep := func(r rune) bool { return r == '/' || r == '\\' }
	segs := strings.FieldsFunc(p, isSep)
	hasDots := false
	for _, s := range segs {
		if s == "." || s == ".." {
			hasDots = true
			break
		}
	}
	if !hasDots {
		return p, false, true
	}
	stack := make([]string, 0, len(segs))
	for _, s := range segs {
		switch s {
		case ".":
		case "..":
			if len(stack) == 0 {
				return "", false, false
			}
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, s)
		}
	}
	clean = "/" + strings.Join(stack, "/")
	last := segs[len(segs)-1]
	if len(stack) > 0 && (isSep(rune(p[len(p)-1])) || last == "." || last == "..") {
		clean += "/"
	}
	return clean, true, true
}
