// Command genfreq writes the matcher's frequency tables,
// match/internal/index/quadfreq.go and match/internal/index/pairfreq.go,
// from the corpus of mixed text in its corpus folder.
//
// Run it from the match folder through go generate:
//
//	go generate ./match
//
// The corpus (see corpus/README.md) is code, prose and logs of several kinds.
// logs.txt is itself generated, from a fixed seed, by
//
//	go run ./match/internal/genfreq -logs match/internal/genfreq/corpus/logs.txt
//
// so every table can be rebuilt byte for byte.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ccerr/ccerr/internal/atomicfile"
)

func main() {
	corpus := flag.String("corpus", "internal/genfreq/corpus", "folder holding the corpus (*.txt)")
	out := flag.String("out", "internal/index", "folder to write quadfreq.go and pairfreq.go into")
	logs := flag.String("logs", "", "write the synthetic logs of the corpus to this file and stop")
	flag.Parse()
	if err := run(*corpus, *out, *logs); err != nil {
		fmt.Fprintln(os.Stderr, "genfreq:", err)
		os.Exit(1)
	}
}

func run(corpus, out, logs string) error {
	if logs != "" {
		return os.WriteFile(logs, syntheticLogs(logsSize), 0o644)
	}
	texts, err := readCorpus(corpus)
	if err != nil {
		return err
	}
	quads, pairs := tables(texts)
	if err := atomicfile.Write(filepath.Join(out, "quadfreq.go"), quads, 0o644); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(out, "pairfreq.go"), pairs, 0o644)
}

// readCorpus returns the contents of the *.txt files of dir, in name order.
func readCorpus(dir string) ([][]byte, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no *.txt file in %s", dir)
	}
	var texts [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		texts = append(texts, b)
	}
	return texts, nil
}
