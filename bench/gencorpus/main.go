// Command gencorpus writes the seeded corpus bench/scan.sh times ccerr scan
// on, its manifest, and the literal phrases rg searches for.
//
//	go run ./bench/gencorpus -dir /tmp/corpus -size 1G -patterns /tmp/patterns.txt
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/scan/gen"
)

func main() {
	dir := flag.String("dir", "", "folder to write the corpus into (required)")
	size := flag.String("size", "1G", "approximate corpus size: bytes, or a number with K, M or G")
	seed := flag.Uint64("seed", 1, "random seed")
	every := flag.Int("error-every", 2000, "mean number of lines per error event")
	gzipEvery := flag.Int("gzip-every", 0, "gzip every n-th file (0: none)")
	logShare := flag.Float64("log-share", 0.1, "fraction of the bytes written as plain logs (0: none)")
	manifest := flag.String("manifest", "", "write the manifest as JSON to this file")
	patterns := flag.String("patterns", "", "write the literal phrases of the documented errors to this file, one a line")
	perEntry := flag.Bool("patterns-per-entry", false, "write one phrase per catalog entry instead of one per message")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -dir is required")
		os.Exit(2)
	}
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	m, err := gen.Write(*dir, gen.Config{Seed: *seed, Size: n, ErrorEvery: *every, GzipEvery: *gzipEvery, LogShare: logShareConfig(*logShare)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if *manifest != "" {
		b, _ := json.MarshalIndent(m, "", "  ")
		if err := os.WriteFile(*manifest, append(b, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	if *patterns != "" {
		if err := os.WriteFile(*patterns, []byte(strings.Join(phrases(*perEntry), "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d files, %d bytes, %d lines, %d events\n", m.Files, m.Bytes, m.Lines, m.Events)
}

// logShareConfig maps the flag to gen.Config, where zero means the default.
func logShareConfig(f float64) float64 {
	if f <= 0 {
		return -1
	}
	return f
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

// phrases returns the head phrase of each catalog message: the text before
// its first placeholder ("...", "…", "<model>") or separator (" · ", ". "),
// which every variant of the message starts with. With perEntry, only the
// first message of each entry counts.
func phrases(perEntry bool) []string {
	c, err := catalog.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus: catalog:", err)
		os.Exit(1)
	}
	var out []string
	for _, e := range c.Entries() {
		for _, m := range e.Messages {
			head := m.Text
			for _, sep := range []string{"...", "…", "<", " · ", ". ", "\n"} {
				if i := strings.Index(head, sep); i >= 0 {
					head = head[:i]
				}
			}
			head = strings.TrimSpace(head)
			if len(head) < 8 {
				continue
			}
			out = append(out, head)
			if perEntry {
				break
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
