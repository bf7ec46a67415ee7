package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed tables and synthetic logs are exactly what the generator
// makes of the committed corpus: go generate ./match changes nothing.
func TestTablesUpToDate(t *testing.T) {
	logs, err := os.ReadFile("corpus/logs.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(logs, syntheticLogs(logsSize)) {
		t.Error("corpus/logs.txt is not what syntheticLogs writes: run go run ./match/internal/genfreq -logs match/internal/genfreq/corpus/logs.txt")
	}
	texts, err := readCorpus("corpus")
	if err != nil {
		t.Fatal(err)
	}
	quads, pairs := tables(texts)
	for name, want := range map[string][]byte{"../index/quadfreq.go": quads, "../index/pairfreq.go": pairs} {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the corpus gives: run go generate ./match", name)
		}
	}
}

// Counting is by class and case folded; runs are cut by other bytes.
func TestTablesCount(t *testing.T) {
	quads, pairs := tables([][]byte{[]byte("ABCD abcd, x-y_z")})
	if !bytes.Contains(quads, []byte(`{"abcd", `)) || !bytes.Contains(quads, []byte(`{"-y_z", `)) || bytes.Contains(quads, []byte(`"cd a"`)) {
		t.Errorf("quads:\n%s", quads)
	}
	if !bytes.Contains(pairs, []byte("var pairFreq = [38 * 38]uint32{")) {
		t.Errorf("pairs:\n%s", pairs)
	}
}
