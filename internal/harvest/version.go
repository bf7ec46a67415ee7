package main

import (
	"fmt"
	"strconv"
	"strings"
)

// version is a parsed x.y.z release number.
type version [3]int

func parseVersion(s string) (version, error) {
	var v version
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return v, fmt.Errorf("release %q is not of the form x.y.z", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, fmt.Errorf("release %q is not of the form x.y.z", s)
		}
		v[i] = n
	}
	return v, nil
}

// less orders releases by number, not by text (2.1.9 before 2.1.10).
func (v version) less(w version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

func (v version) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }
