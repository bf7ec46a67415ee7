package match

import (
	"slices"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// oracleSeeds are lines the fuzzer starts from: every message of the
// catalog, alone and in noise, and lines that hold several.
func oracleSeeds() []string {
	var seeds []string
	var all []string
	for _, e := range catalog.MustDefault().Entries() {
		for _, m := range e.Messages {
			seeds = append(seeds, m.Text, "\x1b[31m● "+m.Text+"\x1b[0m", `{"msg":"`+strings.ReplaceAll(m.Text, `"`, `\"`)+`"}`)
			all = append(all, m.Text)
		}
	}
	seeds = append(seeds, strings.Join(all[:12], " | "), strings.Join(all[10:20], " "), "Prompt is too long\n  Credit balance is too low",
		"the request timed out twice", "npm ERR! code ECONNREFUSED")
	return seeds
}

// FindLine finds the entries the oracle finds, in the same order.
func FuzzFindLineOracle(f *testing.F) {
	for _, s := range oracleSeeds() {
		f.Add([]byte(s))
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var got []catalog.ID
		for _, x := range m.FindLine(line) {
			got = append(got, x.ID)
		}
		if want := oracleFind(line); !slices.Equal(got, want) {
			t.Fatalf("FindLine(%q) = %v, the oracle finds %v", line, got, want)
		}
	})
}

// Text on a single line reports the entries the oracle finds, each once, in
// order of first appearance.
func FuzzTextOracle(f *testing.F) {
	for _, s := range oracleSeeds() {
		if !strings.Contains(s, "\n") {
			f.Add(s)
		}
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, _, _ := strings.Cut(s, "\n")
		var got []catalog.ID
		for _, h := range m.Text(line) {
			got = append(got, h.ID)
		}
		var want []catalog.ID
		for _, id := range oracleFind([]byte(line)) {
			if !slices.Contains(want, id) {
				want = append(want, id)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("Text(%q) = %v, the oracle finds %v", line, got, want)
		}
	})
}
