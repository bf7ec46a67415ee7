package main

import "testing"

func TestVersionOrder(t *testing.T) {
	a, _ := parseVersion("2.1.9")
	b, _ := parseVersion("2.1.10")
	if !a.less(b) || b.less(a) {
		t.Error("2.1.9 must sort before 2.1.10")
	}
	for _, bad := range []string{"", "2.1", "2.1.x", "2.1.-1", "1.2.3.4"} {
		if _, err := parseVersion(bad); err == nil {
			t.Errorf("parseVersion(%q) accepted", bad)
		}
	}
}
